package org.ferrel.calibration.hybrid;

import java.util.List;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.dycore.model.Model;
import org.ferrel.hybrid.nn.Activation;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.nn.Normalization;
import org.ferrel.hybrid.online.RolloutLoss;
import org.ferrel.hybrid.param.FeatureSet;
import org.ferrel.hybrid.param.NeuralTendency;

/** A hybrid experiment small enough for unit tests: 22.5-degree coarse grid, 5.6-degree truth. */
final class TinyHybrid {
    static final ModelSetup SETUP = new ModelSetup(22.5, 4, 1200, 1e16, 45);
    private static TruthData truth;

    private TinyHybrid() {
    }

    /** Two trajectories of 12 hours, a snapshot every 3 steps (1 hour). */
    static synchronized TruthData truth() {
        if (truth == null) {
            truth = new TruthGenerator(SETUP, 13, 3).generate(List.of(1L, 2L), 2, n -> { });
        }
        return truth;
    }

    static Network network() {
        return Network.mlp(3, new int[] {6}, 3, Activation.TANH).withNormalization(
                new Normalization(new double[] {1e4, 0, 0}, new double[] {1e3, 20, 20}),
                new Normalization(new double[] {0, 0, 0}, new double[] {1e-3, 1e-4, 1e-4}));
    }

    record Problem(NeuralTendency closure, RolloutLoss loss, Tensor[] base, double[][] weights) {
    }

    static Problem problem(double penalty) {
        Network n = network();
        double[][] w = n.initialWeights(5);
        NeuralTendency closure = new NeuralTendency(HybridTraining.CLOSURE, n, FeatureSet.POINTWISE, w);
        Model m = SETUP.coarse(closure);
        List<String> names = n.weightSpecs().stream().map(closure::parameterName).toList();
        RolloutLoss loss = new RolloutLoss(m, names, penalty > 0 ? closure : null,
                new RolloutLoss.Options(6, 3, new double[] {100, 10, 10}, penalty, 1e-4, CheckpointSchedule.binomial(3)));
        return new Problem(closure, loss, m.defaultParameters(Eager.serial()), w);
    }
}
