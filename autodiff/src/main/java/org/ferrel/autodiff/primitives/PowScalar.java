package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Elementwise;

/** {@code y = x^exponent} for a constant exponent; derivative {@code exponent x^(exponent-1)}. */
public record PowScalar(double exponent) implements ShapePreserving {
    @Override
    public String name() {
        return "pow";
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        double[] x = in[0];
        backend.forRange(out.length, (f, t) -> Elementwise.pow(x, exponent, out, f, t));
    }

    private Tensor derivativeTimes(Ops ops, Tensor x, Tensor v) {
        return ops.mul(ops.mul(v, ops.pow(x, exponent - 1.0)), exponent);
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return derivativeTimes(ops, p[0], t[0]);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        return new Tensor[] {derivativeTimes(ops, p[0], g)};
    }
}
