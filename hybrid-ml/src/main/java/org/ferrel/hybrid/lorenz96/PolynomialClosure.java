package org.ferrel.hybrid.lorenz96;

import org.ferrel.autodiff.kernels.LinearAlgebra;

/**
 * A local polynomial closure {@code U_k = sum_p a_p X_k^p}, the deterministic baseline of Wilks
 * (2005) and Arnold et al. (2013), who fit a cubic by least squares to the coupling term of the
 * full model. Their papers write the closure with the opposite sign, {@code dX/dt = ... + F - U_p(X)},
 * so their coefficients are the negatives of these.
 *
 * @param coefficients a_0 .. a_degree
 */
public record PolynomialClosure(double[] coefficients) implements Closure {
    public PolynomialClosure {
        coefficients = coefficients.clone();
    }

    /** The least-squares polynomial of this degree through the pairs (x_i, u_i), by the normal equations. */
    public static PolynomialClosure fit(double[] x, double[] u, int degree) {
        int n = degree + 1;
        double[] normal = new double[n * n];
        double[] rhs = new double[n];
        double[] powers = new double[n];
        for (int i = 0; i < x.length; i++) {
            powers[0] = 1;
            for (int p = 1; p < n; p++) {
                powers[p] = powers[p - 1] * x[i];
            }
            for (int r = 0; r < n; r++) {
                rhs[r] += powers[r] * u[i];
                for (int c = 0; c < n; c++) {
                    normal[r * n + c] += powers[r] * powers[c];
                }
            }
        }
        int[] pivot = new int[n];
        LinearAlgebra.luFactor(normal, n, pivot);
        double[] a = new double[n];
        LinearAlgebra.luSolve(normal, pivot, n, false, rhs, 1, a, 0, 1);
        return new PolynomialClosure(a);
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public String name() {
        return "cubic polynomial";
    }

    @Override
    public void coupling(double[] x, double[] u) {
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int p = coefficients.length - 1; p >= 0; p--) {
                s = s * x[i] + coefficients[p];
            }
            u[i] = s;
        }
    }
}
