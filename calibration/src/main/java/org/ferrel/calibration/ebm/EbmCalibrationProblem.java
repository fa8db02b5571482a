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
 * {@link EnergyBalanceModel} against observed zonal means on its cells, as a
 * {@link LeastSquaresProblem}. The residuals are the whitened misfits, cell by cell, of each
 * observed profile ({@link Profile}: steady-state temperature, outgoing long-wave radiation or absorbed
 * short-wave radiation, with one error standard deviation each); against all three of
 * {@link EbmObservations},
 * <pre>
 *   r = [ (T - T_obs) / σ_T ,  (OLR - OLR_obs) / σ_OLR ,  (Q s a - ASR_obs) / σ_SW ]      (3N values),
 * </pre>
 * with {@link ObservationErrors}. The free parameters are any subset of {@link EbmParameters#DECLARED},
 * in declared order; the others stay at given values. Bounds are the declared ones, Gaussian priors the
 * declared ones unless replaced by name.
 *
 * <p>Every evaluation solves the steady state afresh from the same first guess (the observed temperature profile
 * when there is one; so the
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

    /** A quantity of the steady state that observations see, each a profile on the model's cells. */
    public enum Quantity {
        /** Surface temperature T, °C. */
        TEMPERATURE,
        /** Outgoing long-wave radiation A + B T, W m⁻². */
        OUTGOING_LONGWAVE,
        /** Absorbed short-wave radiation Q s(x) a(x, T), W m⁻². */
        ABSORBED_SHORTWAVE;

        /** The quantity of the steady state {@code t}, as an array operation. */
        Tensor of(Ops o, EnergyBalanceModel model, Tensor t, Tensor[] p) {
            return switch (this) {
                case TEMPERATURE -> t;
                case OUTGOING_LONGWAVE -> model.outgoingLongwave(o, t, p);
                case ABSORBED_SHORTWAVE -> model.absorbedShortwave(o, t, p);
            };
        }
    }

    /**
     * Observed values of one quantity, one per cell, with their error standard deviation.
     *
     * @param quantity what is observed
     * @param values   one value per model cell (in the quantity's units)
     * @param error    σ, in the quantity's units
     */
    public record Profile(Quantity quantity, double[] values, double error) {
        public Profile {
            if (!(error > 0) || !Double.isFinite(error)) {
                throw new IllegalArgumentException("EBM calibration: the error of " + quantity + " must be positive, got " + error);
            }
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("EBM calibration: non-finite observed " + quantity + " " + v);
                }
            }
        }
    }

    private final EnergyBalanceModel model;
    private final EbmObservations observations;
    private final List<Profile> profiles;
    private final double[] initialGuess;
    private final EbmParameters fixed;
    private final int[] free;
    private final double[] priorMean;
    private final double[] priorSpread;
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
        this(model, sameGrid(model, observations), List.of(new Profile(Quantity.TEMPERATURE, observations.temperature(), errors.temperature()),
                new Profile(Quantity.OUTGOING_LONGWAVE, observations.outgoingLongwave(), errors.olr()),
                new Profile(Quantity.ABSORBED_SHORTWAVE, observations.absorbedShortwave(), errors.absorbed())),
                observations.temperature(), fixed, freeNames, java.util.Map.of(), solverOptions);
    }

    /**
     * Any observed profiles (e.g. temperature alone, or temperature and OLR, from a campaign file).
     *
     * @param profiles     the observed quantities, each one value per cell
     * @param initialGuess the first guess of every steady-state solve, °C per cell
     * @param priors       priors replacing the declared ones, by parameter name
     */
    public EbmCalibrationProblem(EnergyBalanceModel model, List<Profile> profiles, double[] initialGuess, EbmParameters fixed,
                                 List<String> freeNames, java.util.Map<String, org.ferrel.dycore.model.Prior> priors,
                                 EnergyBalanceModel.SolverOptions solverOptions) {
        this(model, null, profiles, initialGuess, fixed, freeNames, priors, solverOptions);
    }

    /** The observations, checked to be on the model's grid. */
    private static EbmObservations sameGrid(EnergyBalanceModel model, EbmObservations observations) {
        if (model.grid().cellCount() != observations.grid().cellCount()
                || model.grid().domain() != observations.grid().domain()) {
            throw new IllegalArgumentException("EBM calibration: model grid " + model.grid() + " and observation grid "
                    + observations.grid() + " differ");
        }
        return observations;
    }

    private EbmCalibrationProblem(EnergyBalanceModel model, EbmObservations observations, List<Profile> profiles,
                                  double[] initialGuess, EbmParameters fixed, List<String> freeNames,
                                  java.util.Map<String, org.ferrel.dycore.model.Prior> priors,
                                  EnergyBalanceModel.SolverOptions solverOptions) {
        int n = model.grid().cellCount();
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("EBM calibration: no observed profiles");
        }
        for (Profile q : profiles) {
            if (q.values().length != n) {
                throw new IllegalArgumentException("EBM calibration: " + q.values().length + " observed values of " + q.quantity()
                        + " for " + n + " cells");
            }
        }
        if (initialGuess.length != n) {
            throw new IllegalArgumentException("EBM calibration: first guess has " + initialGuess.length + " values for " + n
                    + " cells");
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
            if (!priors.containsKey(name)) {
                EbmParameters.DECLARED.get(k).requirePriorWithinBounds();
            }
        }
        for (String name : priors.keySet()) {
            if (!freeNames.contains(name)) {
                throw new IllegalArgumentException("EBM calibration: a prior for " + name + ", which is not fitted");
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < EbmParameters.COUNT; k++) {
            if (chosen[k]) {
                order.add(k);
            }
        }
        this.free = order.stream().mapToInt(Integer::intValue).toArray();
        this.priorMean = new double[free.length];
        this.priorSpread = new double[free.length];
        for (int k = 0; k < free.length; k++) {
            Parameter d = EbmParameters.DECLARED.get(free[k]);
            org.ferrel.dycore.model.Prior prior = priors.getOrDefault(d.name(), d.prior());
            if (!(prior.mean() >= d.lower() && prior.mean() <= d.upper())) {
                throw new IllegalArgumentException("EBM calibration: prior mean " + prior.mean() + " of " + d.name()
                        + " is outside its bounds [" + d.lower() + ", " + d.upper() + "] " + d.units());
            }
            priorMean[k] = prior.mean();
            priorSpread[k] = prior.spread();
        }
        this.model = model;
        this.observations = observations;
        this.profiles = List.copyOf(profiles);
        this.initialGuess = initialGuess.clone();
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

    /** The observations it was built from, or null when built from profiles. */
    public EbmObservations observations() {
        return observations;
    }

    /** The observed profiles, in the order of the residuals. */
    public List<Profile> profiles() {
        return profiles;
    }

    /**
     * The steady state at θ and the model's value of each observed profile there (one solve).
     *
     * @throws LeastSquaresProblem.ModelFailure when no steady state is found
     */
    public Solution solution(double[] theta) {
        EnergyBalanceModel.Equilibrium solved = solve(theta);
        Tensor[] p = parameters(theta).tensors(eager);
        Tensor t = eager.constant(model.grid().shape(), solved.temperature());
        List<double[]> modelled = new ArrayList<>();
        for (Profile q : profiles) {
            modelled.add(q.quantity().of(eager, model, t, p).values());
        }
        return new Solution(solved, model.outgoingLongwave(eager, t, p).values(), model.absorbedShortwave(eager, t, p).values(),
                model.insolation(eager, p).values(), modelled);
    }

    /**
     * A steady state with its radiation.
     *
     * @param equilibrium       the solved state (temperature °C, ice line, stability)
     * @param outgoingLongwave  A + B T per cell, W m⁻²
     * @param absorbedShortwave Q s a per cell, W m⁻²
     * @param insolation        Q s per cell, W m⁻²
     * @param observed          the model's value of each observed profile, in the order of {@link #profiles()}
     */
    public record Solution(EnergyBalanceModel.Equilibrium equilibrium, double[] outgoingLongwave, double[] absorbedShortwave,
                           double[] insolation, List<double[]> observed) {
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
        return profiles.size() * model.grid().cellCount();
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
        return priorMean.clone();
    }

    @Override
    public double[] priorSpread() {
        return priorSpread.clone();
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
        Tensor[] misfits = new Tensor[profiles.size()];
        for (int k = 0; k < misfits.length; k++) {
            Profile q = profiles.get(k);
            misfits[k] = o.mul(o.sub(q.quantity().of(o, model, t, p), o.constant(q.values(), n)), 1.0 / q.error());
        }
        return misfits.length == 1 ? misfits[0] : o.concat(0, misfits);
    }

    private EnergyBalanceModel.Equilibrium solve(double[] theta) {
        EbmParameters p = parameters(theta);
        try {
            return model.equilibrium(p, initialGuess, solverOptions);
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
