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
        filterRowPairs(x, out, nx, 0, first, second, response, cos, sin, from, to);
    }

    /**
     * As above for a stack of levels of {@code levelSize} values each: work item {@code w} filters
     * item {@code w % first.length} of level {@code w / first.length}.
     */
    static void filterRowPairs(double[] x, double[] out, int nx, int levelSize, int[] first, int[] second,
                               double[][] response, double[] cos, double[] sin, int from, int to) {
        double[] re = new double[nx];
        double[] im = new double[nx];
        int items = first.length;
        for (int w = from; w < to; w++) {
            int m = w % items;
            int base = (w / items) * levelSize;
            int a = base + first[m] * nx;
            int b = second[m] < 0 ? -1 : base + second[m] * nx;
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

    /**
     * In-place forward FFT (twiddles e^{-2 pi i k / n}) by decimation in frequency: output in
     * bit-reversed order. Two radix-2 stages are done per pass over the four points they connect (the
     * same operations in the same order per point as one stage at a time, so the same rounding).
     */
    static void forwardBitReversed(double[] re, double[] im, double[] cos, double[] sin) {
        int n = re.length;
        int length = n;
        for (; length >= 8; length >>= 2) {
            int h = length >> 1;
            int q = length >> 2;
            int s1 = n / length;
            int s2 = 2 * s1;
            for (int k = 0; k < q; k++) {
                double w3r = cos[(k + q) * s1];
                double w3i = -sin[(k + q) * s1];
                boolean plain = k == 0;
                double w1r = cos[k * s1];
                double w1i = -sin[k * s1];
                double w2r = cos[k * s2];
                double w2i = -sin[k * s2];
                for (int a = k; a < n; a += length) {
                    int i1 = a + q;
                    int i2 = a + h;
                    int i3 = i2 + q;
                    // first stage: (a, i2) with twiddle k, (i1, i3) with twiddle k + q
                    double dr = re[a] - re[i2];
                    double di = im[a] - im[i2];
                    double y0r = re[a] + re[i2];
                    double y0i = im[a] + im[i2];
                    double y2r;
                    double y2i;
                    if (plain) {
                        y2r = dr;
                        y2i = di;
                    } else {
                        y2r = dr * w1r - di * w1i;
                        y2i = dr * w1i + di * w1r;
                    }
                    dr = re[i1] - re[i3];
                    di = im[i1] - im[i3];
                    double y1r = re[i1] + re[i3];
                    double y1i = im[i1] + im[i3];
                    double y3r = dr * w3r - di * w3i;
                    double y3i = dr * w3i + di * w3r;
                    // second stage: (a, i1) and (i2, i3), both with twiddle k of the half length
                    re[a] = y0r + y1r;
                    im[a] = y0i + y1i;
                    re[i2] = y2r + y3r;
                    im[i2] = y2i + y3i;
                    double er = y0r - y1r;
                    double ei = y0i - y1i;
                    double fr = y2r - y3r;
                    double fi = y2i - y3i;
                    if (plain) {
                        re[i1] = er;
                        im[i1] = ei;
                        re[i3] = fr;
                        im[i3] = fi;
                    } else {
                        re[i1] = er * w2r - ei * w2i;
                        im[i1] = er * w2i + ei * w2r;
                        re[i3] = fr * w2r - fi * w2i;
                        im[i3] = fr * w2i + fi * w2r;
                    }
                }
            }
        }
        if (length == 4) {
            int stride = n / 4;
            for (int a = 0; a < n; a += 4) {
                int b = a + 2;
                double dr = re[a] - re[b];
                double di = im[a] - im[b];
                re[a] += re[b];
                im[a] += im[b];
                re[b] = dr;
                im[b] = di;
            }
            double wr = cos[stride];
            double wi = -sin[stride];
            for (int a = 1; a < n; a += 4) {
                int b = a + 2;
                double dr = re[a] - re[b];
                double di = im[a] - im[b];
                re[a] += re[b];
                im[a] += im[b];
                re[b] = dr * wr - di * wi;
                im[b] = dr * wi + di * wr;
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

    /**
     * In-place inverse FFT (conjugate twiddles, no 1/n) by decimation in time: input in bit-reversed
     * order. The same butterflies as {@link #transform} after its permutation, two stages per pass
     * (same rounding).
     */
    static void inverseFromBitReversed(double[] re, double[] im, double[] cos, double[] sin) {
        int n = re.length;
        if (n < 2) {
            return;
        }
        for (int a = 0; a < n; a += 2) {
            int b = a + 1;
            double xr = re[b];
            double xi = im[b];
            re[b] = re[a] - xr;
            im[b] = im[a] - xi;
            re[a] += xr;
            im[a] += xi;
        }
        int length = 8;
        for (; length <= n; length <<= 2) {
            int h = length >> 1;
            int q = length >> 2;
            int sB = n / length;
            int sA = 2 * sB;
            for (int k = 0; k < q; k++) {
                boolean plain = k == 0;
                double wAr = cos[k * sA];
                double wAi = sin[k * sA];
                double wBr = cos[k * sB];
                double wBi = sin[k * sB];
                double w3r = cos[(k + q) * sB];
                double w3i = sin[(k + q) * sB];
                for (int a = k; a < n; a += length) {
                    int i1 = a + q;
                    int i2 = a + h;
                    int i3 = i2 + q;
                    // first stage (half length): (a, i1) and (i2, i3), both with twiddle k
                    double xr;
                    double xi;
                    if (plain) {
                        xr = re[i1];
                        xi = im[i1];
                    } else {
                        xr = re[i1] * wAr - im[i1] * wAi;
                        xi = re[i1] * wAi + im[i1] * wAr;
                    }
                    double y1r = re[a] - xr;
                    double y1i = im[a] - xi;
                    double y0r = re[a] + xr;
                    double y0i = im[a] + xi;
                    if (plain) {
                        xr = re[i3];
                        xi = im[i3];
                    } else {
                        xr = re[i3] * wAr - im[i3] * wAi;
                        xi = re[i3] * wAi + im[i3] * wAr;
                    }
                    double y3r = re[i2] - xr;
                    double y3i = im[i2] - xi;
                    double y2r = re[i2] + xr;
                    double y2i = im[i2] + xi;
                    // second stage: (a, i2) with twiddle k, (i1, i3) with twiddle k + q
                    if (plain) {
                        xr = y2r;
                        xi = y2i;
                    } else {
                        xr = y2r * wBr - y2i * wBi;
                        xi = y2r * wBi + y2i * wBr;
                    }
                    re[i2] = y0r - xr;
                    im[i2] = y0i - xi;
                    re[a] = y0r + xr;
                    im[a] = y0i + xi;
                    xr = y3r * w3r - y3i * w3i;
                    xi = y3r * w3i + y3i * w3r;
                    re[i3] = y1r - xr;
                    im[i3] = y1i - xi;
                    re[i1] = y1r + xr;
                    im[i1] = y1i + xi;
                }
            }
        }
        if (length >> 1 == n) {
            // one stage left (log2 n even): the last one, length n
            int half = n >> 1;
            for (int k = 0; k < half; k++) {
                for (int a = k; a < n; a += n) {
                    int b = a + half;
                    double xr;
                    double xi;
                    if (k == 0) {
                        xr = re[b];
                        xi = im[b];
                    } else {
                        xr = re[b] * cos[k] - im[b] * sin[k];
                        xi = re[b] * sin[k] + im[b] * cos[k];
                    }
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
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
}
