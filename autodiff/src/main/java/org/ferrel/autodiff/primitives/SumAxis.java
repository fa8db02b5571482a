package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Reductions;

/** Sum along one axis, which is removed from the shape. */
public record SumAxis(int axis) implements Primitive {
    @Override
    public String name() {
        return "sum(axis=" + axis + ")";
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 1);
        inputs[0].axis(axis, name());
        return inputs[0].withoutAxis(axis);
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        Shape s = shapes[0];
        int n = s.dim(axis);
        int inner = s.inner(axis);
        double[] x = in[0];
        backend.forRange(out.length, n, (f, t) -> Reductions.sumAxis(x, n, inner, out, f, t));
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return ops.bind(this, t[0]);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        Shape kept = p[0].shape().withDim(axis, 1);
        return new Tensor[] {ops.broadcastTo(ops.reshape(g, kept), p[0].shape())};
    }
}
