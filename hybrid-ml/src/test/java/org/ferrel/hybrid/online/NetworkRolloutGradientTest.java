package org.ferrel.hybrid.online;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.dycore.model.State;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The online loss's gradient with respect to the closure network's weights (mass penalty on),
 * through the hybrid solver: central differences in a random direction on a short rollout (default
 * suite) and on a 600-step rollout (validation), and a Taylor test.
 */
class NetworkRolloutGradientTest {
    private final Eager o = Eager.serial();

    private static double[][] direction(double[][] w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] v = new double[w.length][];
        for (int i = 0; i < w.length; i++) {
            v[i] = r.doubles(w[i].length, -1, 1).toArray();
        }
        return v;
    }

    private static double[][] plus(double[][] w, double[][] v, double h) {
        double[][] r = new double[w.length][];
        for (int i = 0; i < w.length; i++) {
            r[i] = w[i].clone();
            for (int k = 0; k < r[i].length; k++) {
                r[i][k] += h * v[i][k];
            }
        }
        return r;
    }

    private static double dot(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                s += a[i][k] * b[i][k];
            }
        }
        return s;
    }

    /** A rollout of {@code steps} steps from the tiny truth's first state against a run of the truth-free coarse model. */
    private double[] check(int steps, double h) {
        TinyHybrid.Problem p0 = TinyHybrid.problem(0.1);
        RolloutLoss loss = new RolloutLoss(TinyHybrid.coarse(p0.closure()),
                p0.closure().network().weightSpecs().stream().map(p0.closure()::parameterName).toList(), p0.closure(),
                new RolloutLoss.Options(steps, 3, new double[] {100, 10, 10}, 0.1, 1e-4, CheckpointSchedule.binomial(4)));
        State start = TinyHybrid.truth().state(o, 0, 0);
        var reference = TinyHybrid.coarse();
        List<State> truth = new ArrayList<>();
        State s = start;
        for (int k = 1; k <= steps; k++) {
            s = reference.step(o, s, reference.values(reference.defaultParameters(o)));
            if (k % 3 == 0) {
                truth.add(s);
            }
        }
        Tensor[] base = p0.base();
        double[][] w = p0.weights();
        double[][] v = direction(w, 21);
        RolloutLoss.Gradient g = loss.gradient(o, loss.parameters(o, base, w), start, truth);
        double jvp = dot(g.gradient(), v);
        double lp = loss.loss(o, loss.parameters(o, base, plus(w, v, h)), start, truth);
        double lm = loss.loss(o, loss.parameters(o, base, plus(w, v, -h)), start, truth);
        double l0 = loss.loss(o, loss.parameters(o, base, w), start, truth);
        double[] remainders = new double[3];
        for (int k = 0; k < 3; k++) {
            double step = 1e-2 / Math.pow(4, k);
            remainders[k] = Math.abs(loss.loss(o, loss.parameters(o, base, plus(w, v, step)), start, truth) - l0 - step * jvp);
        }
        return new double[] {jvp, (lp - lm) / (2 * h), Math.log(remainders[0] / remainders[1]) / Math.log(4),
            Math.log(remainders[1] / remainders[2]) / Math.log(4)};
    }

    @Test
    void shortRolloutGradientMatchesCentralDifferencesAndTaylorRateIsTwo() {
        double[] r = check(12, 1e-5);
        assertEquals(r[0], r[1], 1e-6 * Math.abs(r[0]), "<grad, v> against the central difference");
        assertEquals(2.0, r[2], 0.2, "Taylor rate");
        assertEquals(2.0, r[3], 0.2, "Taylor rate");
    }

    @Tag("validation")
    @Test
    void sixHundredStepRolloutGradientMatchesCentralDifferences() {
        double[] r = check(600, 1e-5);
        System.out.printf(java.util.Locale.ROOT, "VALIDATION hybrid 600-step rollout: <grad, v> = %.10e, central difference = %.10e%n",
                r[0], r[1]);
        assertEquals(r[0], r[1], 1e-5 * Math.abs(r[0]), "<grad, v> against the central difference");
    }
}
