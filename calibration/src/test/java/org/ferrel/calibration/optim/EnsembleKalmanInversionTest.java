package org.ferrel.calibration.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class EnsembleKalmanInversionTest {

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    private static void assertBitwiseEqual(FitResult a, FitResult b) {
        assertArrayEquals(bits(a.theta()), bits(b.theta()));
        assertEquals(a.counts(), b.counts());
        assertEquals(a.history().size(), b.history().size());
        for (int k = 0; k < a.history().size(); k++) {
            assertArrayEquals(bits(a.history().get(k).theta()), bits(b.history().get(k).theta()), "iteration " + k);
            assertEquals(Double.doubleToRawLongBits(a.history().get(k).cost().total()),
                    Double.doubleToRawLongBits(b.history().get(k).cost().total()), "iteration " + k);
        }
    }

    @Test
    void bitwiseIdenticalForOneAndFourThreads() {
        // the failing problem exercises dropped and replaced members too
        TestProblem problem = TestProblem.failingCubic();
        EnsembleKalmanInversion eki = EnsembleKalmanInversion.defaults().withEnsembleSize(30).withMaxIterations(8);
        FitResult serial = eki.withRunner(EnsembleRunner.serial()).minimize(problem, new double[] {0.3, 0.5});
        FitResult oneThread = eki.withRunner(new ThreadPoolEnsembleRunner(1)).minimize(problem, new double[] {0.3, 0.5});
        FitResult fourThreads = eki.withRunner(EnsembleRunner.threads(4)).minimize(problem, new double[] {0.3, 0.5});
        assertTrue(serial.counts().failedRuns() > 0, "members failed: " + serial.counts());
        assertBitwiseEqual(serial, oneThread);
        assertBitwiseEqual(serial, fourThreads);
        FitResult otherSeed = eki.withSeed(2).minimize(problem, new double[] {0.3, 0.5});
        assertNotEquals(serial.theta()[0], otherSeed.theta()[0], "the seed matters");
    }

    @Test
    void failedMembersAreDroppedAndTheEnsembleStillConverges() {
        // prior-free parameters: members start from N(θ₀, 1), about 12 % of them at x > 1.5 (NaN)
        FitResult fit = EnsembleKalmanInversion.defaults().withEnsembleSize(50).withMaxIterations(30)
                .minimize(TestProblem.failingCubic(), new double[] {0.3, 0.5});
        assertTrue(fit.counts().failedRuns() > 0, "members failed: " + fit.counts());
        assertEquals(1, fit.value("x"), 0.05);
        assertEquals(2, fit.value("y"), 0.05);
        assertTrue(fit.cost().total() < 1e-2 * fit.history().get(0).cost().total(), fit.cost().toString());
    }

    @Test
    void tooFewSurvivorsIsAClearError() {
        TestProblem fails = TestProblem.of(List.of("x"), 1,
                t -> t[0] > 0 ? new double[] {Double.NaN} : new double[] {t[0] + 1},
                t -> new double[][] {{1}});
        CalibrationFailure e = assertThrows(CalibrationFailure.class,
                () -> EnsembleKalmanInversion.defaults().withMinimumSurvivingFraction(0.9).minimize(fails, new double[] {0}));
        assertTrue(e.getMessage().contains("members survived iteration 0") && e.getMessage().contains("non-finite residuals"),
                e.getMessage());
    }

    @Test
    void countsOneRunPerMemberAndOneForTheMean() {
        EnsembleKalmanInversion eki = EnsembleKalmanInversion.defaults().withEnsembleSize(12).withMaxIterations(5);
        FitResult fit = eki.minimize(TestProblem.linearGaussian(), new double[] {0, 0});
        assertEquals(5, fit.iterations());
        assertEquals(new EvaluationCounts(13 * 6, 0, 0, 0), fit.counts());
        assertEquals(StopReason.MAX_ITERATIONS, fit.stopReason());
        assertEquals(6, fit.history().size());
        assertEquals(13, fit.history().get(0).countsSoFar().forwardRuns());
    }

    @Test
    void stopsWhenTheEnsembleCollapses() {
        FitResult fit = EnsembleKalmanInversion.defaults().withPerturbedObservations(false).withMaxIterations(500)
                .withSpreadTolerance(0.05).minimize(TestProblem.linearGaussian(), new double[] {0, 0});
        assertEquals(StopReason.ENSEMBLE_COLLAPSED, fit.stopReason(), fit.message());
        assertTrue(fit.iterations() > 5 && fit.iterations() < 500, fit.message());
    }
}
