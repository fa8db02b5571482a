package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Layout;

/** Joins operands along an axis; all other extents must agree. */
public record Concat(int axis) implements Primitive {
    @Override
    public String name() {
        return "concat(axis=" + axis + ")";
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException(name() + ": nothing to concatenate");
        }
        Shape first = inputs[0];
        first.axis(axis, name());
        int total = 0;
        for (Shape s : inputs) {
            if (s.rank() != first.rank() || !s.withDim(axis, 1).equals(first.withDim(axis, 1))) {
                throw new ShapeMismatchException(name(), first, s);
            }
            total += s.dim(axis);
        }
        return first.withDim(axis, total);
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        int m = outShape.dim(axis);
        int inner = outShape.inner(axis);
        int offset = 0;
        for (int k = 0; k < in.length; k++) {
            int n = shapes[k].dim(axis);
            double[] x = in[k];
            int before = offset;
            backend.forRange(outShape.outer(axis), n * inner, (f, t) -> Layout.pad(x, n, inner, before, m, out, f, t));
            offset += n;
        }
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        Tensor[] parts = new Tensor[t.length];
        for (int k = 0; k < t.length; k++) {
            parts[k] = Rules.zerosIfNull(ops, t[k], p[k].shape());
        }
        return ops.bind(this, parts);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        Tensor[] r = new Tensor[p.length];
        int offset = 0;
        for (int k = 0; k < p.length; k++) {
            int n = p[k].shape().dim(axis);
            if (wanted[k]) {
                r[k] = ops.slice(g, axis, offset, offset + n);
            }
            offset += n;
        }
        return r;
    }
}
