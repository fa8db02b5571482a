package org.ferrel.calibration.problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ferrel.autodiff.Dual;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.calibration.optim.LeastSquaresProblem;
import org.ferrel.dycore.model.DynamicalModel;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.StateVector;
import org.ferrel.io.scenario.Observable;

/**
 * Calibration of any {@link DynamicalModel}'s parameters (shallow water, the atmosphere, ...) against
 * observations of its time-mean state. The model runs {@code steps} steps from a fixed initial state; the observed quantity is the
 * mean of each observed field over the last {@code meanSteps} steps (1: the final state), mapped to
 * the observation points by its interpolation:
 * <pre>
 *   r_i(θ) = ( H_i( (1/n) Σ_{k = N-n+1..N} x_k(θ) ) - y_i ) / σ_i
 * </pre>
 * The free parameters are a subset of the model's, named; a vector parameter (basis coefficients)
 * contributes all its values. Derivatives come from the engine: {@link #jvp} runs the whole loop on
 * tangent (dual) numbers, {@link #vjp} reverses it with a checkpoint schedule (the observation
 * operators are linear, so {@code Jᵀ w} is the gradient of {@code Σ_k (1/n) <w/σ, H(x_k)>}).
 */
public final class TimeMeanProblem<S extends StateVector<S>> implements LeastSquaresProblem {
    private final DynamicalModel<S> model;
    private final S initial;
    private final Tensor[] defaults;
    private final List<Parameter> free;
    private final int[] freeIndex;
    private final int steps;
    private final int meanSteps;
    private final List<FieldObservations<S>> observations;
    private final CheckpointSchedule schedule;
    private final Eager ops;
    private final List<String> names;
    private final int residuals;
    /** Per set, whether step k (from 1) is in its window ({@code window[v][k]}), and how many steps it holds. */
    private final boolean[][] window;
    private final int[] windowCount;

    /**
     * @param model          the model (its parameters' declared bounds and priors are used)
     * @param initial        the initial state
     * @param defaults       values of every model parameter, in model order (the non-free ones stay fixed)
     * @param freeParameters names of the parameters to fit
     * @param steps          run length in steps
     * @param meanSteps      the observed mean covers the last meanSteps steps (1 to steps)
     * @param observations   the observation sets
     * @param schedule       checkpoint schedule of the adjoint runs
     * @param ops            the array backend
     * @throws IllegalArgumentException naming an unknown parameter (with the model's list) or a bad window
     */
    public TimeMeanProblem(DynamicalModel<S> model, S initial, Tensor[] defaults, List<String> freeParameters, int steps,
                               int meanSteps, List<FieldObservations<S>> observations, CheckpointSchedule schedule, Eager ops) {
        this(model, initial, defaults, freeParameters, java.util.Map.of(), steps, meanSteps, observations, schedule, ops);
    }

    /**
     * As above, with priors that replace the declared ones of some parameters (by name).
     */
    public TimeMeanProblem(DynamicalModel<S> model, S initial, Tensor[] defaults, List<String> freeParameters,
                               java.util.Map<String, org.ferrel.dycore.model.Prior> priors, int steps, int meanSteps,
                               List<FieldObservations<S>> observations, CheckpointSchedule schedule, Eager ops) {
        if (steps < 1 || meanSteps < 1 || meanSteps > steps) {
            throw new IllegalArgumentException("calibration window: need 1 <= meanSteps <= steps, got " + meanSteps + " of "
                    + steps);
        }
        if (observations.isEmpty()) {
            throw new IllegalArgumentException("calibration: no observations");
        }
        this.model = model;
        this.initial = initial;
        this.defaults = defaults.clone();
        this.steps = steps;
        this.meanSteps = meanSteps;
        this.observations = List.copyOf(observations);
        this.schedule = schedule;
        this.ops = ops;
        List<Parameter> declared = model.parameters();
        this.free = new ArrayList<>();
        this.freeIndex = new int[freeParameters.size()];
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < freeParameters.size(); k++) {
            String name = freeParameters.get(k);
            int index = -1;
            for (int i = 0; i < declared.size(); i++) {
                if (declared.get(i).name().equals(name)) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new IllegalArgumentException("unknown parameter '" + name + "'; the model has "
                        + declared.stream().map(Parameter::name).toList());
            }
            int found = index;
            if (free.stream().anyMatch(q -> q.name().equals(declared.get(found).name()))) {
                throw new IllegalArgumentException("parameter '" + name + "' is listed twice");
            }
            freeIndex[k] = index;
            Parameter p = declared.get(index);
            if (priors.containsKey(name)) {
                org.ferrel.dycore.model.Prior q = priors.get(name);
                p = new Parameter(p.name(), p.units(), p.shape(), p.lower(), p.upper(), p.description(), q);
            }
            free.add(p.requirePriorWithinBounds());
            if (p.size() == 1) {
                labels.add(name);
            } else {
                for (int i = 0; i < p.size(); i++) {
                    labels.add(name + "[" + i + "]");
                }
            }
        }
        this.names = List.copyOf(labels);
        this.window = new boolean[observations.size()][steps + 1];
        this.windowCount = new int[observations.size()];
        for (int v = 0; v < observations.size(); v++) {
            int[] own = observations.get(v).steps();
            if (own == null) {
                for (int k = steps - meanSteps + 1; k <= steps; k++) {
                    window[v][k] = true;
                }
                windowCount[v] = meanSteps;
            } else {
                for (int k : own) {
                    if (k > steps) {
                        throw new IllegalArgumentException("observations '" + observations.get(v).name() + "': window step "
                                + k + " beyond the run's " + steps + " steps");
                    }
                    window[v][k] = true;
                }
                windowCount[v] = own.length;
            }
        }
        int r = 0;
        for (FieldObservations<S> o : observations) {
            r += o.size();
        }
        this.residuals = r;
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    /** The model. */
    public DynamicalModel<S> model() {
        return model;
    }

