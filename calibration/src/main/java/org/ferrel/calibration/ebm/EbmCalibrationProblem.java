package org.ferrel.calibration.ebm;

import java.util.ArrayList;
import java.util.List;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.calibration.optim.LeastSquaresProblem;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.physics.ebm.EbmParameters;
import org.ferrel.physics.ebm.EnergyBalanceModel;

/**
 * The energy balance model's side of the calibration seam: the steady state of
 * {@link EnergyBalanceModel} against observed zonal means ({@link EbmObservations}), as a
 * {@link LeastSquaresProblem}. The residuals are the whitened misfits, cell by cell,
 * <pre>
 *   r = [ (T - T_obs) / σ_T ,  (OLR - OLR_obs) / σ_OLR ,  (Q s a - ASR_obs) / σ_SW ]      (3N values),
 * </pre>
 * of the steady-state temperature, outgoing long-wave radiation and absorbed short-wave radiation,
 * with one error standard deviation per quantity ({@link ObservationErrors}). The free parameters are
 * any subset of {@link EbmParameters#DECLARED}, in declared order; the others stay at given values.
 * Bounds and Gaussian priors are the declared ones.
 *
 * <p>Every evaluation solves the steady state afresh from the observed temperature profile (so the
 * result depends on θ only, not on the order of calls). {@link #jvp} and {@link #vjp} are the engine's
 * forward and reverse modes of the same code; through the steady state they are implicit derivatives
 * (one tridiagonal solve, and one transposed solve; see {@link EnergyBalanceModel}). A steady state that
 * is not found becomes a {@link LeastSquaresProblem.ModelFailure}.
 */
public final class EbmCalibrationProblem implements LeastSquaresProblem {

    /**
     * Standard deviations of the observation errors (including the model's structural error) that
     * whiten the residuals.
     *
     * @param temperature     σ_T, K
     * @param olr             σ_OLR, W m⁻²
     * @param absorbed        σ_SW, W m⁻²
     */
    public record ObservationErrors(double temperature, double olr, double absorbed) {
        public ObservationErrors {
            if (!(temperature > 0) || !(olr > 0) || !(absorbed > 0)) {
                throw new IllegalArgumentException("observation errors must be positive: " + temperature + " K, " + olr
                        + " W m-2, " + absorbed + " W m-2");
            }
        }

        /** 2 K, 5 W m⁻², 5 W m⁻²: the scale of the model's structural misfit to zonal means. */
        public static ObservationErrors defaults() {
            return new ObservationErrors(2.0, 5.0, 5.0);
        }
    }

    private final EnergyBalanceModel model;
    private final EbmObservations observations;
    private final ObservationErrors errors;
    private final EbmParameters fixed;
    private final int[] free;
    private final EnergyBalanceModel.SolverOptions solverOptions;
    private final Eager eager = Eager.serial();

    /**
     * @param model        the model (its grid must be the observations' grid)
     * @param observations observed zonal means on the model's cells
     * @param errors       the whitening standard deviations
     * @param fixed        values of the parameters that are not fitted (and a reference for the others)
     * @param freeNames    names of the fitted parameters (any order; kept in declared order)
     */
    public EbmCalibrationProblem(EnergyBalanceModel model, EbmObservations observations, ObservationErrors errors,
                                 EbmParameters fixed, List<String> freeNames) {
        this(model, observations, errors, fixed, freeNames, EnergyBalanceModel.SolverOptions.defaults());
    }

    /**
     * As above, with the steady-state solver's options (its iteration budgets decide where a run
     * fails: near the fold of Q(x_s) the relaxation slows down and may not finish within its budget).
     */
    public EbmCalibrationProblem(EnergyBalanceModel model, EbmObservations observations, ObservationErrors errors,
                                 EbmParameters fixed, List<String> freeNames, EnergyBalanceModel.SolverOptions solverOptions) {
        if (model.grid().cellCount() != observations.grid().cellCount()
                || model.grid().domain() != observations.grid().domain()) {
            throw new IllegalArgumentException("EBM calibration: model grid " + model.grid() + " and observation grid "
                    + observations.grid() + " differ");
        }
        if (freeNames.isEmpty()) {
            throw new IllegalArgumentException("EBM calibration: no free parameters");
        }
        boolean[] chosen = new boolean[EbmParameters.COUNT];
        for (String name : freeNames) {
            int k = EbmParameters.indexOf(name);
            if (chosen[k]) {
                throw new IllegalArgumentException("EBM calibration: parameter " + name + " named twice");
            }
            chosen[k] = true;
            EbmParameters.DECLARED.get(k).requirePriorWithinBounds();
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < EbmParameters.COUNT; k++) {
            if (chosen[k]) {
                order.add(k);
            }
        }
        this.free = order.stream().mapToInt(Integer::intValue).toArray();
        this.model = model;
        this.observations = observations;
        this.errors = errors;
        this.fixed = fixed;
        this.solverOptions = java.util.Objects.requireNonNull(solverOptions, "solverOptions");
    }

    /** All 8 parameters free, the others' reference values North (1975). */
    public static EbmCalibrationProblem allParameters(EnergyBalanceModel model, EbmObservations observations,
                                                      ObservationErrors errors) {
        return new EbmCalibrationProblem(model, observations, errors, EbmParameters.NORTH_1975,
                EbmParameters.DECLARED.stream().map(Parameter::name).toList());
    }

