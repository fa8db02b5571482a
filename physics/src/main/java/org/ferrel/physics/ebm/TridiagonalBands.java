package org.ferrel.physics.ebm;

import org.ferrel.autodiff.kernels.LinearAlgebra;

/**
 * A tridiagonal matrix by its bands, {@code (M T)_i = lower_i T_{i-1} + diagonal_i T_i + upper_i T_{i+1}}
 * ({@code lower[0]} and {@code upper[n-1]} unused): here the linearisation {@code M = -dF/dT} of the
 * energy balance model's tendency, which is symmetric.
 */
public record TridiagonalBands(double[] lower, double[] diagonal, double[] upper) {
    public TridiagonalBands {
        if (lower.length != diagonal.length || upper.length != diagonal.length) {
            throw new IllegalArgumentException("tridiagonal bands of lengths " + lower.length + ", " + diagonal.length
                    + ", " + upper.length + " differ");
        }
    }

    public int size() {
        return diagonal.length;
    }

    /** {@code M x}. */
    public double[] multiply(double[] x) {
        int n = size();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = diagonal[i] * x[i];
            if (i > 0) {
                s += lower[i] * x[i - 1];
            }
            if (i < n - 1) {
                s += upper[i] * x[i + 1];
            }
            y[i] = s;
        }
        return y;
    }

    /** Solves {@code (M + shift I) x = rhs} by the Thomas algorithm (no pivoting). */
    public double[] solve(double[] rhs, double shift) {
        int n = size();
        double[] d = diagonal;
        if (shift != 0.0) {
            d = diagonal.clone();
            for (int i = 0; i < n; i++) {
                d[i] += shift;
            }
        }
        double[] x = new double[n];
        LinearAlgebra.tridiagonal(lower, d, upper, rhs, false, n, x, 0, 1);
        return x;
    }

    /**
     * The number of negative eigenvalues of a symmetric tridiagonal matrix, by Sylvester's law of
     * inertia: the count of negative pivots of its LDLᵀ factorisation. For {@code M = -dF/dT} of
     * {@code C dT/dt = F(T)} it is the number of growing modes of the linearised dynamics, so 0 means
     * a stable equilibrium.
     *
     * @throws ArithmeticException when a pivot is exactly zero (a singular leading block)
     */
    public int negativeEigenvalueCount() {
        int n = size();
        int negative = 0;
        double pivot = 0;
        for (int i = 0; i < n; i++) {
            pivot = i == 0 ? diagonal[0] : diagonal[i] - lower[i] * upper[i - 1] / pivot;
            if (pivot == 0.0) {
                throw new ArithmeticException("tridiagonal matrix: zero pivot at row " + i + "; the inertia is undefined");
            }
            if (pivot < 0) {
                negative++;
            }
        }
        return negative;
    }
}
