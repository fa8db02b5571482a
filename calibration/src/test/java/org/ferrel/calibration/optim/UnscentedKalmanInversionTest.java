package org.ferrel.calibration.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class UnscentedKalmanInversionTest {

    /**
     * {@link TestProblem#linearGaussian()}: posterior mean (5e-7 1/s, 1.5e6 s), var(a) = 3/8·1e-12,
     * var(b) = 3/8·1e12, cov(a, b) = -1/8 (by hand). The unscented transform is exact for a linear
     * map and C⁻¹ moves halfway to the posterior precision each update: 60 updates reach rounding.
     */
    @Test
    void convergesToTheExactPosteriorMeanAndCovarianceOfALinearGaussianProblem() {
        UnscentedKalmanInversion.Result r = UnscentedKalmanInversion.defaults().withMaxIterations(60).withStepTolerance(0)
                .fit(TestProblem.linearGaussian(), new double[] {0, 0});
        FitResult fit = r.fit();
        double[][] c = r.covariance();
        System.out.printf("UKI on the linear Gaussian problem: %s; mean (%.15e, %.15e); covariance [[%.15e, %.15e], [., %.15e]]%n",
                fit.message(), fit.theta()[0], fit.theta()[1], c[0][0], c[0][1], c[1][1]);
        assertEquals(StopReason.MAX_ITERATIONS, fit.stopReason());
        assertEquals(5e-7, fit.value("dragRate"), 1e-10 * 5e-7);
        assertEquals(1.5e6, fit.value("timeScale"), 1e-10 * 1.5e6);
        assertEquals(3.0 / 8 * 1e-12, c[0][0], 1e-10 * 3.0 / 8 * 1e-12);
        assertEquals(3.0 / 8 * 1e12, c[1][1], 1e-10 * 3.0 / 8 * 1e12);
        assertEquals(-1.0 / 8, c[0][1], 1e-10 / 8);
        assertEquals(c[0][1], c[1][0], 0.0);
        assertEquals(2.5, fit.cost().total(), 1e-9);
        // 2N + 1 = 5 runs per iteration (the last iteration runs the final mean's sigma points too)
        assertEquals(new EvaluationCounts(5 * 61, 0, 0, 0), fit.counts());
        assertTrue(fit.warnings().isEmpty(), fit.warnings().toString());
    }

    @Test
    void laplaceAndUkiAgreeOnTheLinearProblemAndTheStepToleranceStops() {
        TestProblem p = TestProblem.linearGaussian();
        UnscentedKalmanInversion.Result r = UnscentedKalmanInversion.defaults().fit(p, new double[] {1e-6, 0});
        assertEquals(StopReason.STEP_SIZE, r.fit().stopReason(), r.fit().message());
        assertTrue(r.fit().iterations() < 50, r.fit().message());
        PosteriorUncertainty laplace = LaplaceApproximation.at(p, r.fit().theta());
        double[][] exact = laplace.covariance();
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(exact[i][k], r.covariance()[i][k], 1e-8 * Math.sqrt(exact[i][i] * exact[k][k]), i + "," + k);
            }
        }
    }

    @Test
    void aFailedSigmaPointIsAClearError() {
        CalibrationFailure e = assertThrows(CalibrationFailure.class,
                () -> UnscentedKalmanInversion.defaults().minimize(TestProblem.failingCubic(), new double[] {0.3, 0.5}));
        assertTrue(e.getMessage().contains("sigma point") && e.getMessage().contains("iteration 0")
                && e.getMessage().contains("x=") && e.getMessage().contains("needs all 5 points"), e.getMessage());
    }

    @Test
    void runsItsSigmaPointsOnAnyRunnerWithTheSameResult() {
        UnscentedKalmanInversion uki = UnscentedKalmanInversion.defaults().withMaxIterations(10);
        FitResult serial = uki.minimize(TestProblem.linearGaussian(), new double[] {0, 0});
        FitResult threads = uki.withRunner(EnsembleRunner.threads(3)).minimize(TestProblem.linearGaussian(), new double[] {0, 0});
        assertEquals(List.of(serial.theta()[0], serial.theta()[1]), List.of(threads.theta()[0], threads.theta()[1]));
    }
}
