package org.ferrel.hybrid.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.dycore.cases.PerturbedJet;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.junit.jupiter.api.Test;

/**
 * The rollout loss's gradient with respect to a field parameter (the topography) against finite
 * differences and a Taylor test, and the flat memory of its binomial reversal.
 */
class RolloutLossTest {
    private final Eager o = Eager.serial();

    /** Truth: the same coarse model with a 2 % stronger gravity, observed every 3 steps. */
    private List<State> truth(Model model, State start, int steps, int every) {
        Tensor[] p = model.defaultParameters(o);
        p[0] = o.scalar(Model.STANDARD_GRAVITY * 1.02);
        List<State> out = new ArrayList<>();
        State s = start;
        for (int k = 1; k <= steps; k++) {
            s = model.step(o, s, model.values(p));
            if (k % every == 0) {
                out.add(s);
            }
        }
        return out;
    }

    private RolloutLoss loss(Model m, int steps, CheckpointSchedule schedule) {
        return new RolloutLoss(m, List.of(Model.TOPOGRAPHY), null,
                new RolloutLoss.Options(steps, 3, new double[] {100, 10, 10}, 0, 1, schedule));
    }

    private static double[] direction(int n) {
        double[] v = new SplittableRandom(11).doubles(n, -50, 50).toArray();
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] plus(double[] a, double[] v, double h) {
        double[] r = a.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] += h * v[i];
        }
        return r;
    }

    @Test
    void gradientMatchesCentralDifferencesAndTaylorRateIsTwo() {
        Model m = TinyHybrid.coarse();
        State start = new PerturbedJet(1).state(o, m.grid());
        int steps = 24;
        RolloutLoss loss = loss(m, steps, CheckpointSchedule.binomial(3));
        List<State> truth = truth(m, start, steps, 3);
        Tensor[] base = m.defaultParameters(o);
        double[] b0 = base[1].values();
        RolloutLoss.Gradient g = loss.gradient(o, base, start, truth);
        double[] v = direction(b0.length);
        double jvp = dot(g.gradient()[0], v);
        double h = 1e-3;
        double lp = loss.loss(o, loss.parameters(o, base, new double[][] {plus(b0, v, h)}), start, truth);
        double lm = loss.loss(o, loss.parameters(o, base, new double[][] {plus(b0, v, -h)}), start, truth);
        double fd = (lp - lm) / (2 * h);
        assertEquals(jvp, fd, 1e-6 * Math.abs(jvp), "central difference " + fd + " against <grad, v> " + jvp);
        assertEquals(g.loss(), loss.loss(o, base, start, truth), 1e-12 * g.loss());
        double[] remainders = new double[3];
        for (int k = 0; k < 3; k++) {
            double step = 0.4 / Math.pow(4, k);
            double l = loss.loss(o, loss.parameters(o, base, new double[][] {plus(b0, v, step)}), start, truth);
            remainders[k] = Math.abs(l - g.loss() - step * jvp);
        }
        for (int k = 1; k < 3; k++) {
            double rate = Math.log(remainders[k - 1] / remainders[k]) / Math.log(4);
            assertEquals(2.0, rate, 0.15, "Taylor remainder rate " + rate);
        }
    }

    /** Binomial reversal holds at most s snapshots and one step's tape, whatever the rollout length. */
    @Test
    void memoryOfTheBinomialReversalIsFlatInTheRolloutLength() {
        Model m = TinyHybrid.coarse();
        State start = new PerturbedJet(2).state(o, m.grid());
        Tensor[] base = m.defaultParameters(o);
        long[] nodes = new long[2];
        int[] snapshots = new int[2];
        int[] lengths = {24, 96};
        for (int r = 0; r < 2; r++) {
            RolloutLoss.Gradient g = loss(m, lengths[r], CheckpointSchedule.binomial(4)).gradient(o, base, start,
                    truth(m, start, lengths[r], 3));
            nodes[r] = g.stats().peakTapeNodes();
            snapshots[r] = g.stats().peakMemorySnapshots();
        }
        assertEquals(nodes[0], nodes[1], "peak tape nodes");
        assertTrue(snapshots[0] <= 4 && snapshots[1] <= 4, "peak snapshots " + snapshots[0] + ", " + snapshots[1]);
        RolloutLoss.Gradient all = loss(m, 24, CheckpointSchedule.storeAll()).gradient(o, base, start, truth(m, start, 24, 3));
        assertTrue(all.stats().peakTapeNodes() > 10 * nodes[0], "store-all keeps every step's tape");
    }
}
