package org.ferrel.dycore.shallowwater;

/**
 * Row-wise spectral filtering for rows of any length n by Bluestein's (1970) chirp-z algorithm: the
 * length-n DFT is written as a convolution with the chirp {@code c_m = exp(i pi m^2 / n)},
 * <pre>
 *   X_k = conj(c_k) sum_j (x_j conj(c_j)) c_(k-j)
 * </pre>
 * which is evaluated by radix-2 FFTs of a length M &gt;= 2n - 1 (the chirp's transform is computed
 * once). Memory is linear in the row length (a few arrays of M values per row filtered and the plan),
 * where the dense circulant matrix it replaces for lengths that are not powers of two took n^2 values
 * per row (at 0.25 degrees, 1,440 longitudes: 2 million per row, more than 14 GB for the polar rows).
 *
 * <p>A filter is {@code y = IDFT(S . DFT(x))} with a real response S even in k; the inverse DFT is
 * {@code conj(DFT(conj(Y))) / n}. Two real rows with the same response go through one complex
 * transform as its real and imaginary parts, as in {@link FourierKernels}.
 */
final class BluesteinRows {
    private final int n;
    private final int m;
    private final double[] chirpRe;
    private final double[] chirpIm;
    /** The FFT of the wrapped chirp b (b_j = c_j, b_(M-j) = c_j), in bit-reversed order, scaled by 1/M. */
    private final double[] kernelRe;
    private final double[] kernelIm;
    private final double[] cos;
    private final double[] sin;

    BluesteinRows(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("row length must be positive, got " + n);
        }
        this.n = n;
        int size = 1;
        while (size < 2 * n - 1) {
            size <<= 1;
        }
        this.m = size;
        this.chirpRe = new double[n];
        this.chirpIm = new double[n];
        for (int j = 0; j < n; j++) {
            // j^2 mod 2n keeps the angle small (exp(i pi j^2 / n) has period 2n in j^2)
            long q = ((long) j * j) % (2L * n);
            double angle = Math.PI * q / n;
            chirpRe[j] = Math.cos(angle);
            chirpIm[j] = Math.sin(angle);
        }
        double[][] t = FourierKernels.twiddles(m);
        this.cos = t[0];
        this.sin = t[1];
        double[] br = new double[m];
        double[] bi = new double[m];
        for (int j = 0; j < n; j++) {
            br[j] = chirpRe[j];
            bi[j] = chirpIm[j];
            if (j > 0) {
                br[m - j] = chirpRe[j];
                bi[m - j] = chirpIm[j];
            }
        }
        FourierKernels.forwardBitReversed(br, bi, cos, sin);
        for (int p = 0; p < m; p++) {
            br[p] /= m;
            bi[p] /= m;
        }
        this.kernelRe = br;
        this.kernelIm = bi;
    }

    int length() {
        return n;
    }

    /** Work arrays of one thread: the padded sequence (length M). */
    double[][] work() {
        return new double[][] {new double[m], new double[m]};
    }

    /** The DFT (twiddles e^{-2 pi i jk/n}) of (re, im) in place, natural order in and out. */
    void dft(double[] re, double[] im, double[][] work) {
        double[] ar = work[0];
        double[] ai = work[1];
        for (int j = 0; j < n; j++) {
            // a_j = z_j conj(c_j)
            ar[j] = re[j] * chirpRe[j] + im[j] * chirpIm[j];
            ai[j] = im[j] * chirpRe[j] - re[j] * chirpIm[j];
        }
        java.util.Arrays.fill(ar, n, m, 0.0);
        java.util.Arrays.fill(ai, n, m, 0.0);
        FourierKernels.forwardBitReversed(ar, ai, cos, sin);
        for (int p = 0; p < m; p++) {
            double r = ar[p] * kernelRe[p] - ai[p] * kernelIm[p];
            double i = ar[p] * kernelIm[p] + ai[p] * kernelRe[p];
            ar[p] = r;
            ai[p] = i;
        }
        FourierKernels.inverseFromBitReversed(ar, ai, cos, sin);
        for (int k = 0; k < n; k++) {
            // X_k = conj(c_k) (a * b)_k
            re[k] = ar[k] * chirpRe[k] + ai[k] * chirpIm[k];
            im[k] = ai[k] * chirpRe[k] - ar[k] * chirpIm[k];
        }
    }

    /**
     * Filters one or two rows: {@code re} (and {@code im}, the second row, or zeros) are replaced by
     * {@code IDFT(S . DFT(.))} with {@code response[k]} the factor of wavenumber k (k &lt; n, even:
     * response[k] = response[n - k]).
     */
    void filter(double[] re, double[] im, double[] response, double[][] work) {
        dft(re, im, work);
        double scale = 1.0 / n;
        for (int k = 0; k < n; k++) {
            double f = response[k] * scale;
            re[k] *= f;
            // conj for the inverse transform
            im[k] = -im[k] * f;
        }
        dft(re, im, work);
        for (int k = 0; k < n; k++) {
            im[k] = -im[k];
        }
    }

    /** The response of wavenumbers 0..n-1 from the response of 0..n/2 (even in k). */
    static double[] fullResponse(double[] half, int n) {
        double[] r = new double[n];
        for (int k = 0; k < n; k++) {
            r[k] = half[Math.min(k, n - k)];
        }
        return r;
    }

    /**
     * Filters the work items [from, to) of a stack of levels, as {@link FourierKernels#filterRowPairs}
     * does for power-of-two rows; {@code response[m]} is in natural order (length n) or null (copy).
     */
    void filterRowPairs(double[] x, double[] out, int levelSize, int[] first, int[] second, double[][] response,
                        int from, int to) {
        double[] re = new double[n];
        double[] im = new double[n];
        double[][] work = work();
        int items = first.length;
        for (int w = from; w < to; w++) {
            int item = w % items;
            int base = (w / items) * levelSize;
            int a = base + first[item] * n;
            int b = second[item] < 0 ? -1 : base + second[item] * n;
            if (response[item] == null) {
                System.arraycopy(x, a, out, a, n);
                if (b >= 0) {
                    System.arraycopy(x, b, out, b, n);
                }
                continue;
            }
            System.arraycopy(x, a, re, 0, n);
            if (b >= 0) {
                System.arraycopy(x, b, im, 0, n);
            } else {
                java.util.Arrays.fill(im, 0.0);
            }
            filter(re, im, response[item], work);
            System.arraycopy(re, 0, out, a, n);
            if (b >= 0) {
                System.arraycopy(im, 0, out, b, n);
            }
        }
    }
}
