package org.ferrel.physics.basis;

import java.util.ArrayList;
import java.util.List;
import org.ferrel.dycore.grid.LatLonGrid;

/**
 * Smooth bases on the sphere: zonal Legendre polynomials {@code P_l(sin phi)} and real spherical
 * harmonics
 * <pre>
 *   Y(l, m)  = Pbar_l^|m|(sin phi) cos(m lambda)   for m >= 0
 *   Y(l, -m) = Pbar_l^m(sin phi)   sin(m lambda)   for m > 0
 * </pre>
 * with the geodesists' "4 pi" normalisation: the mean of Y(l, m)^2 over the sphere is 1, so a
 * coefficient is the root-mean-square amplitude of its pattern (Heiskanen &amp; Moritz 1967, eq. 1-73;
 * the recurrences of Holmes &amp; Featherstone 2002, J. Geodesy 76, 279-299, eqs. 11-13, without the
 * Condon-Shortley phase).
 */
public final class Harmonics {
    private Harmonics() {
    }

    /** Legendre polynomials P_0..P_degree of sin(latitude) per row (unnormalised, P_l(1) = 1). */
    public static Basis zonalLegendre(LatLonGrid grid, int degree) {
        if (degree < 0 || degree > 60) {
            throw new IllegalArgumentException("zonal Legendre degree must be in 0..60, got " + degree);
        }
        int k = degree + 1;
        double[] v = new double[grid.ny() * k];
        List<String> labels = new ArrayList<>();
        for (int l = 0; l <= degree; l++) {
            labels.add("P" + l);
        }
        for (int j = 0; j < grid.ny(); j++) {
            double[] p = legendre(degree, Math.sin(grid.latitude(j)));
            System.arraycopy(p, 0, v, j * k, k);
        }
        return new Basis("zonal Legendre P_0..P_" + degree + " of sin(latitude)", labels, grid, true, v);
    }

    /** P_0..P_n at x by Bonnet's recurrence (l+1) P_{l+1} = (2l+1) x P_l - l P_{l-1}. */
    public static double[] legendre(int n, double x) {
        double[] p = new double[n + 1];
        p[0] = 1;
        if (n > 0) {
            p[1] = x;
        }
        for (int l = 1; l < n; l++) {
            p[l + 1] = ((2 * l + 1) * x * p[l] - l * p[l - 1]) / (l + 1);
        }
        return p;
    }

    /**
     * Real spherical harmonics of degrees {@code minDegree..maxDegree}, ordered by degree and then
     * m = 0, 1, -1, 2, -2, ...; {@code minDegree = 1} leaves out the global mean.
     */
    public static Basis realSpherical(LatLonGrid grid, int minDegree, int maxDegree) {
        if (minDegree < 0 || maxDegree < minDegree || maxDegree > 60) {
            throw new IllegalArgumentException("spherical harmonic degrees must satisfy 0 <= min <= max <= 60, got "
                    + minDegree + ".." + maxDegree);
        }
        List<int[]> lm = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int l = minDegree; l <= maxDegree; l++) {
            lm.add(new int[] {l, 0});
            labels.add("Y(" + l + ",0)");
            for (int m = 1; m <= l; m++) {
                lm.add(new int[] {l, m});
                labels.add("Y(" + l + "," + m + ")");
                lm.add(new int[] {l, -m});
                labels.add("Y(" + l + ",-" + m + ")");
            }
        }
        int k = lm.size();
        int nx = grid.nx();
        double[] v = new double[grid.ny() * nx * k];
        for (int j = 0; j < grid.ny(); j++) {
            double[][] pbar = normalisedAssociatedLegendre(maxDegree, Math.sin(grid.latitude(j)));
            for (int i = 0; i < nx; i++) {
                double lambda = 2 * Math.PI * i / nx;
                int row = (j * nx + i) * k;
                for (int c = 0; c < k; c++) {
                    int l = lm.get(c)[0];
                    int m = lm.get(c)[1];
                    int am = Math.abs(m);
                    double angular = m >= 0 ? Math.cos(am * lambda) : Math.sin(am * lambda);
                    v[row + c] = pbar[l][am] * angular;
                }
            }
        }
        return new Basis("real spherical harmonics, degrees " + minDegree + ".." + maxDegree + " (4-pi normalised)", labels,
                grid, false, v);
    }

    /**
     * Fully normalised associated Legendre functions Pbar_l^m(t), 0 <= m <= l <= n, such that
     * {@code (1/4pi) \int (Pbar_l^m(sin phi) cos(m lambda))^2 dS = 1} (and the same for sin, m > 0).
     */
    public static double[][] normalisedAssociatedLegendre(int n, double t) {
        double u = Math.sqrt(Math.max(0, 1 - t * t));
        double[][] p = new double[n + 1][];
        for (int l = 0; l <= n; l++) {
            p[l] = new double[l + 1];
        }
        p[0][0] = 1;
        if (n == 0) {
            return p;
        }
        // sectoral terms: Pbar_1^1 = sqrt(3) u, Pbar_m^m = u sqrt((2m+1)/(2m)) Pbar_{m-1}^{m-1}
        p[1][1] = Math.sqrt(3) * u;
        for (int m = 2; m <= n; m++) {
            p[m][m] = u * Math.sqrt((2.0 * m + 1) / (2.0 * m)) * p[m - 1][m - 1];
        }
        for (int m = 0; m <= n; m++) {
            if (m + 1 <= n) {
                p[m + 1][m] = Math.sqrt(2.0 * m + 3) * t * p[m][m];
            }
            for (int l = m + 2; l <= n; l++) {
                double a = Math.sqrt((2.0 * l - 1) * (2.0 * l + 1) / ((double) (l - m) * (l + m)));
                double b = Math.sqrt((2.0 * l + 1) * (l + m - 1) * (l - m - 1) / ((double) (l - m) * (l + m) * (2 * l - 3)));
                p[l][m] = a * t * p[l - 1][m] - b * p[l - 2][m];
            }
        }
        return p;
    }
}
