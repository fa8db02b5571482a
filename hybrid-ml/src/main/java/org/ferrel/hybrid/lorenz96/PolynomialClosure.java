package org.ferrel.hybrid.lorenz96;

import org.ferrel.autodiff.kernels.LinearAlgebra;

/**
 * A local polynomial closure {@code U_k = sum_p a_p X_k^p}, the deterministic baseline of Wilks
 * (2005) and Arnold et al. (2013), who fit a polynomial by least squares to the coupling term of
 * the full model. Their papers write the closure with the opposite sign,
 * {@code dX/dt = ... + F - U_p(X)}, so their coefficients are the negatives of these.
 *
 * @param name         a short name for tables and figures
 * @param coefficients a_0 .. a_degree
 */
public record PolynomialClosure(String name, double[] coefficients) implements Closure {
    /** The name of a cubic fitted by {@link #fit}. */
    public static final String FITTED_CUBIC = "cubic polynomial";
    /** The name of {@link #arnold2013()}. */
    public static final String ARNOLD_2013 = "cubic of Arnold et al. (2013)";

    public PolynomialClosure {
        coefficients = coefficients.clone();
    }

    /**
     * The published deterministic cubic of Arnold, Moroz &amp; Palmer (2013) for K = 8, J = 32, h = 1,
     * b = 10, c = 10, F = 20: {@code U_p(X) = 0.341 + 1.30 X - 0.0136 X^2 - 0.00235 X^3} in their sign
     * convention ({@code dX/dt = ... - U_p}); here negated. (Coefficients as used in the reference
     * Fortran code of their group, "Arnold et al. 2012 deterministic", c = 10; for c = 4 they are
     * -0.198, 0.575, -0.00550, -0.000223.)
     */
    public static PolynomialClosure arnold2013() {
        return new PolynomialClosure(ARNOLD_2013, new double[] {-0.341, -1.30, 0.0136, 0.00235});
    }

    /** The least-squares polynomial of this degree through the pairs (x_i, u_i), by the normal equations. */
    public static PolynomialClosure fit(double[] x, double[] u, int degree) {
        if (x.length != u.length || x.length <= degree) {
            throw new IllegalArgumentException("polynomial fit of degree " + degree + ": " + x.length + " x and " + u.length
                    + " u values; need the same number, more than the degree");
        }
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
        return new PolynomialClosure(degree == 3 ? FITTED_CUBIC : "fitted polynomial of degree " + degree, a);
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
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
