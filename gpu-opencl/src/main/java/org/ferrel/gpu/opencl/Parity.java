package org.ferrel.gpu.opencl;

/** How the backends' results are compared: differences relative to the reference's largest magnitude. */
public final class Parity {
    private Parity() {
    }

    /** {@code max |a - b| / max |b|} (the plain difference where b is all zeros); NaN anywhere gives NaN. */
    public static double relativeDifference(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            diff = Math.max(diff, d);
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return scale == 0 ? diff : diff / scale;
    }

    /** Whether a and b are the same bit patterns. */
    public static boolean bitwiseEqual(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                return false;
            }
        }
        return true;
    }
}
