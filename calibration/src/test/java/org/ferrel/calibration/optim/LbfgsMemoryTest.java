package org.ferrel.calibration.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LbfgsMemoryTest {

    /** The compact form equals k dense BFGS updates of B₀ = θI (θ of the newest pair). */
    @Test
    void compactFormEqualsDenseBfgsUpdates() {
        int n = 5;
        int k = 3;
        SplittableRandom random = new SplittableRandom(7);
        double[][] a = new double[n][n]; // an SPD "Hessian" to make pairs with positive curvature
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = random.nextDouble(-1, 1);
            }
        }
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int l = 0; l < n; l++) {
                    h[i][j] += a[l][i] * a[l][j];
                }
                h[i][j] += i == j ? 0.5 : 0;
            }
        }
        java.util.List<double[]> pairs = new java.util.ArrayList<>();
        LbfgsMemory memory = new LbfgsMemory(k);
        for (int p = 0; p < k + 2; p++) { // two more than fit: the oldest are dropped
            double[] sp = new double[n];
            for (int i = 0; i < n; i++) {
                sp[i] = random.nextDouble(-1, 1);
            }
            assertTrue(memory.update(sp, times(h, sp)));
            pairs.add(sp);
        }
        assertEquals(k, memory.size());
        double[][] s = pairs.subList(pairs.size() - k, pairs.size()).toArray(new double[0][]);
        double[][] y = new double[k][];
        for (int p = 0; p < k; p++) {
            y[p] = times(h, s[p]);
        }
        double theta = dot(y[k - 1], y[k - 1]) / dot(s[k - 1], y[k - 1]);
        assertEquals(theta, memory.theta(), 1e-12 * theta);
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            b[i][i] = theta;
        }
        for (int p = 0; p < k; p++) { // B₊ = B - B s sᵀ B / sᵀBs + y yᵀ / yᵀs
            double[] bs = times(b, s[p]);
            double sbs = dot(s[p], bs);
            double ys = dot(y[p], s[p]);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    b[i][j] += -bs[i] * bs[j] / sbs + y[p][i] * y[p][j] / ys;
                }
            }
        }
        double[] v = {0.3, -1, 2, 0.5, 1.5};
        assertArrayEquals(times(b, v), memory.times(v), 1e-10);
    }

    @Test
    void pairsWithoutPositiveCurvatureAreSkipped() {
        LbfgsMemory memory = new LbfgsMemory(3);
        assertFalse(memory.update(new double[] {1, 0}, new double[] {-1, 0}));
        assertEquals(0, memory.size());
        assertEquals(1, memory.theta());
    }

    /** With B = I the generalized Cauchy point is the projection P(x - g). */
    @Test
    void cauchyPointWithIdentityIsTheProjectedGradientStep() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 6;
            double[] lower = new double[n];
            double[] upper = new double[n];
            double[] x = new double[n];
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                lower[i] = random.nextDouble(-2, 0);
                upper[i] = random.nextDouble(0, 2);
                x[i] = random.nextInt(4) == 0 ? (random.nextBoolean() ? lower[i] : upper[i]) : random.nextDouble(lower[i], upper[i]);
                g[i] = random.nextDouble(-3, 3);
            }
            double[] xc = BoundedLbfgs.cauchyPoint(x, g, lower, upper, new LbfgsMemory(5), new boolean[n]);
            assertArrayEquals(Vectors.project(Vectors.subtract(x, g), lower, upper), xc, 1e-12);
        }
    }

    private static double[] times(double[][] m, double[] v) {
        double[] r = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            r[i] = dot(m[i], v);
        }
        return r;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
