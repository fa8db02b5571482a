package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.ScaledSum;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Elementwise;

/**
 * {@code y = a + factor b} for equal shapes, in one pass: the update of every Runge-Kutta stage.
 * Derivatives: {@code dy = da + factor db}; cotangents {@code g} and {@code factor g}.
 */
public record AddScaled(double factor) implements ScaledSum {
    @Override
    public String name() {
        return "addScaled";
    }

    @Override
    public double coefficient(int input) {
        return input == 0 ? 1.0 : factor;
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 2);
        if (!inputs[0].equals(inputs[1])) {
            throw new ShapeMismatchException(name(), inputs[0], inputs[1]);
        }
        return inputs[0];
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        double[] a = in[0];
        double[] b = in[1];
        backend.forRange(out.length, (f, t) -> Elementwise.addScaled(a, factor, b, out, f, t));
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        if (t[0] == null) {
            return ops.mul(t[1], factor);
        }
        if (t[1] == null) {
            return t[0];
        }
        return ops.bind(this, t[0], t[1]);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        return new Tensor[] {g, wanted[1] ? ops.mul(g, factor) : null};
    }
}
