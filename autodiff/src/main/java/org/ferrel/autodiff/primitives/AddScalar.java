package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Elementwise;

/** Addition of a constant: {@code y = x + offset}. */
public record AddScalar(double offset) implements ShapePreserving {
    @Override
    public String name() {
        return "addScalar";
    }

    /** Writes every output element. */
    @Override
    public boolean overwritesOutput() {
        return true;
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        double[] x = in[0];
        backend.forRange(out.length, (f, t) -> Elementwise.addScalar(x, offset, out, f, t));
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return t[0];
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        return new Tensor[] {g};
    }
}
