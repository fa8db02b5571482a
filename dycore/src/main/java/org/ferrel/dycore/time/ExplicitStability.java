package org.ferrel.dycore.time;

/**
 * The stability function {@code R(z) = 1 + z b^T (I - z A)^-1 1} of an explicit Runge-Kutta
 * tableau (A strictly lower triangular), and the extent of its stability region {@code |R| <= 1}
 * along the imaginary and the negative real axis, found by scanning outward and bisecting.
 */
final class ExplicitStability {
    private static final double SCAN = 1e-3;
    private static final double LIMIT = 100.0;

    private ExplicitStability() {
    }

    /** |R(z)| for z = re + i im. */
    static double modulus(double[][] a, double[] b, double re, double im) {
        int s = b.length;
        // k_i = 1 + z sum_{j<i} a_ij k_j (forward substitution, complex)
        double[] kr = new double[s];
        double[] ki = new double[s];
        double rr = 1;
        double ri = 0;
        for (int i = 0; i < s; i++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < i; j++) {
                sr += a[i][j] * kr[j];
                si += a[i][j] * ki[j];
            }
            kr[i] = 1 + re * sr - im * si;
            ki[i] = re * si + im * sr;
            rr += b[i] * (re * kr[i] - im * ki[i]);
            ri += b[i] * (re * ki[i] + im * kr[i]);
        }
        return Math.hypot(rr, ri);
    }

    static double imaginaryAxisLimit(double[][] a, double[] b) {
        return edge(a, b, 0, 1);
    }

    static double realAxisLimit(double[][] a, double[] b) {
        return edge(a, b, -1, 0);
    }

    /** The first t > 0 where |R(t (dr + i di))| exceeds 1 (by more than rounding). */
    private static double edge(double[][] a, double[] b, double dr, double di) {
        double t = SCAN;
        while (t < LIMIT && modulus(a, b, t * dr, t * di) <= 1 + 1e-12) {
            t += SCAN;
        }
        double lo = t - SCAN;
        double hi = t;
        for (int k = 0; k < 60; k++) {
            double mid = 0.5 * (lo + hi);
            if (modulus(a, b, mid * dr, mid * di) <= 1 + 1e-12) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
