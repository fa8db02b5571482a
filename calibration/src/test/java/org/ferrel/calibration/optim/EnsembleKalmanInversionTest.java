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
        assertTrue(fit.message().contains("member runs failed (dropped from their update and redrawn)"), fit.message());
        assertTrue(!fit.endedWorseThanStart() && fit.warnings().isEmpty(), fit.warnings().toString());
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
        assertEquals(new EvaluationCounts(13 * 6 + 1, 0, 0, 0), fit.counts(), "13 per iteration and the start once");
        assertEquals(StopReason.MAX_ITERATIONS, fit.stopReason());
        assertEquals(6, fit.history().size());
        assertEquals(14, fit.history().get(0).countsSoFar().forwardRuns());
    }

    @Test
    void stopsWhenTheEnsembleCollapses() {
        FitResult fit = EnsembleKalmanInversion.defaults().withPerturbedObservations(false).withMaxIterations(500)
                .withSpreadTolerance(0.05).minimize(TestProblem.linearGaussian(), new double[] {0, 0});
        assertEquals(StopReason.ENSEMBLE_COLLAPSED, fit.stopReason(), fit.message());
        assertTrue(fit.iterations() > 5 && fit.iterations() < 500, fit.message());
    }

    @Test
    void theDataMisfitControllersStepByHand() {
        // Φ = (0.5, 2): mean 1.25, sample variance 1.125; M = 2: max(2/2.5, sqrt(2/2.25)) = sqrt(8/9)
        double[][] g = {{1, 0}, {9, 9}, {0, 2}};
        assertEquals(Math.sqrt(8.0 / 9), EnsembleKalmanInversion.dataMisfitStep(g, List.of(0, 2), 2), 1e-15);
        // Φ = (0.5, 81): mean 40.75, variance 2 · 40.25² = 3240.125; the mean term decides:
        // 2 / (2 · 40.75) = 0.02454 against sqrt(2 / 6480.25) = 0.01757
        assertEquals(1 / 40.75, EnsembleKalmanInversion.dataMisfitStep(g, List.of(0, 1), 2), 1e-15);
    }

    @Test
    void theAdaptiveStepTempersFromPriorToPosteriorInAlgorithmTimeOne() {
        // linear Gaussian, the prior in the initial ensemble (no augmentation): at t = 1 the
        // ensemble approximates the posterior, mean (0.5e-6, 1.5e6), sd sqrt(3/8) typical scales
        FitResult fit = EnsembleKalmanInversion.defaults().withEnsembleSize(400).withMaxIterations(100)
                .withPriorAugmentation(false).withAdaptiveStep(true)
                .minimize(TestProblem.linearGaussian(), new double[] {0, 0});
        System.out.println("EKI with the data-misfit controller: " + fit.message() + ", mean " + java.util.Arrays.toString(fit.theta()));
        assertEquals(StopReason.ALGORITHM_TIME, fit.stopReason(), fit.message());
        assertTrue(fit.iterations() >= 2 && fit.iterations() < 100, "steps below 1: " + fit.iterations() + " updates");
        double sd = Math.sqrt(3.0 / 8);
        assertEquals(0.5e-6, fit.value("dragRate"), 0.2 * sd * 1e-6);
        assertEquals(1.5e6, fit.value("timeScale"), 0.2 * sd * 1e6);
        assertTrue(fit.message().contains("algorithm time 1.000000"), fit.message());
        // with a fixed step of 1 the same ensemble takes one update to t = 1
        FitResult oneStep = EnsembleKalmanInversion.defaults().withEnsembleSize(400).withMaxIterations(1)
                .withPriorAugmentation(false).minimize(TestProblem.linearGaussian(), new double[] {0, 0});
        assertEquals(1, oneStep.iterations());
    }

    @Test
    void aFitThatEndsWorseThanItsStartSaysSo() {
        // started at the exact minimiser, one update of a small perturbed ensemble cannot do better
        FitResult fit = EnsembleKalmanInversion.defaults().withEnsembleSize(5).withMaxIterations(1)
                .minimize(TestProblem.linearGaussian(), new double[] {0.5e-6, 1.5e6});
        assertTrue(fit.endedWorseThanStart(), fit.cost().toString());
        assertEquals(1, fit.warnings().size(), fit.warnings().toString());
        assertTrue(fit.warnings().get(0).contains("worse than") && fit.warnings().get(0).contains("did not improve on its start"),
                fit.warnings().get(0));
        // a gradient method from the same start stays there: no warning
        FitResult lbfgs = BoundedLbfgs.defaults().minimize(TestProblem.linearGaussian(), new double[] {0.5e-6, 1.5e6});
        assertTrue(!lbfgs.endedWorseThanStart() && lbfgs.warnings().isEmpty(), lbfgs.warnings().toString());
    }
}
