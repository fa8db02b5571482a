package org.ferrel.calibration.hybrid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.dycore.model.BlowUpException;
import org.ferrel.dycore.model.Hyperdiffusion;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.hybrid.online.RolloutLoss;

/**
 * The tuned-hyperdiffusion baseline: the coarse model with biharmonic diffusion, its coefficient
 * chosen among candidates by the same rollout loss as online training, on the training truth (one
 * rollout from the first snapshot of each training trajectory). A candidate whose rollout blows up
 * or violates the time-step limit scores infinity.
 */
public final class HyperdiffusionTuning {
    private HyperdiffusionTuning() {
    }

    /** The mean rollout loss of each candidate coefficient, in the candidates' order. */
    public static Map<Double, Double> losses(ModelSetup setup, TruthData train, int rolloutSteps, double[] candidates,
                                             double[] fieldScales) {
        Eager o = Eager.serial();
        Map<Double, Double> out = new LinkedHashMap<>();
        int span = rolloutSteps / train.stepsPerSnapshot();
        for (double nu : candidates) {
            Model m = setup.coarse(new Hyperdiffusion(nu, true));
            RolloutLoss loss = new RolloutLoss(m, List.of(), null, new RolloutLoss.Options(rolloutSteps, train.stepsPerSnapshot(),
                    fieldScales, 0, 1, CheckpointSchedule.binomial(2)));
            double total = 0;
            try {
                for (TruthData.Trajectory tr : train.trajectories()) {
                    List<State> targets = new ArrayList<>();
                    for (int k = 1; k <= span; k++) {
                        targets.add(tr.state(o, train.grid(), k));
                    }
                    State s0 = tr.state(o, train.grid(), 0);
                    m.checkCfl(s0, m.defaultParameters(o));
                    total += loss.loss(o, m.defaultParameters(o), s0, targets) / train.trajectories().size();
                }
            } catch (IllegalArgumentException | BlowUpException e) {
                total = Double.POSITIVE_INFINITY;
            }
            out.put(nu, Double.isFinite(total) ? total : Double.POSITIVE_INFINITY);
        }
        return out;
    }

    /** The candidate of least loss. */
    public static double best(Map<Double, Double> losses) {
        double best = Double.NaN;
        double least = Double.POSITIVE_INFINITY;
        for (Map.Entry<Double, Double> e : losses.entrySet()) {
            if (e.getValue() < least || Double.isNaN(best)) {
                least = e.getValue();
                best = e.getKey();
            }
        }
        return best;
    }
}
