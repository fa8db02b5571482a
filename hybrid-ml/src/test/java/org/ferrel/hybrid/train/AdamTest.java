package org.ferrel.hybrid.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Adam's update rule against the formulas, its convergence on a quadratic, and bitwise resume from a snapshot. */
class AdamTest {

    @Test
    void firstStepsFollowTheFormulas() {
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8, 0.01);
        double[][] w = {{1.0, -2.0}};
        Adam.State s = adam.start(w);
        s.step(w, new double[][] {{0.5, -4.0}});
        // step 1: m_hat = g, v_hat = g^2, so each weight moves by lr * sign(g) (up to eps), plus decay
        assertEquals(1.0 - 0.1 * 0.5 / (0.5 + 1e-8) - 0.1 * 0.01 * 1.0, w[0][0], 1e-15);
        assertEquals(-2.0 + 0.1 * 4.0 / (4.0 + 1e-8) + 0.1 * 0.01 * 2.0, w[0][1], 1e-15);
        double w0 = w[0][0];
        s.step(w, new double[][] {{1.0, 0.0}});
        double m = 0.9 * 0.05 + 0.1 * 1.0;
        double v = 0.999 * 0.001 * 0.25 + 0.001 * 1.0;
        double expected = w0 - 0.1 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8) - 0.001 * w0;
        assertEquals(expected, w[0][0], 1e-15);
        assertEquals(2, s.steps());
    }

    @Test
    void minimisesAnIllConditionedQuadratic() {
        double[] scale = {1, 100};
        double[][] w = {{3, -2}};
        Adam.State s = Adam.withLearningRate(0.05).start(w);
        for (int k = 0; k < 2000; k++) {
            s.step(w, new double[][] {{scale[0] * w[0][0], scale[1] * w[0][1]}});
        }
        assertArrayEquals(new double[] {0, 0}, w[0], 1e-3);
    }

    /** A gradient that depends on the weights non-linearly, so that any difference in the state shows. */
    private static double[][] gradient(double[][] w) {
        return new double[][] {{Math.sin(3 * w[0][0]) + w[0][1], w[0][0] * w[0][1] - 0.5}, {Math.cos(w[1][0]) * 2e-3}};
    }

    private static double[][] copy(double[][] a) {
        return new double[][] {a[0].clone(), a[1].clone()};
    }

    @Test
    void restoringASnapshotContinuesBitwiseLikeTheRunItWasTakenFrom() {
        Adam adam = new Adam(0.05, 0.9, 0.999, 1e-8, 0.01);
        double[][] w = {{0.7, -1.3}, {2.0}};
        Adam.State run = adam.start(w);
        for (int k = 0; k < 7; k++) {
            run.step(w, gradient(w));
        }
        Adam.Snapshot saved = run.snapshot();
        double[][] atSnapshot = copy(w);
        for (int k = 0; k < 11; k++) {
            run.step(w, gradient(w));
        }
        assertEquals(7, saved.steps());
        assertEquals(18, run.steps());
        assertNotEquals(saved, run.snapshot(), "the snapshot is a copy: later steps do not change it");

        Adam.State restored = adam.restore(saved);
        double[][] again = copy(atSnapshot);
        for (int k = 0; k < 11; k++) {
            restored.step(again, gradient(again));
        }
        for (int i = 0; i < w.length; i++) {
            assertArrayEquals(w[i], again[i], 0.0, "weight array " + i);
        }
        assertEquals(run.snapshot(), restored.snapshot(), "steps and moments bitwise the same");
        assertEquals(18, restored.steps());
    }

    @Test
    void snapshotsAreCopiesAndAFreshOneHasZeroMoments() {
        double[][] w = {{1, 2}, {3}};
        Adam.Snapshot fresh = Adam.withLearningRate(1e-3).start(w).snapshot();
        assertEquals(Adam.Snapshot.start(w), fresh);
        assertEquals(0, fresh.steps());
        assertArrayEquals(new double[] {0, 0}, fresh.firstMoments()[0], 0.0);
        assertArrayEquals(new double[] {0}, fresh.secondMoments()[1], 0.0);
        double[][] m = {{0.1, 0.2}, {0.3}};
        Adam.Snapshot s = new Adam.Snapshot(4, m, new double[][] {{1, 2}, {3}});
        m[0][0] = 9;
        s.firstMoments()[0][1] = 9;
        assertArrayEquals(new double[] {0.1, 0.2}, s.firstMoments()[0], 0.0, "copied in and out");
        assertThrows(IllegalArgumentException.class, () -> new Adam.Snapshot(1, new double[][] {{1, 2}}, new double[][] {{1}}));
        assertThrows(IllegalArgumentException.class, () -> new Adam.Snapshot(-1, new double[0][], new double[0][]));
        Adam.State restored = Adam.withLearningRate(1e-3).restore(s);
        assertThrows(IllegalArgumentException.class, () -> restored.step(new double[][] {{1, 2, 3}}, new double[][] {{1, 2, 3}}));
    }

    @Test
    void rejectsBadHyperParametersAndMismatchedArrays() {
        assertThrows(IllegalArgumentException.class, () -> new Adam(0, 0.9, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(1e-3, 1.0, 0.999, 1e-8, 0));
        Adam.State s = Adam.withLearningRate(1e-3).start(new double[][] {{1, 2}});
        assertThrows(IllegalArgumentException.class, () -> s.step(new double[][] {{1, 2, 3}}, new double[][] {{1, 2, 3}}));
    }
}
