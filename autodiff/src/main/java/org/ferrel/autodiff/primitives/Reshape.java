package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;

/** Same values in row-major order, another shape of the same size. */
public record Reshape(Shape target) implements Primitive {
    @Override
    public String name() {
        return "reshape" + target;
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 1);
        if (inputs[0].size() != target.size()) {
            throw new ShapeMismatchException("reshape: shape " + inputs[0] + " (" + inputs[0].size()
                    + " values) cannot become " + target + " (" + target.size() + " values)");
        }
        return target;
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        System.arraycopy(in[0], 0, out, 0, out.length);
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return ops.reshape(t[0], target);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        return new Tensor[] {ops.reshape(g, p[0].shape())};
    }
}
