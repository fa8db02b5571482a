package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Layout;

/** The transpose of a matrix. */
public record Transpose() implements Primitive {
    public static final Transpose INSTANCE = new Transpose();

    @Override
    public String name() {
        return "transpose";
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 1);
        Rules.requireRank(name(), inputs[0], 2, "operand");
        return Shape.of(inputs[0].dim(1), inputs[0].dim(0));
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        int rows = shapes[0].dim(0);
        int cols = shapes[0].dim(1);
        double[] x = in[0];
        backend.forRange(cols, rows, (f, t) -> Layout.transpose(x, rows, cols, out, f, t));
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return ops.transpose(t[0]);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        return new Tensor[] {ops.transpose(g)};
    }
}
