package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.ScaledSum;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Elementwise;

/** Multiplication by a constant: {@code y = factor x}. */
public record Scale(double factor) implements ShapePreserving, ScaledSum {
    @Override
    public String name() {
        return "scale";
    }

    @Override
    public double coefficient(int input) {
        return factor;
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        double[] x = in[0];
        backend.forRange(out.length, (f, t) -> Elementwise.scale(x, factor, out, f, t));
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return ops.mul(t[0], factor);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        return new Tensor[] {ops.mul(g, factor)};
    }
}
