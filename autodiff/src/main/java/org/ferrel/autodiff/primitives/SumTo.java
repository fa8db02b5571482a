package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Reductions;

/** The transpose of {@link BroadcastTo}: sums over the axes along which {@code target} was broadcast. */
public record SumTo(Shape target) implements Primitive {
    @Override
    public String name() {
        return "sumTo" + target;
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 1);
        if (!target.broadcastsTo(inputs[0])) {
            throw new ShapeMismatchException("sumTo: shape " + inputs[0] + " is not a broadcast of " + target);
        }
        return target;
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        double[] x = in[0];
        Shape from = shapes[0];
        if (target.size() == 1) {
            out[0] = SumAll.sum(backend, x);
            return;
        }
        if (isTrailing(from)) {
            // target equals the trailing axes: a sum over one leading block axis
            int inner = target.size();
            int n = from.size() / inner;
            backend.forRange(inner, n, (f, t) -> Reductions.sumAxis(x, n, inner, out, f, t));
            return;
        }
        Reductions.unbroadcast(x, BroadcastTo.strides(target, from), from.dims(), out);
    }

    private boolean isTrailing(Shape from) {
        int offset = from.rank() - target.rank();
        for (int d = 0; d < target.rank(); d++) {
            if (target.dim(d) != from.dim(d + offset)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return ops.bind(this, t[0]);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        return new Tensor[] {ops.broadcastTo(g, p[0].shape())};
    }
}
