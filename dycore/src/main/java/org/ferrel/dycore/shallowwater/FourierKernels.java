package org.ferrel.dycore.shallowwater;

/**
 * Row-wise spectral filtering of [ny][nx] arrays by an in-place radix-2 complex FFT (nx a power of
 * two): each filtered row is transformed, its zonal wavenumber k multiplied by a real response
 * {@code S[j][min(k, nx - k)]}, and transformed back. The operator is real, symmetric and keeps the
 * zonal mean when {@code S[j][0] = 1}.
 */
final class FourierKernels {
    private FourierKernels() {
    }

    static boolean isPowerOfTwo(int n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    /**
     * Filters the work items [from, to) of x into out. Item m covers row {@code first[m]} and, when
     * {@code second[m] >= 0}, a second row with the same response: the two real rows go through one
     * complex FFT as its real and imaginary parts (the response is real and even in k, so they do not
     * mix). Items whose response is null are copied.
     *
     * <p>No bit-reversal permutation: the forward transform is decimation in frequency (natural order
     * in, bit-reversed order out), the response is applied in bit-reversed order ({@code
     * response[m][p]} is the factor of the wavenumber at position p, see {@link #bitReversedResponse}),
     * and the inverse is decimation in time (bit-reversed order in, natural order out).
     */
    static void filterRowPairs(double[] x, double[] out, int nx, int[] first, int[] second, double[][] response,
                               double[] cos, double[] sin, int from, int to) {
        double[] re = new double[nx];
        double[] im = new double[nx];
        for (int m = from; m < to; m++) {
            int a = first[m] * nx;
            int b = second[m] < 0 ? -1 : second[m] * nx;
            if (response[m] == null) {
                System.arraycopy(x, a, out, a, nx);
                if (b >= 0) {
                    System.arraycopy(x, b, out, b, nx);
                }
                continue;
            }
            System.arraycopy(x, a, re, 0, nx);
            if (b >= 0) {
                System.arraycopy(x, b, im, 0, nx);
            } else {
                java.util.Arrays.fill(im, 0.0);
            }
            forwardBitReversed(re, im, cos, sin);
            double[] s = response[m];
            for (int p = 0; p < nx; p++) {
                double f = s[p];
                re[p] *= f;
                im[p] *= f;
            }
            inverseFromBitReversed(re, im, cos, sin);
            System.arraycopy(re, 0, out, a, nx);
            if (b >= 0) {
                System.arraycopy(im, 0, out, b, nx);
            }
        }
    }

    /**
     * The response of one row in the order of {@link #forwardBitReversed}'s output, with the inverse
     * transform's 1/n folded in: position p holds {@code S[min(k, n - k)] / n} with k the bit reversal
     * of p (1/n is a power of two, so the product is rounded exactly as scaling afterwards would be).
     */
    static double[] bitReversedResponse(double[] s, int n) {
        int[] br = bitReversal(n);
        double scale = 1.0 / n;
        double[] r = new double[n];
        for (int p = 0; p < n; p++) {
            int k = br[p];
            r[p] = s[Math.min(k, n - k)] * scale;
        }
        return r;
    }

    /** In-place forward FFT (twiddles e^{-2 pi i k / n}) by decimation in frequency: output in bit-reversed order. */
    static void forwardBitReversed(double[] re, double[] im, double[] cos, double[] sin) {
        int n = re.length;
        for (int length = n; length >= 4; length >>= 1) {
            int half = length >> 1;
            int stride = n / length;
            for (int a = 0; a < n; a += length) {
                int b = a + half;
                double dr = re[a] - re[b];
                double di = im[a] - im[b];
                re[a] += re[b];
                im[a] += im[b];
                re[b] = dr;
                im[b] = di;
            }
            for (int k = 1; k < half; k++) {
                double wr = cos[k * stride];
                double wi = -sin[k * stride];
                for (int a = k; a < n; a += length) {
                    int b = a + half;
                    double dr = re[a] - re[b];
                    double di = im[a] - im[b];
                    re[a] += re[b];
                    im[a] += im[b];
                    re[b] = dr * wr - di * wi;
                    im[b] = dr * wi + di * wr;
                }
            }
        }
        if (n >= 2) {
            for (int a = 0; a < n; a += 2) {
                int b = a + 1;
                double dr = re[a] - re[b];
                double di = im[a] - im[b];
                re[a] += re[b];
                im[a] += im[b];
                re[b] = dr;
                im[b] = di;
            }
        }
    }

    /** In-place inverse FFT (conjugate twiddles, no 1/n) by decimation in time: input in bit-reversed order. */
    static void inverseFromBitReversed(double[] re, double[] im, double[] cos, double[] sin) {
        butterflies(re, im, cos, sin, true);
    }

    /** Twiddle factors cos(2 pi k / n), sin(2 pi k / n) for k < n/2. */
    static double[][] twiddles(int n) {
        double[] c = new double[n / 2];
        double[] s = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            c[k] = Math.cos(2 * Math.PI * k / n);
            s[k] = Math.sin(2 * Math.PI * k / n);
        }
        return new double[][] {c, s};
    }

    static int[] bitReversal(int n) {
        int bits = Integer.numberOfTrailingZeros(n);
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        return r;
    }

    /** In-place iterative Cooley-Tukey; {@code inverse} uses the conjugate twiddles (no 1/n). */
    static void transform(double[] re, double[] im, double[] cos, double[] sin, int[] bitReverse, boolean inverse) {
        int n = re.length;
        for (int i = 0; i < n; i++) {
            int r = bitReverse[i];
            if (r > i) {
                double t = re[i];
                re[i] = re[r];
                re[r] = t;
                t = im[i];
                im[i] = im[r];
                im[r] = t;
            }
        }
        butterflies(re, im, cos, sin, inverse);
    }

    /** The decimation-in-time butterflies of {@link #transform} on input already in bit-reversed order. */
    private static void butterflies(double[] re, double[] im, double[] cos, double[] sin, boolean inverse) {
        int n = re.length;
        if (n < 2) {
            return;
        }
        // the butterflies with twiddle 1 (all of the first stage, k = 0 in the others) need no product
        for (int a = 0; a < n; a += 2) {
            int b = a + 1;
            double xr = re[b];
            double xi = im[b];
            re[b] = re[a] - xr;
            im[b] = im[a] - xi;
            re[a] += xr;
            im[a] += xi;
        }
        for (int length = 4; length <= n; length <<= 1) {
            int half = length >> 1;
            int stride = n / length;
            for (int a = 0; a < n; a += length) {
                int b = a + half;
                double xr = re[b];
                double xi = im[b];
                re[b] = re[a] - xr;
                im[b] = im[a] - xi;
                re[a] += xr;
                im[a] += xi;
            }
            for (int k = 1; k < half; k++) {
                double wr = cos[k * stride];
                double wi = inverse ? sin[k * stride] : -sin[k * stride];
                for (int a = k; a < n; a += length) {
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
