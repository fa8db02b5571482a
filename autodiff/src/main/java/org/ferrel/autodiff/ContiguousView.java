package org.ferrel.autodiff;

/**
 * A one-input primitive whose output is a contiguous run of its input's values, in order: output
 * element {@code k} is input element {@code offset + k} (a field of a stacked kernel output, a
 * slice along the first axis). Its VJP places the cotangent into that run of an otherwise zero
 * array; knowing this, a {@link Tape} over plain evaluation adds the cotangent into the input's
 * adjoint in place instead of building the zero-padded array and adding it, which for a kernel
 * with several stacked outputs saves several passes over the whole stack per call.
 */
public interface ContiguousView extends Primitive {
    /** Where the output starts in the flat input, or -1 where this instance is not a view. */
    int offset(Shape input);
}
