package org.ferrel.calibration.hybrid;

import org.ferrel.dycore.cases.PerturbedJet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.BinomialCost;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.hybrid.nn.Activation;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.online.RolloutLoss;
import org.ferrel.hybrid.param.FeatureSet;
import org.ferrel.hybrid.param.NeuralTendency;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cost of the online gradient at 2.8 degrees: a 600-step rollout of the hybrid model (a
 * pointwise MLP 3-16-16-3 closure, mass penalty on) reversed with 12 binomial snapshots, against
 * the forward rollout. Prints the times (recorded in docs/performance.md; not asserted) and checks
 * the schedule's counts: the optimal number of recomputed steps, at most 12 snapshots.
 */
@Tag("validation")
class OnlineCostValidationTest {
    @Test
    void gradientOfASixHundredStepRolloutAt2p8Degrees() {
        Eager o = Eager.serial();
        ModelSetup setup = new ModelSetup(2.8125, 4, 300, 5e13, 45);
        Network n = TinyHybrid.network();
        Network net = Network.mlp(3, new int[] {16, 16}, 3, Activation.TANH).withNormalization(n.inputNormalization(),
                n.outputNormalization());
        NeuralTendency closure = new NeuralTendency(HybridTraining.CLOSURE, net, FeatureSet.POINTWISE, net.initialWeights(1));
        Model m = setup.coarse(closure);
        int steps = 600;
        RolloutLoss loss = new RolloutLoss(m, net.weightSpecs().stream().map(closure::parameterName).toList(), closure,
                new RolloutLoss.Options(steps, 12, new double[] {100, 10, 10}, 0.1, 1e-4, CheckpointSchedule.binomial(12)));
        State start = new PerturbedJet(1).state(o, m.grid());
        Model reference = setup.coarse();
        List<State> truth = new ArrayList<>();
        State s = start;
        for (int k = 1; k <= steps; k++) {
            s = reference.step(o, s, reference.values(reference.defaultParameters(o)));
            if (k % 12 == 0) {
                truth.add(s);
            }
        }
        Tensor[] p = m.defaultParameters(o);
        loss.loss(o, p, start, truth);
        long t0 = System.nanoTime();
        double forward = loss.loss(o, p, start, truth);
        long t1 = System.nanoTime();
        RolloutLoss.Gradient g = loss.gradient(o, p, start, truth);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "VALIDATION online cost 2.8deg 600 steps binomial(12): forward %.2f s, loss+gradient %.2f s,"
                        + " ratio %.2f; recomputed steps %d, recorded %d, peak snapshots %d, peak tape nodes %d%n", (t1 - t0) * 1e-9,
                (t2 - t1) * 1e-9, (double) (t2 - t1) / (t1 - t0), g.stats().forwardSteps(), g.stats().recordedSteps(),
                g.stats().peakMemorySnapshots(), g.stats().peakTapeNodes());
        assertEquals(forward, g.loss(), 1e-12 * forward);
        assertEquals(BinomialCost.optimalForwardSteps(steps, 12), g.stats().forwardSteps());
        assertTrue(g.stats().peakMemorySnapshots() <= 12);
    }
}
