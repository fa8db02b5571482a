package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.ContiguousView;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Layout;

/** Entries {@code [from, to)} along {@code axis}; its transpose is zero padding ({@link Pad}). */
public record Slice(int axis, int from, int to) implements ContiguousView {
    @Override
    public String name() {
        return "slice(axis=" + axis + ", " + from + ":" + to + ")";
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 1);
        Shape s = inputs[0];
        s.axis(axis, name());
        if (from < 0 || to > s.dim(axis) || from > to) {
            throw new ShapeMismatchException(name() + ": range out of bounds for shape " + s);
        }
        return s.withDim(axis, to - from);
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        Shape s = shapes[0];
        int n = s.dim(axis);
        int inner = s.inner(axis);
        double[] x = in[0];
        int m = to - from;
        backend.forRange(s.outer(axis), m * inner, (f, t) -> Layout.slice(x, n, inner, from, m, out, f, t));
    }

    /** A slice is one contiguous run when every axis before {@code axis} has length 1. */
    @Override
    public int offset(Shape input) {
        int ax = input.axis(axis, name());
        return input.outer(ax) == 1 ? from * input.inner(ax) : -1;
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return ops.bind(this, t[0]);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        int n = p[0].shape().dim(axis);
        return new Tensor[] {ops.pad(g, axis, from, n - to)};
    }
}