    /** Values of every model parameter with the free ones taken from θ, in model order. */
    public Tensor[] allParameters(double[] theta) {
        return parameters(ops, theta);
    }

    /** The observed time means (H x̄, each over its set's window) at θ, one array per observation set, in the sets' units. */
    public double[][] observedMeans(double[] theta) {
        return means(theta, List.of()).observed();
    }

    /** Time means over the observation window (the last steps) of model fields at the cell centres, [ny * nx] each. */
    public double[][] timeMeanFields(double[] theta, List<Observable<S>> fields) {
        return means(theta, fields).fields();
    }

    /**
     * From one run: the observed means of every set over its own window, and the means of the given
     * fields over the problem's window (the last {@code meanSteps} steps).
     */
    public Means means(double[] theta, List<Observable<S>> fields) {
        ParameterValues values = model.values(parameters(ops, theta));
        int sets = observations.size();
        double[][] sums = new double[sets + fields.size()][];
        S s = initial;
        for (int k = 1; k <= steps; k++) {
            s = model.step(ops, s, values);
            for (int v = 0; v < sets; v++) {
                if (window[v][k]) {
                    FieldObservations<S> obs = observations.get(v);
                    sums[v] = accumulate(sums[v], obs.operator().apply(ops, obs.field().at(ops, s, values)).values());
                }
            }
            if (inWindow(k)) {
                for (int f = 0; f < fields.size(); f++) {
                    sums[sets + f] = accumulate(sums[sets + f], fields.get(f).at(ops, s, values).values());
                }
            }
        }
        for (int v = 0; v < sums.length; v++) {
            double n = v < sets ? windowCount[v] : meanSteps;
            for (int i = 0; i < sums[v].length; i++) {
                sums[v][i] /= n;
            }
        }
        return new Means(Arrays.copyOfRange(sums, 0, sets), Arrays.copyOfRange(sums, sets, sums.length));
    }

    /** What {@link #means} computes. */
    public record Means(double[][] observed, double[][] fields) {
    }

    private static double[] accumulate(double[] sum, double[] x) {
        if (sum == null) {
            return x.clone();
        }
        for (int i = 0; i < x.length; i++) {
            sum[i] += x[i];
        }
        return sum;
    }

    /** The observation sets, in residual order. */
    public List<FieldObservations<S>> observations() {
        return observations;
    }

    @Override
    public int residualCount() {
        return residuals;
    }

    @Override
    public double[] lower() {
        return perValue(p -> p.lower());
    }

    @Override
    public double[] upper() {
        return perValue(p -> p.upper());
    }

    @Override
    public double[] priorMean() {
        return perValue(p -> p.prior().isInformative() ? p.prior().mean() : Double.NaN);
    }

    @Override
    public double[] priorSpread() {
        return perValue(p -> p.prior().spread());
    }

