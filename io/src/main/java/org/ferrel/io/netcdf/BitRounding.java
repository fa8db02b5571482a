package org.ferrel.io.netcdf;

/**
 * Bit rounding (Klöwer et al. 2021, as in xbitinfo and SpeedyWeather.jl): a floating-point number's
 * mantissa is rounded to its leading {@code keepBits} bits, to nearest with ties to even, on the
 * bit pattern; the bits after them become zero, which deflate then compresses well. The relative
 * error is at most 2<sup>-(keepBits+1)</sup>. NaN and infinities are left as they are; a finite value
 * may round up to the next power of two (and the largest ones to infinity, as in xbitinfo).
 */
public final class BitRounding {
    private BitRounding() {
    }

    /** {@code x} with its 52-bit mantissa rounded to {@code keepBits} bits (0 to 52). */
    public static double round(double x, int keepBits) {
        check(keepBits, 52);
        if (keepBits == 52 || !Double.isFinite(x)) {
            return x;
        }
        int drop = 52 - keepBits;
        long bits = Double.doubleToRawLongBits(x);
        long halfMinusOne = (1L << (drop - 1)) - 1;
        long odd = (bits >>> drop) & 1L;
        return Double.longBitsToDouble((bits + halfMinusOne + odd) & (-1L << drop));
    }

    /** {@code x} with its 23-bit mantissa rounded to {@code keepBits} bits (0 to 23). */
    public static float round(float x, int keepBits) {
        check(keepBits, 23);
        if (keepBits == 23 || !Float.isFinite(x)) {
            return x;
        }
        int drop = 23 - keepBits;
        int bits = Float.floatToRawIntBits(x);
        int halfMinusOne = (1 << (drop - 1)) - 1;
        int odd = (bits >>> drop) & 1;
        return Float.intBitsToFloat((bits + halfMinusOne + odd) & (-1 << drop));
    }

    /** A rounded copy ({@code keepBits} {@link OutputEncoding#NO_ROUNDING}: a plain copy). */
    public static double[] rounded(double[] x, int keepBits) {
        double[] y = x.clone();
        if (keepBits != OutputEncoding.NO_ROUNDING) {
            for (int i = 0; i < y.length; i++) {
                y[i] = round(y[i], keepBits);
            }
        }
        return y;
    }

    /**
     * Single-precision values: each double is rounded to nearest float (and then, unless
     * {@code keepBits} is {@link OutputEncoding#NO_ROUNDING}, to {@code keepBits} mantissa bits).
     */
    public static float[] toFloat(double[] x, int keepBits) {
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = keepBits == OutputEncoding.NO_ROUNDING ? (float) x[i] : round((float) x[i], keepBits);
        }
        return y;
    }

    private static void check(int keepBits, int max) {
        if (keepBits < 0 || keepBits > max) {
            throw new IllegalArgumentException("keepBits: expected 0 to " + max + ", got " + keepBits);
        }
    }
}
