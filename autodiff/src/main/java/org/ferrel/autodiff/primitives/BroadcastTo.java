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
        expandInto(backend, in[0], shapes[0], target, out);
    }

    /**
     * Writes the broadcast of x (shape {@code from}) to {@code to} into out, with fast paths for the
     * two patterns stencils use most: a per-row column ([..., n, 1]) and a repeated row ([m]).
     */
    static void expandInto(Backend backend, double[] x, Shape from, Shape to, double[] out) {
        int width = to.rank() == 0 ? 1 : to.dim(to.rank() - 1);
        int rows = width == 0 ? 0 : out.length / width;
        if (width > 1 && x.length == rows && from.rank() >= 1 && from.dim(from.rank() - 1) == 1
                && from.size() * width == to.size() && from.withDim(from.rank() - 1, width).size() == to.size()
                && sameLeading(from, to)) {
            backend.forRange(rows, width, (f, t) -> Reductions.repeatAlongRows(x, width, out, f, t));
            return;
        }
        if (x.length == width && from.rank() >= 1 && from.dim(from.rank() - 1) == width && from.size() == width) {
            backend.forRange(rows, width, (f, t) -> Reductions.repeatRows(x, width, out, f, t));
            return;
        }
        long[] blocks = stretchKeepStretch(from, to);
        if (blocks != null) {
            int kept = (int) blocks[1];
            int inner = (int) blocks[2];
            if (inner == 1) {
                // the whole of x repeated: [ny, nx] over [nz, ny, nx]
                backend.forRange((int) blocks[0], kept, (f, t) -> {
                    for (int q = f; q < t; q++) {
                        System.arraycopy(x, 0, out, q * kept, kept);
                    }
                });
            } else {
                // each value of x fills a block: [nz, 1, 1] or [ny, 1] over [nz, ny, nx]
                backend.forRange((int) (blocks[0] * kept), inner, (f, t) -> {
                    for (int q = f; q < t; q++) {
                        java.util.Arrays.fill(out, q * inner, (q + 1) * inner, x[q % kept]);
                    }
                });
            }
            return;
        }
        int[] strides = strides(from, to);
        int[] dims = to.dims();
        backend.forRange(out.length, (f, t) -> Reductions.broadcast(x, strides, dims, out, f, t));
    }

    /**
     * When {@code from} (aligned at the end of {@code to}) is stretched along leading axes, kept along
     * a middle run of axes and stretched along trailing ones, the extents {outer, kept, inner} of the
     * three runs; otherwise null. Then {@code out[(o kept + k) inner + i] = x[k]}.
     */
    private static long[] stretchKeepStretch(Shape from, Shape to) {
        int rank = to.rank();
        int offset = rank - from.rank();
        if (offset < 0) {
            return null;
        }
        int d = 0;
        long outer = 1;
        long kept = 1;
        long inner = 1;
        while (d < rank && (d < offset || from.dim(d - offset) == 1) && to.dim(d) != 1) {
            outer *= to.dim(d);
            d++;
        }
        while (d < rank && (d >= offset && from.dim(d - offset) == to.dim(d))) {
            kept *= to.dim(d);
            d++;
        }
        while (d < rank && (d < offset || from.dim(d - offset) == 1)) {
            inner *= to.dim(d);
            d++;
        }
        if (d != rank || kept != from.size() || outer * kept * inner != to.size() || kept == 0 || inner == 0) {
            return null;
        }
        return new long[] {outer, kept, inner};
    }

    /** Whether {@code from}, apart from its last axis, has the leading extents of {@code to} (aligned at the end). */
    private static boolean sameLeading(Shape from, Shape to) {
        int offset = to.rank() - from.rank();
        for (int d = 0; d < from.rank() - 1; d++) {
            if (from.dim(d) != to.dim(d + offset)) {
                return false;
            }
        }
        for (int d = 0; d < offset; d++) {
            if (to.dim(d) != 1) {
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
        return new Tensor[] {ops.sumTo(g, p[0].shape())};
    }
}
