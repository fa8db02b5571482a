package org.ferrel.calibration.optim;

/** Small dense vector helpers for the optimizers (sums in index order, so results are reproducible). */
final class Vectors {
    private Vectors() {
    }

    static boolean allFinite(double[] v) {
        if (v == null) {
            return false;
        }
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** {@code a + alpha b}, a new array. */
    static double[] addScaled(double[] a, double alpha, double[] b) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] + alpha * b[i];
        }
        return c;
    }

    static double[] subtract(double[] a, double[] b) {
        return addScaled(a, -1, b);
    }

    /** The projection of x onto the box [lower, upper], a new array. */
    static double[] project(double[] x, double[] lower, double[] upper) {
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
        }
        return p;
    }

    /** {@code max_i |P(x - g) - x|_i}, the projected gradient's largest component (L-BFGS-B's test). */
    static double projectedGradientNorm(double[] x, double[] g, double[] lower, double[] upper) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            double p = Math.min(upper[i], Math.max(lower[i], x[i] - g[i])) - x[i];
            m = Math.max(m, Math.abs(p));
        }
        return m;
    }

    /** The largest α ≥ 0 with {@code lower ≤ x + α d ≤ upper} (+infinity when unbounded along d). */
    static double maxFeasibleStep(double[] x, double[] d, double[] lower, double[] upper) {
        double a = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (d[i] > 0 && upper[i] < Double.POSITIVE_INFINITY) {
                a = Math.min(a, Math.max(0, (upper[i] - x[i]) / d[i]));
            } else if (d[i] < 0 && lower[i] > Double.NEGATIVE_INFINITY) {
                a = Math.min(a, Math.max(0, (lower[i] - x[i]) / d[i]));
            }
        }
        return a;
    }
}
