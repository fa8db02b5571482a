package org.ferrel.dycore.primitive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.model.BlowUpException;
import org.ferrel.dycore.model.DynamicalModel;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.TendencyFilter;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.dycore.time.Integrator;
import org.ferrel.dycore.time.SspRk3;

/**
 * A primitive-equation atmosphere, a {@link DynamicalModel} assembled like the shallow-water
 * {@link org.ferrel.dycore.model.Model}:
 * the dynamics ({@link PrimitiveEquations}), a list of named tendency terms with declared parameters
 * (Held-Suarez forcing, hyperdiffusion, ...), an optional polar filter of the total tendency, and an
 * integrator with a fixed time step. Its parameters are the surface geopotential field and those the
 * terms declare, in that order; one step is a pure function of (state, parameters), usable by
 * {@link org.ferrel.autodiff.loop.TimeLoop} for gradients with any checkpoint schedule.
 */
public final class AtmosphereModel implements DynamicalModel<AtmosphereState> {
    public static final String SURFACE_GEOPOTENTIAL = "surfaceGeopotential";
    /** Largest speed accepted before a run is declared blown up [m/s]. */
    public static final double MAX_SPEED = 400.0;

    private final LatLonGrid grid;
    private final PrimitiveEquations dynamics;
    private final List<AtmosphereTerm> terms;
    private final TendencyFilter filter;
    private final Integrator integrator;
    private final double timeStep;
    private final double[] surfaceGeopotential;
    private final List<Parameter> parameters;

    private AtmosphereModel(Builder b) {
        this.grid = b.grid;
        this.dynamics = new PrimitiveEquations(new CGridOperators(b.grid), b.sigma);
        this.terms = List.copyOf(b.terms);
        this.filter = b.filter;
        this.integrator = b.integrator;
        this.timeStep = b.timeStep;
        int n = grid.nx() * grid.ny();
        this.surfaceGeopotential = b.surfaceGeopotential != null ? b.surfaceGeopotential.clone() : new double[n];
        if (surfaceGeopotential.length != n) {
            throw new IllegalArgumentException("surface geopotential has " + surfaceGeopotential.length
                    + " values, the grid " + grid.shape() + " needs " + n);
        }
        if (!(timeStep > 0)) {
            throw new IllegalArgumentException("time step must be positive, got " + timeStep);
        }
        List<Parameter> all = new ArrayList<>();
        all.add(new Parameter(SURFACE_GEOPOTENTIAL, "m^2/s^2", grid.shape(), -1e4, 1e5,
                "surface geopotential Phi_s at the bottom of the hydrostatic integral"));
        for (AtmosphereTerm t : terms) {
            all.addAll(t.parameters());
        }
        this.parameters = DynamicalModel.declared(all);
    }

    public static Builder builder(LatLonGrid grid, SigmaCoordinate sigma) {
        return new Builder(grid, sigma);
    }

    @Override
    public LatLonGrid grid() {
        return grid;
    }

    public PrimitiveEquations dynamics() {
        return dynamics;
    }

    public SigmaCoordinate sigma() {
        return dynamics.sigma();
    }

    @Override
    public double timeStep() {
        return timeStep;
    }

    @Override
    public Integrator integrator() {
        return integrator;
    }

