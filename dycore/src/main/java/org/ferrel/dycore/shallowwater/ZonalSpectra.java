package org.ferrel.dycore.shallowwater;

/**
 * The discrete Fourier transform along every row of a real [ny, nx] field, as half spectra
 * (wavenumbers 0 to nx/2, the rest being their conjugates): radix-2 FFTs ({@link FourierKernels})
 * for nx a power of two, Bluestein's chirp-z transform ({@link BluesteinRows}) otherwise. Two real
 * rows go through one complex transform as its real and imaginary parts and are separated by
 * conjugate symmetry, {@code X_k = (Z_k + conj Z_(n-k)) / 2}, {@code Y_k = (Z_k - conj Z_(n-k)) / 2i}.
 * Spectra are stored wavenumber-major ({@code [k * ny + j]}) so that a solve along latitude reads
 * them contiguously. Time O(ny nx log nx), memory O(nx) besides the spectra.
 */
final class ZonalSpectra {
    private final int nx;
    private final int ny;
    private final int wavenumbers;
    private final double[] cos;
    private final double[] sin;
    private final int[] bitReversal;
    private final BluesteinRows bluestein;

    ZonalSpectra(int nx, int ny) {
        this.nx = nx;
        this.ny = ny;
        this.wavenumbers = nx / 2 + 1;
        if (FourierKernels.isPowerOfTwo(nx)) {
            double[][] t = FourierKernels.twiddles(nx);
            this.cos = t[0];
            this.sin = t[1];
            this.bitReversal = FourierKernels.bitReversal(nx);
            this.bluestein = null;
        } else {
            this.cos = null;
            this.sin = null;
            this.bitReversal = null;
            this.bluestein = new BluesteinRows(nx);
        }
    }

    /** Number of wavenumbers kept, nx/2 + 1. */
    int wavenumbers() {
        return wavenumbers;
    }

    /** Work arrays of one call. */
    Work work() {
        return new Work(new double[nx], new double[nx], new double[nx], bluestein == null ? null : bluestein.work());
    }

    /** Work arrays: the complex row, a permutation buffer and Bluestein's padded sequence. */
    record Work(double[] re, double[] im, double[] buffer, double[][] padded) {
    }

    /** The half spectra of the field {@code x[offset .. offset + ny nx)} into {@code specRe, specIm} ([k * ny + j]). */
    void forward(double[] x, int offset, double[] specRe, double[] specIm, Work w) {
        double[] re = w.re();
        double[] im = w.im();
        for (int a = 0; a < ny; a += 2) {
            int b = a + 1 < ny ? a + 1 : -1;
            System.arraycopy(x, offset + a * nx, re, 0, nx);
            if (b >= 0) {
                System.arraycopy(x, offset + b * nx, im, 0, nx);
            } else {
                java.util.Arrays.fill(im, 0.0);
            }
            dft(re, im, w);
            for (int k = 0; k < wavenumbers; k++) {
                int m = (nx - k) % nx;
                specRe[k * ny + a] = 0.5 * (re[k] + re[m]);
                specIm[k * ny + a] = 0.5 * (im[k] - im[m]);
                if (b >= 0) {
                    specRe[k * ny + b] = 0.5 * (im[k] + im[m]);
                    specIm[k * ny + b] = 0.5 * (re[m] - re[k]);
                }
            }
        }
    }

    /** The real field of these half spectra into {@code out[offset .. offset + ny nx)} (with the 1/nx). */
    void inverse(double[] specRe, double[] specIm, double[] out, int offset, Work w) {
        double[] re = w.re();
        double[] im = w.im();
        double scale = 1.0 / nx;
        for (int a = 0; a < ny; a += 2) {
            int b = a + 1 < ny ? a + 1 : -1;
            for (int k = 0; k < nx; k++) {
                int q = Math.min(k, nx - k);
                double sign = k == q ? 1.0 : -1.0;
                double ar = specRe[q * ny + a];
                double ai = sign * specIm[q * ny + a];
                double br = b >= 0 ? specRe[q * ny + b] : 0.0;
                double bi = b >= 0 ? sign * specIm[q * ny + b] : 0.0;
                // Z_k = A_k + i B_k, conjugated for the inverse through the forward transform
                re[k] = ar - bi;
                im[k] = -(ai + br);
            }
            dft(re, im, w);
            for (int i = 0; i < nx; i++) {
                out[offset + a * nx + i] = re[i] * scale;
                if (b >= 0) {
                    out[offset + b * nx + i] = -im[i] * scale;
                }
            }
        }
    }

    /** The forward DFT (twiddles e^{-2 pi i jk/n}) in place, natural order in and out. */
    private void dft(double[] re, double[] im, Work w) {
        if (bluestein != null) {
            bluestein.dft(re, im, w.padded());
            return;
        }
        FourierKernels.forwardBitReversed(re, im, cos, sin);
        double[] buffer = w.buffer();
        for (int k = 0; k < nx; k++) {
            buffer[k] = re[bitReversal[k]];
        }
        System.arraycopy(buffer, 0, re, 0, nx);
        for (int k = 0; k < nx; k++) {
            buffer[k] = im[bitReversal[k]];
        }
        System.arraycopy(buffer, 0, im, 0, nx);
    }
}
