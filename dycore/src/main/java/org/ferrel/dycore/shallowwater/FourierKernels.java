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

    /** Filters rows [from, to) of x into out; rows whose response is null are copied. */
    static void filterRows(double[] x, double[] out, int nx, double[][] response, double[] cos, double[] sin,
                           int[] bitReverse, int from, int to) {
        double[] re = new double[nx];
        double[] im = new double[nx];
        for (int j = from; j < to; j++) {
            int base = j * nx;
            if (response[j] == null) {
                System.arraycopy(x, base, out, base, nx);
                continue;
            }
            for (int i = 0; i < nx; i++) {
                re[i] = x[base + i];
                im[i] = 0.0;
            }
            transform(re, im, cos, sin, bitReverse, false);
            double[] s = response[j];
            for (int k = 0; k < nx; k++) {
                double f = s[Math.min(k, nx - k)];
                re[k] *= f;
                im[k] *= f;
            }
            transform(re, im, cos, sin, bitReverse, true);
            double scale = 1.0 / nx;
            for (int i = 0; i < nx; i++) {
                out[base + i] = re[i] * scale;
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
        double sign = inverse ? 1.0 : -1.0;
        for (int length = 2; length <= n; length <<= 1) {
            int half = length >> 1;
            int stride = n / length;
            for (int start = 0; start < n; start += length) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * stride];
                    double wi = sign * sin[k * stride];
                    int a = start + k;
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
