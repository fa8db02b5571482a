package org.ferrel.autodiff.kernels;

/**
 * Copying kernels that move values without arithmetic: slices, padding, periodic rolls, transposes.
 * Arrays are viewed as {@code [outer, n, inner]} around the axis concerned.
 */
public final class Layout {
    private Layout() {
    }

    /** {@code out[o, k, i] = x[o, from + k, i]} for k in [0, m), outer blocks o in [oFrom, oTo). */
    public static void slice(double[] x, int n, int inner, int from, int m, double[] out, int oFrom, int oTo) {
        for (int o = oFrom; o < oTo; o++) {
            System.arraycopy(x, (o * n + from) * inner, out, o * m * inner, m * inner);
        }
    }

    /** Writes x ({@code [outer, n, inner]}) into {@code out[o, before + k, i]}; other entries stay 0. */
    public static void pad(double[] x, int n, int inner, int before, int m, double[] out, int oFrom, int oTo) {
        for (int o = oFrom; o < oTo; o++) {
            System.arraycopy(x, o * n * inner, out, (o * m + before) * inner, n * inner);
        }
    }

    /** Periodic roll: {@code out[o, (k + shift) mod n, i] = x[o, k, i]}, shift in [0, n). */
    public static void roll(double[] x, int n, int inner, int shift, double[] out, int oFrom, int oTo) {
        for (int o = oFrom; o < oTo; o++) {
            int base = o * n * inner;
            System.arraycopy(x, base, out, base + shift * inner, (n - shift) * inner);
            System.arraycopy(x, base + (n - shift) * inner, out, base, shift * inner);
        }
    }

    /**
     * Shift with zero fill: {@code out[o, k, i] = x[o, k - shift, i]} where {@code 0 <= k - shift < n}
     * (other entries are left as they are, zero in a fresh array), outer blocks o in [oFrom, oTo).
     */
    public static void shift(double[] x, int n, int inner, int shift, double[] out, int oFrom, int oTo) {
        int m = n - Math.abs(shift);
        if (m <= 0) {
            return;
        }
        int src = shift > 0 ? 0 : -shift;
        int dst = shift > 0 ? shift : 0;
        for (int o = oFrom; o < oTo; o++) {
            int base = o * n * inner;
            System.arraycopy(x, base + src * inner, out, base + dst * inner, m * inner);
        }
    }

    /** {@code out[j, i] = x[i, j]} for x of shape [rows, cols], output rows j in [from, to). */
    public static void transpose(double[] x, int rows, int cols, double[] out, int from, int to) {
        for (int j = from; j < to; j++) {
            int ob = j * rows;
            for (int i = 0; i < rows; i++) {
                out[ob + i] = x[i * cols + j];
            }
        }
    }
}
