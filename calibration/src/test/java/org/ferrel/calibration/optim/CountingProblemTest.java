package org.ferrel.calibration.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CountingProblemTest {

    @Test
    void countsEveryCallAndEveryFailure() {
        CountingProblem counted = new CountingProblem(TestProblem.failingCubic());
        counted.residuals(new double[] {1, 1});
        counted.residuals(new double[] {2, 1});                 // NaN
        assertThrows(LeastSquaresProblem.ModelFailure.class, () -> counted.residuals(new double[] {1, 4}));
        counted.jvp(new double[] {1, 1}, new double[] {1, 0});
        counted.vjp(new double[] {1, 1}, new double[] {1, 0});
        counted.vjp(new double[] {2, 1}, new double[] {1, 0});  // NaN
        assertEquals(new EvaluationCounts(3, 1, 2, 3), counted.counts());
        assertEquals(3 + 2.0 * 1 + 4.0 * 2, counted.counts().forwardRunEquivalents(2, 4));
    }

    @Test
    void optimizersReportWhatRan() {
        FitResult lm = HipparchusLeastSquares.levenbergMarquardt().minimize(TestProblem.rosenbrock(), new double[] {-1.2, 1});
        assertEquals(0, lm.counts().vjps());
        assertEquals(0, lm.counts().jvps() % 2, "two JVPs per Jacobian: " + lm.counts());
        assertEquals(lm.counts().jvps() / 2, lm.iterations() + 1, "a Jacobian at the start and at each accepted point");
        FitResult gn = MatrixFreeGaussNewton.defaults().minimize(TestProblem.rosenbrock(), new double[] {-1.2, 1});
        // one gradient per accepted point, one VJP per CG iteration; one JVP per CG iteration plus the start's
        long cgIterations = gn.counts().vjps() - (gn.iterations() + 1);
        assertEquals(cgIterations + 1, gn.counts().jvps(), gn.counts().toString());
    }
}
