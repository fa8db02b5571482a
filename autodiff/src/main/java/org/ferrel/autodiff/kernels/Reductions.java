package org.ferrel.autodiff.kernels;

/** Reduction kernels. Every output element is summed in a fixed order, whatever the threads. */
public final class Reductions {
    private Reductions() {
    }

    /** {@code partial[b] = sum of x over block b} (blocks of {@code block} elements), for b in [from, to). */
    public static void blockSums(double[] x, int block, double[] partial, int from, int to) {
        for (int b = from; b < to; b++) {
            int lo = b * block;
            int hi = Math.min(x.length, lo + block);
            double s = 0;
            for (int i = lo; i < hi; i++) {
                s += x[i];
            }
            partial[b] = s;
        }
    }

    public static double sequentialSum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    /**
     * Sums axis of extent {@code n} of an array viewed as {@code [outer, n, inner]} into
     * {@code out[outer, inner]}, for output indices in [from, to).
     */
    public static void sumAxis(double[] x, int n, int inner, double[] out, int from, int to) {
        if (inner == 1) {
            for (int o = from; o < to; o++) {
                double s = 0;
                int base = o * n;
                for (int k = 0; k < n; k++) {
                    s += x[base + k];
                }
                out[o] = s;
            }
            return;
        }
        for (int idx = from; idx < to; idx++) {
            int o = idx / inner;
            int i = idx - o * inner;
            int base = o * n * inner + i;
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += x[base + k * inner];
            }
            out[idx] = s;
        }
    }

    /**
     * Gathers a broadcast: {@code out[j] = x[sum_d index_d(j) * strides[d]]} where {@code outDims}
     * is the output shape and {@code strides} the input strides with 0 on broadcast axes.
     */
    public static void broadcast(double[] x, int[] strides, int[] outDims, double[] out, int from, int to) {
        int rank = outDims.length;
        int[] index = new int[rank];
        int rest = from;
        int offset = 0;
        for (int d = rank - 1; d >= 0; d--) {
            index[d] = rest % outDims[d];
            rest /= outDims[d];
            offset += index[d] * strides[d];
        }
        for (int j = from; j < to; j++) {
            out[j] = x[offset];
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                offset += strides[d];
                if (index[d] < outDims[d]) {
                    break;
                }
                offset -= index[d] * strides[d];
                index[d] = 0;
            }
        }
    }

    /** Fills rows: {@code out[r * width + i] = x[r]} for rows r in [from, to) (an [n, 1] to [n, width] broadcast). */
    public static void repeatAlongRows(double[] x, int width, double[] out, int from, int to) {
        for (int r = from; r < to; r++) {
            java.util.Arrays.fill(out, r * width, (r + 1) * width, x[r]);
        }
    }

    /** Copies one row into rows [from, to): {@code out[r * width + i] = x[i]} (a [width] to [n, width] broadcast). */
    public static void repeatRows(double[] x, int width, double[] out, int from, int to) {
        for (int r = from; r < to; r++) {
            System.arraycopy(x, 0, out, r * width, width);
        }
    }

    /**
     * The transpose of {@link #broadcast}: {@code out[map(j)] += x[j]} in increasing j. Serial by
     * design (it scatters), so its result is the same for every backend.
     */
    public static void unbroadcast(double[] x, int[] strides, int[] inDims, double[] out) {
        int rank = inDims.length;
        int[] index = new int[rank];
        int offset = 0;
        for (int j = 0; j < x.length; j++) {
            out[offset] += x[j];
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                offset += strides[d];
                if (index[d] < inDims[d]) {
                    break;
                }
                offset -= index[d] * strides[d];
                index[d] = 0;
            }
        }
    }
}
