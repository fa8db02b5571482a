package org.ferrel.calibration.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The linear Gaussian problem of {@link TestProblem#linearGaussian()}: posterior mean and covariance
 * known by hand, parameters 12 orders of magnitude apart.
 */
class LinearGaussianTest {
    private static final double A_HAT = 5e-7;
    private static final double B_HAT = 1.5e6;
    private static final double[] START = {2e-6, -1e6};

    @Test
    void laplaceGivesTheExactPosteriorCovariance() {
        PosteriorUncertainty u = LaplaceApproximation.at(TestProblem.linearGaussian(), new double[] {A_HAT, B_HAT});
        double[][] c = u.covariance();
        assertEquals(3.0 / 8 * 1e-12, c[0][0], 1e-10 * 3.0 / 8 * 1e-12);
        assertEquals(3.0 / 8 * 1e12, c[1][1], 1e-10 * 3.0 / 8 * 1e12);
        assertEquals(-1.0 / 8, c[0][1], 1e-10 / 8);
        assertEquals(c[0][1], c[1][0]);
        assertEquals(Math.sqrt(3.0 / 8) * 1e-6, u.standardDeviation("dragRate"), 1e-10 * 1e-6);
        assertEquals(Math.sqrt(3.0 / 8) * 1e6, u.standardDeviation("timeScale"), 1e-10 * 1e6);
        assertEquals(-1.0 / 3, u.correlation()[0][1], 1e-10);
        assertEquals(1.0, u.correlation()[1][1]);
        assertEquals(new EvaluationCounts(0, 2, 0, 0), u.counts(), "n JVPs, nothing else");
    }

    @Test
    void laplaceMatchesDenseAlgebraOnALargerProblem() {
        double[][] a = {{1, 2, 0, 0.5}, {0, 1, -1, 0}, {3, 0, 1, 1}, {0.5, 0.5, 0.5, -2}, {1, -1, 2, 0}, {0, 0, 1, 1}};
        double[] y = {1, -2, 0.5, 3, 0, 1};
        double[] mean = {0.2, Double.NaN, -1, 0};
        double[] spread = {2, Double.POSITIVE_INFINITY, 0.5, 10};
        double[] scale = {1, 3, 0.5, 10};
        TestProblem problem = TestProblem.linear(a, y, mean, spread, scale);
        // the posterior by dense algebra: Σ = (AᵀA + P⁻¹)⁻¹, θ̂ = Σ(Aᵀy + P⁻¹μ)
        RealMatrix am = MatrixUtils.createRealMatrix(a);
        RealMatrix h = am.transpose().multiply(am);
        double[] rhs = am.transpose().operate(y);
        for (int i = 0; i < 4; i++) {
            if (Double.isFinite(spread[i])) {
                h.addToEntry(i, i, 1 / (spread[i] * spread[i]));
                rhs[i] += mean[i] / (spread[i] * spread[i]);
            }
        }
        RealMatrix sigma = new LUDecomposition(h).getSolver().getInverse();
        double[] thetaHat = sigma.operate(rhs);
        PosteriorUncertainty u = LaplaceApproximation.at(problem, thetaHat);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(sigma.getEntry(i, j), u.covariance()[i][j], 1e-10 * Math.sqrt(sigma.getEntry(i, i) * sigma.getEntry(j, j)));
            }
        }
        for (Optimizer optimizer : List.of(BoundedLbfgs.defaults().withProjectedGradientTolerance(1e-10).withRelativeCostTolerance(0),
                HipparchusLeastSquares.levenbergMarquardt(), HipparchusLeastSquares.gaussNewton(),
                MatrixFreeGaussNewton.defaults())) {
            FitResult fit = optimizer.minimize(problem, new double[] {0, 0, 0, 0});
            for (int i = 0; i < 4; i++) {
                assertEquals(thetaHat[i], fit.theta()[i], 1e-8 * Math.sqrt(sigma.getEntry(i, i)), fit.method() + " " + i);
            }
        }
    }

    @Test
    void gradientOptimizersFindTheExactMinimiser() {
        TestProblem problem = TestProblem.linearGaussian();
        for (Optimizer optimizer : List.of(BoundedLbfgs.defaults().withProjectedGradientTolerance(1e-11).withRelativeCostTolerance(0),
                HipparchusLeastSquares.levenbergMarquardt(), HipparchusLeastSquares.gaussNewton(),
                MatrixFreeGaussNewton.defaults())) {
            FitResult fit = optimizer.minimize(problem, START);
            assertTrue(fit.converged(), fit.method() + ": " + fit.message());
            assertEquals(A_HAT, fit.value("dragRate"), 1e-9 * A_HAT, fit.method());
            assertEquals(B_HAT, fit.value("timeScale"), 1e-9 * B_HAT, fit.method());
            assertEquals(1.25, fit.cost().misfit(), 1e-9, fit.method());
            assertEquals(1.25, fit.cost().prior(), 1e-9, fit.method());
            assertEquals(fit.iterations() + 1, fit.history().size(), fit.method());
            assertEquals(START[0], fit.history().get(0).theta()[0], fit.method());
            assertEquals(fit.cost(), fit.history().getLast().cost(), fit.method());
        }
    }

    /**
     * With dragRate ≤ 3e-7 (u ≤ 0.3) the bound is active: on u = 0.3 the cost's derivative in v is
     * (v - 1.7) + (v - 3) + v, zero at v = 4.7/3, and there ∂J/∂u = -0.7 - 0.4/3 + 0.3 < 0.
     */
    @Test
    void activeBoundOnALinearProblem() {
        TestProblem bounded = TestProblem.linearGaussian().withBounds(new double[] {-1e-5, -1e7}, new double[] {3e-7, 1e7});
        double bHat = 4.7 / 3 * 1e6;
        for (Optimizer optimizer : List.of(BoundedLbfgs.defaults().withProjectedGradientTolerance(1e-11).withRelativeCostTolerance(0),
                HipparchusLeastSquares.levenbergMarquardt(), HipparchusLeastSquares.gaussNewton(),
                MatrixFreeGaussNewton.defaults())) {
            FitResult fit = optimizer.minimize(bounded, new double[] {0, 0});
            assertTrue(fit.converged(), fit.method() + ": " + fit.message());
            assertEquals(3e-7, fit.value("dragRate"), 0, fit.method());
            assertEquals(bHat, fit.value("timeScale"), 1e-9 * bHat, fit.method());
        }
        FitResult eki = EnsembleKalmanInversion.defaults().withEnsembleSize(100).minimize(bounded, new double[] {0, 0});
        for (Iterate it : eki.history()) {
            assertTrue(it.theta()[0] <= 3e-7, "EKI left the box at iteration " + it.iteration());
        }
        assertEquals(3e-7, eki.value("dragRate"), 0.1 * Math.sqrt(3.0 / 8) * 1e-6);
        assertEquals(bHat, eki.value("timeScale"), 0.1 * Math.sqrt(3.0 / 8) * 1e6);
    }

    @Test
    void gaussNewtonTakesOneStepOnALinearProblem() {
        FitResult fit = HipparchusLeastSquares.gaussNewton().minimize(TestProblem.linearGaussian(), START);
        // the first step lands on the minimiser; the second iteration sees no change and stops
        assertEquals(A_HAT, fit.history().get(1).theta()[0], 1e-12 * A_HAT);
        assertEquals(B_HAT, fit.history().get(1).theta()[1], 1e-12 * B_HAT);
    }

    @Test
    void ensembleKalmanInversionGetsClose() {
        double sdA = Math.sqrt(3.0 / 8) * 1e-6;
        double sdB = Math.sqrt(3.0 / 8) * 1e6;
        // Iglesias et al.'s perturbed observations with Tikhonov augmentation: the mean error decays
        // like 1/k plus sampling noise of the ensemble
        FitResult perturbed = EnsembleKalmanInversion.defaults().withEnsembleSize(100)
                .minimize(TestProblem.linearGaussian(), START);
        assertEquals(A_HAT, perturbed.value("dragRate"), 0.1 * sdA);
        assertEquals(B_HAT, perturbed.value("timeScale"), 0.1 * sdB);
        assertTrue(perturbed.cost().total() < 2.5 + 0.01, "cost " + perturbed.cost());
        // without perturbations the error of the mean only decays like k^(-1/2) (the covariance
        // shrinks as c/(1 + ch)² per update): close, not exact, after 20 updates
        FitResult deterministic = EnsembleKalmanInversion.defaults().withPerturbedObservations(false)
                .minimize(TestProblem.linearGaussian(), START);
        assertEquals(A_HAT, deterministic.value("dragRate"), 0.3 * sdA);
        assertEquals(B_HAT, deterministic.value("timeScale"), 0.3 * sdB);
    }
}
