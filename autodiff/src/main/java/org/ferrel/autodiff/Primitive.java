package org.ferrel.autodiff;

import org.ferrel.autodiff.exec.Backend;

/**
 * One differentiable array operation: a plain kernel, its forward-mode rule (JVP) and its
 * reverse-mode rule (VJP).
 *
 * <p>The derivative rules are written with {@link Ops}, not with raw arrays, so they are themselves
 * differentiable: a tape whose base is a {@link Dual} runs the VJP rules on tangent-carrying
 * values, which is how Hessian-vector products (forward over reverse) come without extra code.
 * Implementations are immutable values (records): their fields are the operation's static
 * parameters (an axis, a shift, a target shape).
 *
 * <p>To fuse a hot kernel with hand-written derivative kernels, extend {@link FusedKernel}.
 */
public interface Primitive {
    /** Name used in error messages. */
    String name();

    /**
     * The output shape for these input shapes.
     *
     * @throws ShapeMismatchException naming this operation and the shapes when they do not fit
     */
    Shape outputShape(Shape[] inputs);

    /**
     * Computes the output into {@code out} (of {@code outShape}; zero-filled unless
     * {@link #overwritesOutput}) from plain arrays.
     */
    void evaluate(Backend backend, double[][] inputs, Shape[] shapes, double[] out, Shape outShape);

    /**
     * Whether {@link #evaluate} writes every element of its output whatever the array held before,
     * so that a recycled array need not be zeroed first. False unless an implementation says so.
     */
    default boolean overwritesOutput() {
        return false;
    }

    /**
     * Whether {@link #vjp} (on plain values) reads the values of the inputs. A linear operation's
     * does not, so a tape may recycle an input's value that the code has {@linkplain Ops#recycle
     * given up} once it fed only such operations. True unless an implementation says so.
     */
    default boolean vjpReadsInputs() {
        return true;
    }

    /** Whether {@link #vjp} (on plain values) reads the output's value. True unless an implementation says so. */
    default boolean vjpReadsOutput() {
        return true;
    }

    /**
     * The tangent of the output for the given input tangents, computed with {@code ops} (the level
     * below the forward-mode one). A {@code null} tangent is zero; not all are null. Returns
     * {@code null} when the output tangent is identically zero.
     */
    Tensor jvp(Ops ops, Tensor[] primals, Tensor[] tangents, Tensor output);

    /**
     * The cotangents of the inputs for the output cotangent, computed with {@code ops}. Entries not
     * {@code wanted} may be left {@code null}; a {@code null} entry means zero. Each returned
     * cotangent has the shape of its input.
     */
    Tensor[] vjp(Ops ops, Tensor[] primals, Tensor output, Tensor cotangent, boolean[] wanted);
}
