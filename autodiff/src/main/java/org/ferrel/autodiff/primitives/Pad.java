package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Layout;

/** Zero padding along {@code axis}; its transpose is a {@link Slice}. */
public record Pad(int axis, int before, int after) implements Primitive {
    @Override
    public String name() {
        return "pad(axis=" + axis + ", " + before + ", " + after + ")";
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 1);
        Shape s = inputs[0];
        s.axis(axis, name());
        if (before < 0 || after < 0) {
            throw new ShapeMismatchException(name() + ": padding must not be negative");
        }
        return s.withDim(axis, s.dim(axis) + before + after);
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        Shape s = shapes[0];
        int n = s.dim(axis);
        int inner = s.inner(axis);
        int m = n + before + after;
        double[] x = in[0];
        backend.forRange(s.outer(axis), m * inner, (f, t) -> Layout.pad(x, n, inner, before, m, out, f, t));
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return ops.bind(this, t[0]);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        int n = p[0].shape().dim(axis);
        return new Tensor[] {ops.slice(g, axis, before, before + n)};
    }
}
