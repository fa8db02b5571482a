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
     */
    static void filterRowPairs(double[] x, double[] out, int nx, int[] first, int[] second, double[][] response,
                               double[] cos, double[] sin, int[] bitReverse, int from, int to) {
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
            for (int i = 0; i < nx; i++) {
                re[i] = x[a + i];
                im[i] = b >= 0 ? x[b + i] : 0.0;
            }
            transform(re, im, cos, sin, bitReverse, false);
            double[] s = response[m];
            for (int k = 0; k < nx; k++) {
                double f = s[Math.min(k, nx - k)];
                re[k] *= f;
                im[k] *= f;
            }
            transform(re, im, cos, sin, bitReverse, true);
            double scale = 1.0 / nx;
            for (int i = 0; i < nx; i++) {
                out[a + i] = re[i] * scale;
            }
            if (b >= 0) {
                for (int i = 0; i < nx; i++) {
                    out[b + i] = im[i] * scale;
                }
            }
        }
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