    @Override
    public double[] typicalScale() {
        double[] s = perValue(p -> p.prior().isInformative() ? p.prior().spread() : Double.NaN);
        double[] current = current();
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) {
                s[i] = Math.max(Math.abs(current[i]), 1e-12);
            }
        }
        return s;
    }

    /** The free parameters' values in the defaults the problem was built with (a natural first guess). */
    public double[] current() {
        double[] out = new double[names.size()];
        int q = 0;
        for (int k = 0; k < free.size(); k++) {
            double[] v = defaults[freeIndex[k]].values();
            System.arraycopy(v, 0, out, q, v.length);
            q += v.length;
        }
        return out;
    }

    private double[] perValue(java.util.function.ToDoubleFunction<Parameter> f) {
        double[] out = new double[names.size()];
        int q = 0;
        for (Parameter p : free) {
            Arrays.fill(out, q, q + p.size(), f.applyAsDouble(p));
            q += p.size();
        }
        return out;
    }

    /** All model parameters with the free ones taken from θ (and tangents where asked). */
    private Tensor[] parameters(Ops o, double[] theta) {
        if (theta.length != names.size()) {
            throw new IllegalArgumentException("expected " + names.size() + " parameter values, got " + theta.length);
        }
        Tensor[] p = defaults.clone();
        int q = 0;
        for (int k = 0; k < free.size(); k++) {
            Parameter d = free.get(k);
            p[freeIndex[k]] = o.constant(d.shape(), Arrays.copyOfRange(theta, q, q + d.size()));
            q += d.size();
        }
        return p;
    }

    private boolean inWindow(int level) {
        return level > steps - meanSteps;
    }

    @Override
    public double[] residuals(double[] theta) {
        double[][] means = observedMeans(theta);
        double[] r = new double[residuals];
        int q = 0;
        for (int v = 0; v < observations.size(); v++) {
            FieldObservations<S> obs = observations.get(v);
            for (int i = 0; i < obs.size(); i++) {
                r[q++] = (means[v][i] - obs.values()[i]) / obs.sigma()[i];
            }
        }
        return r;
    }

    @Override
    public double[] jvp(double[] theta, double[] direction) {
        Dual dual = new Dual(ops);
        Tensor[] base = parameters(ops, theta);
        Tensor[] tangent = parameters(ops, direction);
        Tensor[] p = new Tensor[base.length];
        for (int k = 0; k < base.length; k++) {
            boolean isFree = false;
            for (int f : freeIndex) {
                isFree |= f == k;
            }
            p[k] = isFree ? dual.variable(base[k], tangent[k]) : dual.lift(base[k]);
        }
        ParameterValues values = model.values(p);
        Tensor[] fields = initial.toArray();
        Tensor[] lifted = new Tensor[fields.length];
        for (int k = 0; k < fields.length; k++) {
            lifted[k] = dual.lift(fields[k]);
        }
        S start = model.state(lifted);
        double[][] sums = new double[observations.size()][];
        S s = start;
        for (int k = 1; k <= steps; k++) {
            s = model.step(dual, s, values);
            for (int v = 0; v < observations.size(); v++) {
                if (window[v][k]) {
                    FieldObservations<S> obs = observations.get(v);
                    sums[v] = accumulate(sums[v], dual.tangent(dual.lift(obs.operator().apply(dual, obs.field().at(dual, s,
                            values)))).values());
                }
            }
        }
        double[] out = new double[residuals];
        int q = 0;
        for (int v = 0; v < observations.size(); v++) {
            FieldObservations<S> obs = observations.get(v);
            for (int i = 0; i < obs.size(); i++) {
                out[q++] = sums[v][i] / windowCount[v] / obs.sigma()[i];
            }
        }
        return out;
    }

    @Override
    public double[] vjp(double[] theta, double[] w) {
        if (w.length != residuals) {
            throw new IllegalArgumentException("expected " + residuals + " residual weights, got " + w.length);
        }
        Tensor[] weights = new Tensor[observations.size()];
        int q = 0;
        for (int v = 0; v < observations.size(); v++) {
            FieldObservations<S> obs = observations.get(v);
            double[] x = new double[obs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = w[q++] / obs.sigma()[i] / windowCount[v];
            }
            weights[v] = ops.constant(org.ferrel.autodiff.Shape.of(x.length), x);
        }
        Cost cost = (o, level, state, p) -> {
            S st = null;
            ParameterValues values = null;
            Tensor total = null;
            for (int v = 0; v < observations.size(); v++) {
                if (!window[v][level]) {
                    continue;
                }
                if (st == null) {
                    st = model.state(state);
                    values = model.values(p);
                }
                FieldObservations<S> obs = observations.get(v);
                Tensor h = obs.operator().apply(o, obs.field().at(o, st, values));
                Tensor term = o.dot(o.lift(weights[v]), h);
                total = total == null ? term : o.add(total, term);
            }
            return total;
        };
        TimeLoop loop = new TimeLoop(model.asStep(), steps, cost);
        LoopGradient g = loop.gradient(ops, initial.toArray(), parameters(ops, theta), schedule);
        double[] out = new double[names.size()];
        int k0 = 0;
        for (int k = 0; k < free.size(); k++) {
            double[] gk = g.parameterGradient()[freeIndex[k]].values();
            System.arraycopy(gk, 0, out, k0, gk.length);
            k0 += gk.length;
        }
        return out;
    }
}