    public EnergyBalanceModel model() {
        return model;
    }

    public EbmObservations observations() {
        return observations;
    }

    /** The full parameter set for a vector of free values θ. */
    public EbmParameters parameters(double[] theta) {
        checkLength(theta, "theta");
        double[] v = fixed.values();
        for (int k = 0; k < free.length; k++) {
            v[free[k]] = theta[k];
        }
        return EbmParameters.of(v);
    }

    /** The free values of a full parameter set (the starting point θ₀ of a calibration). */
    public double[] theta(EbmParameters p) {
        double[] v = p.values();
        double[] theta = new double[free.length];
        for (int k = 0; k < free.length; k++) {
            theta[k] = v[free[k]];
        }
        return theta;
    }

    private Parameter declared(int k) {
        return EbmParameters.DECLARED.get(free[k]);
    }

    @Override
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < free.length; k++) {
            names.add(declared(k).name());
        }
        return names;
    }

    @Override
    public int residualCount() {
        return 3 * model.grid().cellCount();
    }

    @Override
    public double[] lower() {
        double[] l = new double[free.length];
        for (int k = 0; k < free.length; k++) {
            l[k] = declared(k).lower();
        }
        return l;
    }

    @Override
    public double[] upper() {
        double[] u = new double[free.length];
        for (int k = 0; k < free.length; k++) {
            u[k] = declared(k).upper();
        }
        return u;
    }

    @Override
    public double[] priorMean() {
        double[] m = new double[free.length];
        for (int k = 0; k < free.length; k++) {
            m[k] = declared(k).prior().mean();
        }
        return m;
    }

    @Override
    public double[] priorSpread() {
        double[] s = new double[free.length];
        for (int k = 0; k < free.length; k++) {
            s[k] = declared(k).prior().spread();
        }
        return s;
    }

    @Override
    public double[] typicalScale() {
        return priorSpread();
    }

    /** The residuals as a function of the free parameter tensors, on any interpreter. */
    private Tensor residualTensor(Ops o, Tensor[] freeValues, EnergyBalanceModel.Equilibrium solved) {
        Tensor[] p = new Tensor[EbmParameters.COUNT];
        double[] reference = fixed.values();
        for (int k = 0; k < EbmParameters.COUNT; k++) {
            p[k] = o.scalar(reference[k]);
        }
        for (int k = 0; k < free.length; k++) {
            p[free[k]] = freeValues[k];
        }
        Tensor t = model.steadyState(o, p, solved);
        int n = model.grid().cellCount();
        Tensor dt = o.mul(o.sub(t, o.constant(observations.temperature(), n)), 1.0 / errors.temperature());
        Tensor dOlr = o.mul(o.sub(model.outgoingLongwave(o, t, p), o.constant(observations.outgoingLongwave(), n)),
                1.0 / errors.olr());
        Tensor dSw = o.mul(o.sub(model.absorbedShortwave(o, t, p), o.constant(observations.absorbedShortwave(), n)),
                1.0 / errors.absorbed());
        return o.concat(0, dt, dOlr, dSw);
    }

    private EnergyBalanceModel.Equilibrium solve(double[] theta) {
        EbmParameters p = parameters(theta);
        try {
            return model.equilibrium(p, observations.temperature(), solverOptions);
        } catch (EnergyBalanceModel.EquilibriumNotFoundException e) {
            throw new ModelFailure("energy balance model: no steady state at " + p, e);
        }
    }

    private Tensor[] tensors(double[] values) {
        Tensor[] t = new Tensor[values.length];
        for (int k = 0; k < values.length; k++) {
            t[k] = eager.scalar(values[k]);
        }
        return t;
    }

    @Override
    public double[] residuals(double[] theta) {
        EnergyBalanceModel.Equilibrium solved = solve(theta);
        return residualTensor(eager, tensors(theta), solved).values();
    }

    @Override
    public double[] jvp(double[] theta, double[] v) {
        checkLength(v, "v");
        EnergyBalanceModel.Equilibrium solved = solve(theta);
        Derivatives.Function f = (o, in) -> new Tensor[] {residualTensor(o, in, solved)};
        return Derivatives.jvp(eager, f, tensors(theta), tensors(v)).derivatives()[0].values();
    }

    @Override
    public double[] vjp(double[] theta, double[] w) {
        if (w.length != residualCount()) {
            throw new IllegalArgumentException("EBM calibration: w has " + w.length + " entries, expected "
                    + residualCount());
        }
        EnergyBalanceModel.Equilibrium solved = solve(theta);
        Derivatives.Function f = (o, in) -> new Tensor[] {residualTensor(o, in, solved)};
        Tensor[] grads = Derivatives.vjp(eager, f, tensors(theta), new Tensor[] {eager.vector(w)}).derivatives();
        double[] out = new double[free.length];
        for (int k = 0; k < free.length; k++) {
            out[k] = grads[k].item();
        }
        return out;
    }

    private void checkLength(double[] values, String what) {
        if (values.length != free.length) {
            throw new IllegalArgumentException("EBM calibration: " + what + " has " + values.length + " entries for the "
                    + free.length + " free parameters " + parameterNames());
        }
    }
}
