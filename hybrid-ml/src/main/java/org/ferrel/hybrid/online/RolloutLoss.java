package org.ferrel.hybrid.online;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.ScheduleStats;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.model.TendencyTerm;

/**
 * The online loss of one rollout of a (hybrid) model against a truth trajectory, and its gradient
 * with respect to some of the model's parameters, reversed through the whole rollout with a
 * checkpoint schedule (binomial: memory is the schedule's snapshots plus one step's tape,
 * independent of the rollout length):
 * <pre>
 *   L = 1/(3 M) sum_{m=1..M} sum_{f in h,u,v} sum_cells w_c (x_f(m K) - y_f(m))^2 / sigma_f^2
 *     + lambda / n sum_{k=1..n} ( sum_cells w_c dh_closure/dt(x(k)) )^2 / sigma_dh^2
 * </pre>
 * with n steps, an observation every K steps (M = n / K), area weights {@code w_c = A_c / A}
 * summing to 1, per-field scales sigma_f, and the optional physics-residual penalty: the closure
 * must not create or destroy mass, so the global mean of its depth tendency should vanish.
 */
public final class RolloutLoss {
    /**
     * @param steps               rollout length n [coarse steps]
     * @param stepsPerObservation K: truth is compared every K steps (n divisible by K)
     * @param fieldScales         sigma of h [m], u and v [m/s]
     * @param penaltyWeight       lambda (0: no penalty)
     * @param depthTendencyScale  sigma_dh [m/s] of the penalty
     * @param schedule            how the rollout is reversed
     */
    public record Options(int steps, int stepsPerObservation, double[] fieldScales, double penaltyWeight,
                          double depthTendencyScale, CheckpointSchedule schedule) {
        public Options {
            if (steps < 1 || stepsPerObservation < 1 || steps % stepsPerObservation != 0) {
                throw new IllegalArgumentException("rollout: " + steps + " steps is not a positive multiple of the "
                        + stepsPerObservation + " steps between observations");
            }
            if (fieldScales.length != 3) {
                throw new IllegalArgumentException("rollout: need 3 field scales (h, u, v)");
            }
            fieldScales = fieldScales.clone();
        }

        public int observations() {
            return steps / stepsPerObservation;
        }
    }

    /**
     * A rollout's loss and gradient.
     *
     * @param loss     L
     * @param gradient dL/dp for each trainable parameter, flat
     * @param stats    what the reversal cost (snapshots, recomputed steps, tape nodes)
     */
    public record Gradient(double loss, double[][] gradient, ScheduleStats stats) {
    }

    private final Model model;
    private final int[] trainable;
    private final TendencyTerm closure;
    private final Options options;
    private final double[] areaWeights;

    /**
     * @param model     the model rolled out
     * @param trainable names of the parameters to differentiate with respect to
     * @param closure   the term whose depth tendency the penalty constrains (null: no penalty)
     * @param options   the loss's options
     */
    public RolloutLoss(Model model, List<String> trainable, TendencyTerm closure, Options options) {
        this.model = model;
        this.closure = closure;
        this.options = options;
        List<Parameter> all = model.parameters();
        this.trainable = new int[trainable.size()];
        for (int k = 0; k < trainable.size(); k++) {
            String name = trainable.get(k);
            int index = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).name().equals(name)) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new IllegalArgumentException("rollout: the model has no parameter '" + name + "'");
            }
            this.trainable[k] = index;
        }
        if (options.penaltyWeight() > 0 && closure == null) {
            throw new IllegalArgumentException("rollout: a mass penalty needs the closure term");
        }
        double[] rowArea = model.grid().cellArea();
        double total = model.grid().totalArea();
        this.areaWeights = new double[rowArea.length];
        for (int j = 0; j < rowArea.length; j++) {
            areaWeights[j] = rowArea[j] / total;
        }
    }

    public Options options() {
        return options;
    }

    /** The full parameter list with the trainable ones replaced by {@code weights}. */
    public Tensor[] parameters(Ops o, Tensor[] base, double[][] weights) {
        Tensor[] p = base.clone();
        for (int k = 0; k < trainable.length; k++) {
            p[trainable[k]] = o.constant(base[trainable[k]].shape(), weights[k]);
        }
        return p;
    }

    /** The loss of a plain forward rollout. {@code truth.get(m)} is the state after {@code (m+1) K} steps. */
    public double loss(Ops o, Tensor[] parameters, State start, List<State> truth) {
        return loop(truth).run(o, start.toArray(), parameters).cost().item();
    }

    /** The loss and its gradient with respect to the trainable parameters. */
    public Gradient gradient(Ops o, Tensor[] parameters, State start, List<State> truth) {
        LoopGradient g = loop(truth).gradient(o, start.toArray(), parameters, options.schedule());
        double[][] out = new double[trainable.length][];
        for (int k = 0; k < trainable.length; k++) {
            out[k] = g.parameterGradient()[trainable[k]].values().clone();
        }
        return new Gradient(g.cost().item(), out, g.stats());
    }

    private TimeLoop loop(List<State> truth) {
        if (truth.size() != options.observations()) {
            throw new IllegalArgumentException("rollout: " + truth.size() + " truth states for " + options.observations()
                    + " observations");
        }
        int k = options.stepsPerObservation();
        double misfitFactor = 1.0 / (3.0 * options.observations());
        double penaltyFactor = options.penaltyWeight() / options.steps()
                / (options.depthTendencyScale() * options.depthTendencyScale());
        Cost cost = (o, level, state, p) -> {
            Tensor w = model.grid().rows(o, areaWeights);
            Tensor c = null;
            if (level % k == 0) {
                State y = truth.get(level / k - 1);
                Tensor[] yf = y.toArray();
                for (int f = 0; f < 3; f++) {
                    double s = options.fieldScales()[f];
                    Tensor d = o.sub(state[f], o.lift(yf[f]));
                    Tensor term = o.mul(o.sum(o.mul(o.square(d), w)), misfitFactor / (s * s));
                    c = c == null ? term : o.add(c, term);
                }
            }
            if (penaltyFactor > 0) {
                State d = closure.tendency(o, model.operators(), State.of(state), model.values(p));
                Tensor mean = o.sum(o.mul(d.h(), w));
                Tensor term = o.mul(o.square(mean), penaltyFactor);
                c = c == null ? term : o.add(c, term);
            }
            return c;
        };
        return new TimeLoop(model.asStep(), options.steps(), cost);
    }
}
