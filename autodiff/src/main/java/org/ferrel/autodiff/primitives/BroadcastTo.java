package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Reductions;

/** Repeats an operand along axes of extent 1 (and new leading axes) to reach {@code target}. */
public record BroadcastTo(Shape target) implements Primitive {
    @Override
    public String name() {
        return "broadcastTo" + target;
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 1);
        if (!inputs[0].broadcastsTo(target)) {
            throw new ShapeMismatchException("broadcastTo: shape " + inputs[0] + " cannot be broadcast to " + target);
        }
        return target;
    }

    /** Strides of {@code from} laid against {@code to}, 0 along broadcast axes. */
    static int[] strides(Shape from, Shape to) {
        int rank = to.rank();
        int offset = rank - from.rank();
        int[] strides = new int[rank];
        int stride = 1;
        for (int d = from.rank() - 1; d >= 0; d--) {
            strides[d + offset] = from.dim(d) == 1 ? 0 : stride;
            stride *= from.dim(d);
        }
        return strides;
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        double[] x = in[0];
        int[] strides = strides(shapes[0], target);
        int[] dims = target.dims();
        backend.forRange(out.length, (f, t) -> Reductions.broadcast(x, strides, dims, out, f, t));
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return ops.bind(this, t[0]);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        return new Tensor[] {ops.sumTo(g, p[0].shape())};
    }
}
