package org.ferrel.autodiff;

/**
 * A primitive that is an element-wise weighted sum of inputs of its output's shape,
 * {@code y = sum c_i x_i} (a Runge-Kutta stage update, a scaling). Its VJP gives input i the
 * cotangent {@code c_i g}; knowing this, a {@link Tape} over plain evaluation adds {@code c_i g}
 * into each input's adjoint in one pass instead of first forming {@code c_i g} as a new array and
 * then adding it. The rounding is the same: {@code c_i g} is rounded, then added. Being linear,
 * its reverse rule reads no values, so a tape may recycle its inputs early ({@link Ops#recycle}).
 */
public interface ScaledSum extends Primitive {
    /** The weight {@code c_i} of input {@code input}. */
    double coefficient(int input);

    /** A weighted sum writes every output element. */
    @Override
    default boolean overwritesOutput() {
        return true;
    }

    /** Linear: the reverse rule reads neither the inputs' values nor the output's. */
    @Override
    default boolean vjpReadsInputs() {
        return false;
    }

    @Override
    default boolean vjpReadsOutput() {
        return false;
    }
}
