package org.ferrel.calibration.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Hipparchus' Levenberg-Marquardt (Jacobian from n JVPs) and the matrix-free Gauss-Newton (CG with
 * one JVP and one VJP per iteration) minimise the same cost: on a nonlinear problem with 12
 * parameters, 30 observations and a prior they must find the same θ̂.
 */
class GaussNewtonAgreementTest {

    /**
     * r_j = (Σ_i A_ji tanh(θ_i) - y_j) / 0.1, θ_i ~ N(0.2, 1) a priori; A seeded, y from a seeded
     * truth with noise of standard deviation 0.1 (a small-residual problem, where Gauss-Newton
     * converges fast).
     */
    private static TestProblem tanhProblem(double[] lower, double[] upper) {
        int n = 12;
        int m = 30;
        SplittableRandom random = new SplittableRandom(11);
        double[][] a = new double[m][n];
        double[] y = new double[m];
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextDouble(-1, 1);
        }
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                a[j][i] = random.nextDouble(-1, 1);
                y[j] += a[j][i] * Math.tanh(truth[i]);
            }
            y[j] += 0.1 * random.nextGaussian();
        }
        List<String> names = new ArrayList<>();
        double[] mean = new double[n];
        double[] spread = new double[n];
        for (int i = 0; i < n; i++) {
            names.add("theta" + i);
            mean[i] = 0.2;
            spread[i] = 1;
        }
        return TestProblem.of(names, m,
                t -> {
                    double[] r = new double[m];
                    for (int j = 0; j < m; j++) {
                        r[j] = -y[j];
                        for (int i = 0; i < n; i++) {
                            r[j] += a[j][i] * Math.tanh(t[i]);
                        }
                        r[j] /= 0.1;
                    }
                    return r;
                },
                t -> {
                    double[][] jac = new double[m][n];
                    for (int j = 0; j < m; j++) {
                        for (int i = 0; i < n; i++) {
                            double c = Math.cosh(t[i]);
                            jac[j][i] = a[j][i] / (c * c) / 0.1;
                        }
                    }
                    return jac;
                })
                .withPrior(mean, spread)
                .withBounds(lower, upper);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void levenbergMarquardtAndMatrixFreeGaussNewtonAgree() {
        for (double bound : new double[] {Double.POSITIVE_INFINITY, 0.5}) {
            TestProblem problem = tanhProblem(filled(12, -bound), filled(12, bound));
            FitResult lm = HipparchusLeastSquares.levenbergMarquardt().withCostRelativeTolerance(1e-14)
                    .withParameterRelativeTolerance(1e-14).minimize(problem, new double[12]);
            FitResult gn = MatrixFreeGaussNewton.defaults().withTolerances(1e-10, 0, 1e-12).minimize(problem, new double[12]);
            assertTrue(lm.converged() && gn.converged(), lm.message() + " / " + gn.message());
            FitResult lbfgs = BoundedLbfgs.defaults().withProjectedGradientTolerance(1e-11).withRelativeCostTolerance(0)
                    .minimize(problem, new double[12]);
            int onBounds = 0;
            for (int i = 0; i < 12; i++) {
                assertEquals(lm.theta()[i], gn.theta()[i], 1e-8, "bound " + bound + ", parameter " + i);
                assertEquals(lbfgs.theta()[i], gn.theta()[i], 1e-8, "a third opinion: bound " + bound + ", parameter " + i);
                onBounds += Math.abs(gn.theta()[i]) == bound ? 1 : 0;
            }
            assertEquals(lm.cost().total(), gn.cost().total(), 1e-10 * lm.cost().total());
            if (bound < 1) {
                assertTrue(onBounds >= 2, "the bounds should be active: " + onBounds + " on bounds");
            }
        }
    }
}
