package org.ferrel.autodiff;

/**
 * A primitive that is an element-wise weighted sum of inputs of its output's shape,
 * {@code y = sum c_i x_i} (a Runge-Kutta stage update, a scaling). Its VJP gives input i the
 * cotangent {@code c_i g}; knowing this, a {@link Tape} over plain evaluation adds {@code c_i g}
 * into each input's adjoint in one pass instead of first forming {@code c_i g} as a new array and
 * then adding it. The rounding is the same: {@code c_i g} is rounded, then added. Being linear,
 * its reverse rule reads no values, so a tape may recycle its inputs early ({@link Ops#recycle}).
 */
public interface ScaledSum extends LinearPrimitive {
    /** The weight {@code c_i} of input {@code input}. */
    double coefficient(int input);
}
