package org.ferrel.autodiff.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint schedules take exactly the optimal number of forward steps and hold at most s snapshots. */
class BinomialScheduleTest {

    /**
     * Fewest forward steps by exhaustive dynamic programming over every first advance:
     * R(l, s) = min over m of m + R(l - m, s - 1) + R(m, s).
     */
    private static long[][] bruteForce(int maxSteps, int maxSnapshots) {
        long[][] r = new long[maxSteps + 1][maxSnapshots + 1];
        for (int l = 2; l <= maxSteps; l++) {
            r[l][1] = (long) l * (l - 1) / 2;
            for (int s = 2; s <= maxSnapshots; s++) {
                long best = Long.MAX_VALUE;
                for (int m = 1; m < l; m++) {
                    best = Math.min(best, m + r[l - m][s - 1] + r[m][s]);
                }
                r[l][s] = best;
            }
        }
        return r;
    }

    @Test
    void closedFormEqualsExhaustiveOptimum() {
        long[][] r = bruteForce(120, 7);
        for (int l = 1; l <= 120; l++) {
            for (int s = 1; s <= 7; s++) {
                assertEquals(r[l][s], BinomialCost.optimalForwardSteps(l, s), "t(" + l + ", " + s + ")");
            }
        }
    }

    @Test
    void publishedValuesOfTheFormula() {
        // t(n, s) = r n - C(s + r, r - 1), r the smallest with C(s + r, s) >= n
        assertEquals(1, BinomialCost.optimalForwardSteps(2, 1));
        assertEquals(3, BinomialCost.optimalForwardSteps(3, 1));
        assertEquals(9, BinomialCost.optimalForwardSteps(10, 9), "store-all with s = n - 1: n - 1 steps");
        assertEquals(10, BinomialCost.repetitions(100_000, 10));
        assertEquals(10L * 100_000 - 167_960, BinomialCost.optimalForwardSteps(100_000, 10));
        // r = 17 since C(19, 3) = 969 < 1000 <= C(20, 3) = 1140; t = 17 * 1000 - C(20, 16) = 17000 - 4845
        assertEquals(17, BinomialCost.repetitions(1000, 3));
        assertEquals(12_155, BinomialCost.optimalForwardSteps(1000, 3));
    }

    @Test
    void binomialScheduleTakesTheOptimalNumberOfForwardSteps() {
        int[][] table = {
            {1, 1}, {2, 1}, {10, 1}, {10, 2}, {10, 3}, {100, 2}, {100, 5}, {1000, 3}, {1000, 10}, {1000, 50},
            {5000, 7}, {10_000, 4}, {10_000, 10}, {10_000, 100}, {54_321, 6}, {100_000, 2}, {100_000, 5},
            {100_000, 10}, {100_000, 20}, {100_000, 100}, {100_000, 100_000}
        };
        for (int[] row : table) {
            int n = row[0];
            int s = row[1];
            ScheduleStats stats = CheckpointSchedule.binomial(s).dryRun(n);
            assertEquals(BinomialCost.optimalForwardSteps(n, s), stats.forwardSteps(), "forward steps for n=" + n + ", s=" + s);
            assertEquals(n, stats.recordedSteps(), "each step recorded once");
            assertTrue(stats.peakMemorySnapshots() <= s, "at most " + s + " snapshots, held " + stats.peakMemorySnapshots());
        }
    }

    @Test
    void storeAllAndTwoLevelSchedulesAreConsistent(@TempDir Path dir) {
        ScheduleStats all = CheckpointSchedule.storeAll().dryRun(1000);
        assertEquals(0, all.forwardSteps());
        assertEquals(1000, all.recordedSteps());
        TwoLevel twoLevel = new TwoLevel(100, 5, dir);
        ScheduleStats stats = twoLevel.dryRun(1050);
        assertEquals(twoLevel.forwardSteps(1050), stats.forwardSteps());
        assertEquals(1000 + 10 * BinomialCost.optimalForwardSteps(100, 5) + BinomialCost.optimalForwardSteps(50, 5),
                stats.forwardSteps());
        assertEquals(11, stats.peakDiskSnapshots());
        assertTrue(stats.peakMemorySnapshots() <= 5);
    }

    /**
     * A real reversal of 100,000 steps of x(k+1) = x(k) + dt sin(a x(k)) with s = 10: the steps
     * actually run equal t(n, s), memory holds at most 10 states and one step's tape, and the
     * gradient equals the store-all one bitwise.
     */
    @Test
    void longRunCountsEvaluationsAndKeepsMemoryFlat() {
        Eager ops = Eager.serial();
        int n = 100_000;
        long[] evaluations = new long[1];
        Step step = (o, k, state, p) -> {
            evaluations[0]++;
            return new Tensor[] {o.add(state[0], o.mul(o.sin(o.mul(state[0], p[0])), 1e-4))};
        };
        TimeLoop loop = new TimeLoop(step, n, Cost.atFinalLevel(n, (o, state, p) -> o.sum(o.square(state[0]))));
        Tensor[] x0 = {ops.vector(0.3, 1.1)};
        Tensor[] p = {ops.scalar(1.3)};
        LoopGradient binomial = loop.gradient(ops, x0, p, CheckpointSchedule.binomial(10));
        assertEquals(BinomialCost.optimalForwardSteps(n, 10) + n, evaluations[0], "plain + recorded step evaluations");
        assertEquals(832_040, binomial.stats().forwardSteps());
        assertTrue(binomial.stats().peakMemorySnapshots() <= 10);
        assertTrue(binomial.stats().peakTapeNodes() <= 10, "one step's tape: " + binomial.stats().peakTapeNodes());
        LoopGradient storeAll = loop.gradient(ops, x0, p, CheckpointSchedule.storeAll());
        assertEquals(0, storeAll.stats().forwardSteps());
        assertTrue(storeAll.stats().peakTapeNodes() > 100_000, "store-all keeps every tape");
        LoopAssertions.assertBitwiseEqual(storeAll, binomial);
    }
}
