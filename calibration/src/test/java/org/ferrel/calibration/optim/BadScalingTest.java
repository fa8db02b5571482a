package org.ferrel.calibration.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Parameters of 1e-6 (a decay rate in 1/s) and 1e6 (an amplitude): {@link TestProblem#decay()}.
 * The gradient's components differ by about 12 orders of magnitude in physical units; with the
 * typical scales the search sees two parameters of size one.
 */
class BadScalingTest {
    private static final double[] START = {1e-6, 1e6};

    @Test
    void solvedInScaledCoordinates() {
        for (Optimizer optimizer : List.of(
                BoundedLbfgs.defaults().withProjectedGradientTolerance(1e-8).withRelativeCostTolerance(0),
                HipparchusLeastSquares.levenbergMarquardt(), MatrixFreeGaussNewton.defaults())) {
            FitResult fit = optimizer.minimize(TestProblem.decay(), START);
            assertTrue(fit.converged(), fit.method() + ": " + fit.message());
            assertEquals(2e-6, fit.value("decayRate"), 1e-9 * 2e-6, fit.method());
            assertEquals(3e6, fit.value("amplitude"), 1e-9 * 3e6, fit.method());
            assertTrue(fit.iterations() < 60, fit.method() + " took " + fit.iterations() + " iterations");
        }
    }

    @Test
    void withoutScalingTheSameBudgetIsNotEnough() {
        TestProblem unscaled = TestProblem.decay().withTypicalScale(new double[] {1, 1});
        BoundedLbfgs lbfgs = BoundedLbfgs.defaults().withProjectedGradientTolerance(1e-10).withRelativeCostTolerance(0);
        FitResult scaled = lbfgs.minimize(TestProblem.decay(), START);
        FitResult fit = lbfgs.withMaxIterations(scaled.iterations() * 3).minimize(unscaled, START);
        double error = Math.abs(fit.value("decayRate") - 2e-6) / 2e-6;
        assertTrue(error > 1e-3, "unscaled L-BFGS-B reached a relative error of " + error + " (" + fit.message() + ")");
    }

    @Test
    void scalingRoundTrips() {
        Scaling s = new Scaling(new double[] {1e-6, 1e6, 100}, new double[] {1e-7, 1e5, 10});
        double[] theta = {3e-6, -2e6, 150};
        double[] back = s.toPhysical(s.toScaled(theta));
        for (int i = 0; i < 3; i++) {
            assertEquals(theta[i], back[i], 1e-15 * Math.abs(theta[i]));
        }
        assertEquals(20.0, s.toScaled(theta)[0], 1e-12);
        assertEquals(1e5 * 2, s.toPhysicalDirection(new double[] {0, 2, 0})[1]);
    }
}
