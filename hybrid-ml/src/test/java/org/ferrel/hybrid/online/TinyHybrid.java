package org.ferrel.hybrid.online;

import java.util.List;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.dycore.cases.PerturbedJet;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.model.TendencyTerm;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.hybrid.nn.Activation;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.nn.Normalization;
import org.ferrel.hybrid.param.FeatureSet;
import org.ferrel.hybrid.param.NeuralTendency;

/**
 * A hybrid experiment small enough for unit tests: the coarse shallow-water model of calibration's
 * hybrid experiment at 22.5 degrees (time step 1200 s, polar filter from 45 degrees; built here as
 * {@code ModelSetup.coarse} builds it), seeded perturbed Galewsky jets, a 3-6-3 pointwise closure,
 * and a twin-experiment truth: the same coarse model with a 2 % stronger gravity.
 */
final class TinyHybrid {
    static final LatLonGrid GRID = LatLonGrid.earth(22.5);
    private static ArrayTrajectories truth;

    private TinyHybrid() {
    }

    /** The coarse model with these closure terms. */
    static Model coarse(TendencyTerm... closures) {
        Model.Builder b = Model.builder(GRID).timeStep(1200).filter(new PolarFilter(GRID, Math.toRadians(45)));
        for (TendencyTerm t : closures) {
            b.term(t);
        }
        return b.build();
    }

    /**
     * Two trajectories of 12 hours, a snapshot every 3 steps (1 hour), from jets 1 and 2: the coarse
     * model without closure and with a 2 % stronger gravity.
     */
    static synchronized ArrayTrajectories truth() {
        if (truth == null) {
            Eager o = Eager.serial();
            Model m = coarse();
            Tensor[] p = m.defaultParameters(o);
            p[0] = o.scalar(Model.STANDARD_GRAVITY * 1.02);
            long[] seeds = {1, 2};
            double[][][][] states = new double[seeds.length][13][][];
            for (int c = 0; c < seeds.length; c++) {
                State s = new PerturbedJet(seeds[c]).state(o, GRID);
                for (int t = 0; t < 13; t++) {
                    if (t > 0) {
                        s = m.run(o, s, p, 3, Model.StepObserver.NONE);
                    }
                    states[c][t] = new double[][] {s.h().values(), s.u().values(), s.v().values()};
                }
            }
            truth = new ArrayTrajectories(GRID.shape(), 3, states);
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
        NeuralTendency closure = new NeuralTendency("closure", n, FeatureSet.POINTWISE, w);
        Model m = coarse(closure);
        List<String> names = n.weightSpecs().stream().map(closure::parameterName).toList();
        RolloutLoss loss = new RolloutLoss(m, names, penalty > 0 ? closure : null,
                new RolloutLoss.Options(6, 3, new double[] {100, 10, 10}, penalty, 1e-4, CheckpointSchedule.binomial(3)));
        return new Problem(closure, loss, m.defaultParameters(Eager.serial()), w);
    }
}
