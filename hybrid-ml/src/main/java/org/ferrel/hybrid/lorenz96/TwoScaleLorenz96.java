package org.ferrel.hybrid.lorenz96;

/**
 * The two-scale Lorenz (1996) system of Wilks (2005, Q. J. R. Meteorol. Soc. 131, 389-407) and
 * Arnold, Moroz &amp; Palmer (2013, Phil. Trans. R. Soc. A 371, 20110479): K slow variables X on a
 * ring, each coupled to J fast variables Y (JK in one ring, Y_{j,k} = y[k J + j]):
 * <pre>
 *   dX_k/dt = -X_{k-1} (X_{k-2} - X_{k+1}) - X_k + F - (h c / b) sum_j Y_{j,k}
 *   dY_j/dt = -c b Y_{j+1} (Y_{j+2} - Y_{j-1}) - c Y_j + (h c / b) X_{k(j)}
 * </pre>
 * The last term of the X equation is the coupling U_k that a coarse model must parameterize.
 * Kernels are static loops over flat arrays.
 *
 * @param k       number of slow variables K
 * @param j       fast variables per slow variable J
 * @param h       coupling strength
 * @param b       amplitude ratio of slow to fast variables
 * @param c       time-scale ratio of fast to slow variables
 * @param forcing F
 */
public record TwoScaleLorenz96(int k, int j, double h, double b, double c, double forcing) {
    public TwoScaleLorenz96 {
        if (k < 4 || j < 1) {
            throw new IllegalArgumentException("two-scale Lorenz-96 needs K >= 4 and J >= 1, got " + k + ", " + j);
        }
    }

    /** Arnold et al. (2013): K = 8, J = 32, h = 1, b = 10, c = 10, F = 20. */
    public static TwoScaleLorenz96 arnold2013() {
        return new TwoScaleLorenz96(8, 32, 1.0, 10.0, 10.0, 20.0);
    }

    /** The resolved part of dX/dt (everything but the coupling). */
    public void resolvedTendency(double[] x, double[] dx) {
        for (int i = 0; i < k; i++) {
            double xm1 = x[(i + k - 1) % k];
            double xm2 = x[(i + k - 2) % k];
            double xp1 = x[(i + 1) % k];
            dx[i] = -xm1 * (xm2 - xp1) - x[i] + forcing;
        }
    }

    /** The coupling term {@code U_k = -(h c / b) sum_j Y_{j,k}}. */
    public void coupling(double[] y, double[] u) {
        double factor = h * c / b;
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int q = 0; q < j; q++) {
                s += y[i * j + q];
            }
            u[i] = -factor * s;
        }
    }

    /** The full tendency of (X, Y). */
    public void tendency(double[] x, double[] y, double[] dx, double[] dy) {
        resolvedTendency(x, dx);
        double[] u = new double[k];
        coupling(y, u);
        for (int i = 0; i < k; i++) {
            dx[i] += u[i];
        }
        int n = k * j;
        double factor = h * c / b;
        for (int q = 0; q < n; q++) {
            double yp1 = y[(q + 1) % n];
            double yp2 = y[(q + 2) % n];
            double ym1 = y[(q + n - 1) % n];
            dy[q] = -c * b * yp1 * (yp2 - ym1) - c * y[q] + factor * x[q / j];
        }
    }

    /** One classical RK4 step of the full system, in place. */
    public void step(double[] x, double[] y, double dt) {
        int n = k * j;
        double[][] kx = new double[4][k];
        double[][] ky = new double[4][n];
        double[] xs = new double[k];
        double[] ys = new double[n];
        double[] weights = {0, 0.5, 0.5, 1};
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < k; i++) {
                xs[i] = s == 0 ? x[i] : x[i] + weights[s] * dt * kx[s - 1][i];
            }
            for (int q = 0; q < n; q++) {
                ys[q] = s == 0 ? y[q] : y[q] + weights[s] * dt * ky[s - 1][q];
            }
            tendency(xs, ys, kx[s], ky[s]);
        }
        for (int i = 0; i < k; i++) {
            x[i] += dt / 6 * (kx[0][i] + 2 * kx[1][i] + 2 * kx[2][i] + kx[3][i]);
        }
        for (int q = 0; q < n; q++) {
            y[q] += dt / 6 * (ky[0][q] + 2 * ky[1][q] + 2 * ky[2][q] + ky[3][q]);
        }
    }
}
