package org.ferrel.calibration.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link TestProblem#failingCubic()}: NaN residuals for x > 1.5 and a {@code ModelFailure} for
 * y > 3, minimum at (1, 2). From (0.3, 0.5) the first steps of every method land in the failing
 * region (the Gauss-Newton step is (3.6, 10.5); L-BFGS-B's first step is one typical scale, 5).
 */
class FailureHandlingTest {
    private static final double[] START = {0.3, 0.5};

    @Test
    void failedRunsShrinkTheStepAndAreCounted() {
        TestProblem problem = TestProblem.failingCubic().withTypicalScale(new double[] {5, 5});
        for (Optimizer optimizer : List.of(
                BoundedLbfgs.defaults().withProjectedGradientTolerance(1e-10).withRelativeCostTolerance(0),
                HipparchusLeastSquares.levenbergMarquardt(), MatrixFreeGaussNewton.defaults())) {
            FitResult fit = optimizer.minimize(problem, START);
            assertTrue(fit.converged(), fit.method() + ": " + fit.message());
            assertEquals(1, fit.value("x"), 1e-8, fit.method());
            assertEquals(2, fit.value("y"), 1e-8, fit.method());
            assertTrue(fit.counts().failedRuns() > 0, fit.method() + " never hit the failing region: " + fit.counts());
            for (Iterate it : fit.history()) {
                assertTrue(it.cost().isFinite(), fit.method() + " accepted a failed point at iteration " + it.iteration());
            }
        }
    }

    @Test
    void plainGaussNewtonStopsWithAClearError() {
        CalibrationFailure e = assertThrows(CalibrationFailure.class,
                () -> HipparchusLeastSquares.gaussNewton().minimize(TestProblem.failingCubic(), START));
        assertTrue(e.getMessage().contains("run failed") && e.getMessage().contains("Levenberg-Marquardt"), e.getMessage());
    }

    @Test
    void aFailingStartIsAClearError() {
        CalibrationFailure e = assertThrows(CalibrationFailure.class,
                () -> BoundedLbfgs.defaults().minimize(TestProblem.failingCubic(), new double[] {0, 4}));
        assertTrue(e.getMessage().contains("start point") && e.getMessage().contains("y = 4.0 > 3"), e.getMessage());
    }

    @Test
    void aStartOutsideTheBoundsIsRejected() {
        TestProblem bounded = TestProblem.rosenbrock().withBounds(new double[] {-2, -2}, new double[] {0.5, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoundedLbfgs.defaults().minimize(bounded, new double[] {0.7, 0}));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("outside its bounds"), e.getMessage());
    }

    @Test
    void aPriorMeanOutsideTheBoundsIsRejectedByEveryOptimizer() {
        TestProblem bounded = TestProblem.rosenbrock().withBounds(new double[] {-2, -2}, new double[] {0.5, 2})
                .withPrior(new double[] {0.7, 0}, new double[] {0.1, Double.POSITIVE_INFINITY});
        for (Optimizer optimizer : List.of(BoundedLbfgs.defaults(), HipparchusLeastSquares.levenbergMarquardt(),
                MatrixFreeGaussNewton.defaults(), EnsembleKalmanInversion.defaults())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> optimizer.minimize(bounded, new double[] {0, 0}));
            assertTrue(e.getMessage().contains("prior of 'x' (mean 0.7, spread 0.1)")
                    && e.getMessage().contains("outside the bounds [-2.0, 0.5]"), e.getMessage());
        }
        IllegalArgumentException spread = assertThrows(IllegalArgumentException.class, () -> BoundedLbfgs.defaults()
                .minimize(bounded.withPrior(new double[] {0, 0}, new double[] {0, 1}), new double[] {0, 0}));
        assertTrue(spread.getMessage().contains("prior spread of 'x' must be positive"), spread.getMessage());
    }

    @Test
    void aLineSearchThatFindsNoPointThatRunsNamesTheLastFailedTrial() {
        // every run except the start's throws (a model exception that is not a ModelFailure)
        TestProblem everywhereElse = TestProblem.of(List.of("x", "y"), 2,
                t -> {
                    if (t[0] != 0.3 || t[1] != 0.5) {
                        throw new IllegalStateException("solver diverged at x = " + t[0]);
                    }
                    return new double[] {t[0] - 1, t[1] - 2};
                },
                t -> new double[][] {{1, 0}, {0, 1}});
        FitResult fit = BoundedLbfgs.defaults().minimize(everywhereElse, START);
        assertEquals(StopReason.LINE_SEARCH_FAILED, fit.stopReason());
        assertEquals(BoundedLbfgs.MAX_FAILED_TRIAL_HALVINGS + 1, fit.backtracks());
        assertEquals(BoundedLbfgs.MAX_FAILED_TRIAL_HALVINGS + 2, fit.counts().forwardRuns());
        assertEquals(BoundedLbfgs.MAX_FAILED_TRIAL_HALVINGS + 1, fit.counts().failedRuns());
        assertTrue(fit.message().contains("after " + (BoundedLbfgs.MAX_FAILED_TRIAL_HALVINGS + 1) + " halvings")
                && fit.message().contains("[x=0.3") && fit.message().contains("y=0.5")
                && fit.message().contains("IllegalStateException: solver diverged"), fit.message());
        assertArrayEquals(START, fit.theta(), 0.0);
    }
}
