package org.ferrel.dycore.shallowwater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The filter's transforms without bit reversal: the two-stages-per-pass forward transform gives
 * bitwise the results of one stage at a time, and the inverse bitwise those of {@link
 * FourierKernels#transform} on the permuted input; together they are the discrete Fourier transform.
 */
class FourierKernelsTest {

    /** Decimation in frequency one radix-2 stage at a time (the reference for the fused passes). */
    private static void forwardOneStageAtATime(double[] re, double[] im, double[] cos, double[] sin) {
        int n = re.length;
        for (int length = n; length >= 2; length >>= 1) {
            int half = length >> 1;
            int stride = n / length;
            for (int k = 0; k < half; k++) {
                double wr = cos[k * stride];
                double wi = -sin[k * stride];
                for (int a = k; a < n; a += length) {
                    int b = a + half;
                    double dr = re[a] - re[b];
                    double di = im[a] - im[b];
                    re[a] += re[b];
                    im[a] += im[b];
                    re[b] = k == 0 ? dr : dr * wr - di * wi;
                    im[b] = k == 0 ? di : dr * wi + di * wr;
                }
            }
        }
    }

    @Test
    void fusedPassesRoundLikeSingleStagesAndMatchTheDft() {
        Random random = new Random(11);
        for (int n = 1; n <= 512; n <<= 1) {
            double[][] t = FourierKernels.twiddles(Math.max(n, 2));
            double[] cos = t[0];
            double[] sin = t[1];
            int[] br = FourierKernels.bitReversal(n);
            double[] re = new double[n];
            double[] im = new double[n];
            for (int i = 0; i < n; i++) {
                re[i] = random.nextGaussian();
                im[i] = random.nextGaussian();
            }
            double[] fr = re.clone();
            double[] fi = im.clone();
            FourierKernels.forwardBitReversed(fr, fi, cos, sin);
            double[] gr = re.clone();
            double[] gi = im.clone();
            forwardOneStageAtATime(gr, gi, cos, sin);
            assertArrayEquals(gr, fr, 0.0, "forward, n = " + n);
            assertArrayEquals(gi, fi, 0.0, "forward, n = " + n);
            // against the permuting transform and the direct sum
            double[] hr = re.clone();
            double[] hi = im.clone();
            transform(hr, hi, cos, sin, br, false);
            for (int p = 0; p < n; p++) {
                int k = br[p];
                double sr = 0;
                double si = 0;
                for (int j = 0; j < n; j++) {
                    double angle = -2 * Math.PI * ((long) j * k % n) / n;
                    sr += re[j] * Math.cos(angle) - im[j] * Math.sin(angle);
                    si += re[j] * Math.sin(angle) + im[j] * Math.cos(angle);
                }
                assertEquals(sr, fr[p], 1e-12 * n, "dft, n = " + n);
                assertEquals(si, fi[p], 1e-12 * n, "dft, n = " + n);
                assertEquals(hr[k], fr[p], 1e-12 * n);
                assertEquals(hi[k], fi[p], 1e-12 * n);
            }
            // inverse: bitwise the butterflies of transform after its permutation
            double[] ir = fr.clone();
            double[] ii = fi.clone();
            FourierKernels.inverseFromBitReversed(ir, ii, cos, sin);
            double[] jr = new double[n];
            double[] ji = new double[n];
            for (int p = 0; p < n; p++) {
                jr[br[p]] = fr[p];
                ji[br[p]] = fi[p];
            }
            transform(jr, ji, cos, sin, br, true);
            assertArrayEquals(jr, ir, 0.0, "inverse, n = " + n);
            assertArrayEquals(ji, ii, 0.0, "inverse, n = " + n);
            for (int i = 0; i < n; i++) {
                assertEquals(re[i], ir[i] / n, 1e-12, "round trip, n = " + n);
                assertEquals(im[i], ii[i] / n, 1e-12, "round trip, n = " + n);
            }
        }
    }

    /**
     * The reference: an in-place iterative Cooley-Tukey transform with its bit-reversal permutation;
     * {@code inverse} uses the conjugate twiddles (no 1/n).
     */
    private static void transform(double[] re, double[] im, double[] cos, double[] sin, int[] bitReverse, boolean inverse) {
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
