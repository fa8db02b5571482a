package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Layout;

/**
 * Shift with zero fill along an axis: {@code out[i] = x[i - shift]} where {@code 0 <= i - shift < n},
 * else 0 (a non-periodic stencil neighbour). Its transpose is the shift by {@code -shift}.
 */
public record Shift(int axis, int shift) implements Primitive {
    @Override
    public String name() {
        return "shift(axis=" + axis + ", " + shift + ")";
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 1);
        inputs[0].axis(axis, name());
        return inputs[0];
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        Shape s = shapes[0];
        int n = s.dim(axis);
        int inner = s.inner(axis);
        double[] x = in[0];
        backend.forRange(s.outer(axis), n * inner, (f, t) -> Layout.shift(x, n, inner, shift, out, f, t));
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return ops.bind(this, t[0]);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        return new Tensor[] {ops.bind(new Shift(axis, -shift), g)};
    }
}
