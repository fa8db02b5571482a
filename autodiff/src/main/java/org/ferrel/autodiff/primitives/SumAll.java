package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Reductions;

/**
 * Sum of all elements. Blocks of {@link Backend#REDUCTION_BLOCK} elements are summed (in parallel
 * when the backend has threads) and the block sums are then added in order, so the result is the
 * same for every thread count.
 */
public record SumAll() implements Primitive {
    public static final SumAll INSTANCE = new SumAll();

    @Override
    public String name() {
        return "sum";
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 1);
        return Shape.SCALAR;
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        out[0] = sum(backend, in[0]);
    }

    static double sum(Backend backend, double[] x) {
        int block = Backend.REDUCTION_BLOCK;
        int blocks = (x.length + block - 1) / block;
        if (blocks <= 1) {
            return Reductions.sequentialSum(x);
        }
        double[] partial = new double[blocks];
        backend.forRange(blocks, block, (f, t) -> Reductions.blockSums(x, block, partial, f, t));
        return Reductions.sequentialSum(partial);
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return ops.sum(t[0]);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        return new Tensor[] {ops.broadcastTo(g, p[0].shape())};
    }
}