    public List<AtmosphereTerm> terms() {
        return terms;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Default parameter values, in the order of {@link #parameters()}. */
    @Override
    public Tensor[] defaultParameters(Ops o) {
        List<Tensor> v = new ArrayList<>();
        v.add(o.constant(grid.shape(), surfaceGeopotential));
        for (AtmosphereTerm t : terms) {
            v.addAll(List.of(t.defaults(o)));
        }
        return v.toArray(new Tensor[0]);
    }

    @Override
    public AtmosphereState state(Tensor[] fields) {
        return AtmosphereState.of(fields);
    }

    /** The total (filtered) tendency. */
    @Override
    public AtmosphereState tendency(Ops o, AtmosphereState s, ParameterValues p) {
        Tensor[] total = dynamics.tendency(o, s, p.get(SURFACE_GEOPOTENTIAL)).toArray();
        for (AtmosphereTerm t : terms) {
            Tensor[] d = t.tendency(o, dynamics, s, p).toArray();
            for (int f = 0; f < total.length; f++) {
                if (d[f] != null) {
                    total[f] = o.add(total[f], d[f]);
                }
            }
        }
        return filter.apply(o, AtmosphereState.of(total));
    }

    /** One time step of the integrator. */
    @Override
    public AtmosphereState step(Ops o, AtmosphereState s, ParameterValues p) {
        return integrator.step(o, (ops, x) -> tendency(ops, x, p), s, timeStep);
    }

    @Override
    public double largestStableTimeStep(AtmosphereState initial, Tensor[] p) {
        double c = Math.sqrt(dynamics.gasConstant() * DynamicalModel.max(initial.temperature().values()) / (1 - dynamics.kappa()))
                + Math.max(DynamicalModel.maxAbs(initial.u().values()), DynamicalModel.maxAbs(initial.v().values()));
        double dx = filter.effectiveMinimumDx(grid);
        double dy = grid.dy();
        double omega = 2 * c * Math.sqrt(1 / (dx * dx) + 1 / (dy * dy));
        double limit = integrator.imaginaryAxisLimit() / omega;
        ParameterValues values = values(p);
        for (AtmosphereTerm t : terms) {
            double rate = t.maximumDampingRate(grid, dx, values);
            if (rate > 0) {
                limit = Math.min(limit, integrator.realAxisLimit() / rate);
            }
        }
        return limit;
    }

    /**
     * Checks the time step against {@link #largestStableTimeStep}.
     *
     * @throws IllegalArgumentException naming the time step and the largest stable one
     */
    @Override
    public void checkCfl(AtmosphereState initial, Tensor[] p) {
        double limit = largestStableTimeStep(initial, p);
        if (timeStep > limit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "time step %.1f s is unstable for this state and these terms (%s); use at most %.1f s%s", timeStep,
                    integrator.name(), limit, filter == TendencyFilter.NONE ? " or a polar filter" : ""));
        }
    }

    /**
     * Checks a state after {@code step} steps.
     *
     * @throws BlowUpException naming the step, field, level and location of the first bad value
     */
    @Override
    public void checkHealth(long step, AtmosphereState s) {
        Tensor[] fields = s.toArray();
        int n = grid.nx() * grid.ny();
        for (int f = 0; f < fields.length; f++) {
            double[] x = fields[f].values();
            for (int idx = 0; idx < x.length; idx++) {
                double value = x[idx];
                String reason = null;
                if (!Double.isFinite(value)) {
                    reason = "is not finite";
                } else if (f >= 2 && value <= 0) {
                    reason = f == 2 ? "is not a positive temperature" : "is not a positive pressure";
                } else if (f < 2 && Math.abs(value) > MAX_SPEED) {
                    reason = "exceeds " + MAX_SPEED + " m/s";
                }
                if (reason != null) {
                    int level = idx / n;
                    int j = (idx % n) / grid.nx();
                    int i = idx % grid.nx();
                    Location loc = s.locations()[f];
                    String where = String.format(Locale.ROOT, "%slon %.2f, lat %.2f deg",
                            f == 3 ? "" : "level " + level + " (sigma " + dynamics.sigma().midLevel(level) + "), ",
                            Math.toDegrees(grid.x(loc, i)), Math.toDegrees(grid.y(loc, j)));
                    throw new BlowUpException((int) Math.min(step, Integer.MAX_VALUE), AtmosphereState.NAMES[f], j, i,
                            value, where, reason);
                }
            }
        }
    }

    /** Builds an {@link AtmosphereModel}; defaults: flat ground, no terms, SSP-RK3, no filter ({@link TendencyFilter#NONE}). */
    public static final class Builder {
        private final LatLonGrid grid;
        private final SigmaCoordinate sigma;
        private final List<AtmosphereTerm> terms = new ArrayList<>();
        private Integrator integrator = new SspRk3();
        private TendencyFilter filter = TendencyFilter.NONE;
        private double timeStep = Double.NaN;
        private double[] surfaceGeopotential;

        private Builder(LatLonGrid grid, SigmaCoordinate sigma) {
            this.grid = grid;
            this.sigma = sigma;
        }

        /** The surface geopotential Phi_s = g z_s at the centres [m^2/s^2], [ny * nx] values. */
        public Builder surfaceGeopotential(double[] phis) {
            this.surfaceGeopotential = phis;
            return this;
        }

        public Builder term(AtmosphereTerm t) {
            terms.add(t);
            return this;
        }

        public Builder integrator(Integrator i) {
            this.integrator = i;
            return this;
        }

        /** A filter of the total tendency, such as a {@link PolarFilter}. */
        public Builder filter(TendencyFilter f) {
            this.filter = f;
            return this;
        }

        public Builder timeStep(double dt) {
            this.timeStep = dt;
            return this;
        }

        public AtmosphereModel build() {
            return new AtmosphereModel(this);
        }
    }
}
