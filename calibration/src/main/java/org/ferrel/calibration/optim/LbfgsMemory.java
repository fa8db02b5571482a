package org.ferrel.calibration.optim;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The limited-memory BFGS matrix in compact form (Byrd, Nocedal & Schnabel 1994, used by L-BFGS-B):
 * <pre>
 *   B = θ I - W M Wᵀ,   W = [Y  θS]  (n × 2k),
 *   M = [ -D   Lᵀ  ]⁻¹
 *       [  L  θSᵀS ]
 * </pre>
 * with S, Y the last k correction pairs {@code s = x_{j+1} - x_j}, {@code y = g_{j+1} - g_j} (oldest
 * first), {@code D = diag(s_jᵀ y_j)}, {@code L_ij = s_iᵀ y_j} for i > j (else 0), and
 * {@code θ = yᵀy / sᵀy} of the newest pair. With no pairs, B = I.
 */
final class LbfgsMemory {
    /** Pairs with {@code sᵀy ≤ EPS yᵀy} are skipped, keeping B positive definite (L-BFGS-B's test). */
    private static final double EPS = 2.220446049250313e-16;

    private final int capacity;
    private final List<double[]> s = new ArrayList<>();
    private final List<double[]> y = new ArrayList<>();
    private double theta = 1;
    private double[][] m = new double[0][0];

    LbfgsMemory(int capacity) {
        this.capacity = capacity;
    }

    int size() {
        return s.size();
    }

    double theta() {
        return theta;
    }

    void reset() {
        s.clear();
        y.clear();
        theta = 1;
        m = new double[0][0];
    }

    /** Adds a correction pair unless its curvature {@code sᵀy} is not safely positive; true when added. */
    boolean update(double[] sk, double[] yk) {
        double sy = Vectors.dot(sk, yk);
        double yy = Vectors.dot(yk, yk);
        if (!(sy > EPS * yy) || !Double.isFinite(sy) || !Double.isFinite(yy)) {
            return false;
        }
        s.add(sk.clone());
        y.add(yk.clone());
        if (s.size() > capacity) {
            s.remove(0);
            y.remove(0);
        }
        theta = yy / sy;
        rebuildMiddle();
        return true;
    }

    /**
     * Recomputes M; when its inverse does not exist (dependent pairs, e.g. more pairs than
     * parameters at convergence), drops the oldest pairs until it does.
     */
    private void rebuildMiddle() {
        while (!s.isEmpty()) {
            int k = s.size();
            double[][] kk = new double[2 * k][2 * k];
            for (int i = 0; i < k; i++) {
                kk[i][i] = -Vectors.dot(s.get(i), y.get(i));
                for (int j = 0; j < i; j++) {
                    double lij = Vectors.dot(s.get(i), y.get(j));
                    kk[k + i][j] = lij;
                    kk[j][k + i] = lij;
                }
                for (int j = 0; j < k; j++) {
                    kk[k + i][k + j] = theta * Vectors.dot(s.get(i), s.get(j));
                }
            }
            DecompositionSolver solver = new LUDecomposition(MatrixUtils.createRealMatrix(kk), 0).getSolver();
            if (solver.isNonSingular()) {
                RealMatrix inverse = solver.getInverse();
                if (isFinite(inverse)) {
                    m = inverse.getData();
                    return;
                }
            }
            s.remove(0);
            y.remove(0);
        }
        reset();
    }

    private static boolean isFinite(RealMatrix a) {
        for (double[] row : a.getData()) {
            if (!Vectors.allFinite(row)) {
                return false;
            }
        }
        return true;
    }

    /** Row i of W: {@code (y_0[i] .. y_{k-1}[i], θ s_0[i] .. θ s_{k-1}[i])}. */
    double[] wRow(int i) {
        int k = s.size();
        double[] w = new double[2 * k];
        for (int j = 0; j < k; j++) {
            w[j] = y.get(j)[i];
            w[k + j] = theta * s.get(j)[i];
        }
        return w;
    }

    /** {@code Wᵀ v} (length 2k). */
    double[] wTransposeTimes(double[] v) {
        int k = s.size();
        double[] p = new double[2 * k];
        for (int j = 0; j < k; j++) {
            p[j] = Vectors.dot(y.get(j), v);
            p[k + j] = theta * Vectors.dot(s.get(j), v);
        }
        return p;
    }

    /** {@code M v} (length 2k). */
    double[] middleTimes(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double sum = 0;
            for (int j = 0; j < v.length; j++) {
                sum += m[i][j] * v[j];
            }
            r[i] = sum;
        }
        return r;
    }

    /** {@code B v = θ v - W M Wᵀ v}. */
    double[] times(double[] v) {
        double[] mw = middleTimes(wTransposeTimes(v));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = theta * v[i] - Vectors.dot(wRow(i), mw);
        }
        return r;
    }
}
