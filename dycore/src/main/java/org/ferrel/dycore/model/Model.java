package org.ferrel.dycore.model;

import java.util.ArrayList;
import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.shallowwater.LinearGravityWaves;
import org.ferrel.dycore.shallowwater.ShallowWaterDynamics;
import org.ferrel.dycore.shallowwater.TendencyKernel;
import org.ferrel.dycore.time.ImexEquation;
import org.ferrel.dycore.time.ImexIntegrator;
import org.ferrel.dycore.time.Integrator;
import org.ferrel.dycore.time.SspRk3;

/**
 * A shallow-water model: the dynamics, a list of tendency terms, an optional filter of the total
 * tendency, an integrator with a fixed time step, and implicit terms applied after it. Its parameters are gravity, the topography
 * field and those the terms declare, in that order; one step is a pure function of (state,
 * parameters), usable by {@link org.ferrel.autodiff.loop.TimeLoop} for gradients.
 *
 * <p>Semi-implicit ({@link Builder#semiImplicit}): the gravity waves linearised about a reference
 * depth ({@link LinearGravityWaves}) are stepped implicitly by an {@link ImexIntegrator}, the rest
 * of the tendency (advection, Coriolis, the nonlinear remainder of the gravity-wave terms, the
 * terms) explicitly; the filter then applies to that explicit part only.
 */
public final class Model implements DynamicalModel<State> {
    public static final String GRAVITY = "gravity";
    public static final String TOPOGRAPHY = "topography";
    /** Standard gravity of Williamson et al. (1992) [m/s^2]. */
    public static final double STANDARD_GRAVITY = 9.80616;

    private final Grid grid;
    private final CGridOperators operators;
    private final TendencyKernel dynamics;
    private final List<TendencyTerm> terms;
    private final List<ImplicitTerm> implicitTerms;
    private final Integrator integrator;
    /** The implicitly stepped gravity waves of a semi-implicit model; null for an explicit one. */
    private final LinearGravityWaves gravityWaves;
    private final TendencyFilter filter;
    private final double timeStep;
    private final double gravity;
    private final double[] topography;
    private final List<Parameter> parameters;

    private Model(Builder b) {
        this.grid = b.grid;
        this.operators = new CGridOperators(b.grid, b.coriolis);
        this.dynamics = new TendencyKernel(operators);
        this.terms = List.copyOf(b.terms);
        this.implicitTerms = List.copyOf(b.implicitTerms);
        this.integrator = b.integrator;
        this.gravityWaves = Double.isNaN(b.referenceDepth) ? null
                : new LinearGravityWaves(operators, b.gravity, b.referenceDepth);
        this.filter = b.filter;
        this.timeStep = b.timeStep;
        this.gravity = b.gravity;
        this.topography = b.topography != null ? b.topography.clone() : new double[grid.nx() * grid.ny()];
        if (topography.length != grid.nx() * grid.ny()) {
            throw new IllegalArgumentException("topography has " + topography.length + " values, the grid " + grid.shape()
                    + " needs " + grid.nx() * grid.ny());
        }
        if (!(timeStep > 0)) {
            throw new IllegalArgumentException("time step must be positive, got " + timeStep);
        }
        List<Parameter> all = new ArrayList<>();
        all.add(Parameter.scalar(GRAVITY, "m/s^2", 0.01, 100.0, "g in the pressure gradient -g grad(h + b)"));
        all.add(new Parameter(TOPOGRAPHY, "m", grid.shape(), -1.1e4, 1e4, "bottom topography b"));
        for (TendencyTerm t : terms) {
            all.addAll(t.parameters());
        }
        for (ImplicitTerm t : implicitTerms) {
            all.addAll(t.parameters());
        }
        this.parameters = DynamicalModel.declared(all);
    }

    public static Builder builder(Grid grid) {
        return new Builder(grid);
    }

    @Override
    public Grid grid() {
        return grid;
    }

    public CGridOperators operators() {
        return operators;
    }

    @Override
    public double timeStep() {
        return timeStep;
    }

    @Override
    public Integrator integrator() {
        return integrator;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Default parameter values, in the order of {@link #parameters()}. */
    @Override
    public Tensor[] defaultParameters(Ops o) {
        List<Tensor> v = new ArrayList<>();
        v.add(o.scalar(gravity));
        v.add(o.constant(grid.shape(), topography));
        for (TendencyTerm t : terms) {
            v.addAll(List.of(t.defaults(o)));
        }
        for (ImplicitTerm t : implicitTerms) {
            v.addAll(List.of(t.defaults(o)));
        }
        return v.toArray(new Tensor[0]);
    }

    /** The implicitly stepped gravity waves of a semi-implicit model, or null for an explicit one. */
    public LinearGravityWaves gravityWaves() {
        return gravityWaves;
    }

    /** The total (filtered) tendency. */
    @Override
    public State tendency(Ops o, State s, ParameterValues p) {
        State total = unfilteredTendency(o, s, p);
        State filtered = filter.apply(o, total);
        recycleReplaced(o, total, filtered);
        return filtered;
    }

    /**
     * The explicit part of a semi-implicit model's tendency: the filtered difference between the
     * total tendency and the linear gravity waves.
     */
    public State explicitTendency(Ops o, State s, ParameterValues p) {
        State total = unfilteredTendency(o, s, p);
        State linear = gravityWaves.terms(o, s);
        State rest = total.plusScaled(o, linear, -1.0);
        StateVector.recycle(o, total, linear);
        State filtered = filter.apply(o, rest);
        recycleReplaced(o, rest, filtered);
        return filtered;
    }

    private State unfilteredTendency(Ops o, State s, ParameterValues p) {
        // every field of total is created here (the terms' own outputs are never recycled)
        State total = ShallowWaterDynamics.tendency(o, dynamics, s, p.get(GRAVITY), p.get(TOPOGRAPHY));
        for (TendencyTerm t : terms) {
            State d = t.tendency(o, operators, s, p);
            State sum = new State(plus(o, total.h(), d.h()), plus(o, total.u(), d.u()), plus(o, total.v(), d.v()));
            recycleReplaced(o, total, sum);
            total = sum;
        }
        return total;
    }

    /** Recycles the fields of {@code before} that {@code after} replaced by new tensors. */
    private static void recycleReplaced(Ops o, State before, State after) {
        o.recycle(before.h() == after.h() ? null : before.h(), before.u() == after.u() ? null : before.u(),
                before.v() == after.v() ? null : before.v());
    }

    private static Tensor plus(Ops o, Tensor a, Tensor b) {
        return b == null ? a : o.add(a, b);
    }

    /** One time step: the (explicit or semi-implicit) integrator, then each implicit term in turn. */
    @Override
    public State step(Ops o, State s, ParameterValues p) {
        State next = gravityWaves == null ? integrator.step(o, (ops, x) -> tendency(ops, x, p), s, timeStep)
                : ((ImexIntegrator) integrator).step(o, equation(p), s, timeStep);
        for (ImplicitTerm t : implicitTerms) {
            next = t.apply(o, operators, next, p, timeStep);
        }
        return next;
    }

    /** The semi-implicit model's equation at these parameters: explicit, implicit and implicit-inverse parts. */
    public ImexEquation<State> equation(ParameterValues p) {
        if (gravityWaves == null) {
            throw new IllegalStateException("an explicit model has no implicit part; build it with semiImplicit(...)");
        }
        return new ImexEquation<>() {
            @Override
            public State explicitTerms(Ops o, State x) {
                return explicitTendency(o, x, p);
            }

            @Override
            public State implicitTerms(Ops o, State x) {
                return gravityWaves.terms(o, x);
            }

            @Override
            public State implicitInverse(Ops o, State b, double eta) {
                return gravityWaves.inverse(o, b, eta);
            }
        };
    }

    /**
     * The fastest oscillation the explicit part of the step carries: a wave speed c plus advection
     * on a zonal spacing dx, {@code omega = 2 c sqrt(1/dx^2 + 1/dy^2)}.
     */
    private record Courant(double speed, double dx, double omega) {
    }

    /**
     * The fastest explicit oscillation of this state. An explicit model: the gravity waves of the
     * deepest layer plus the fastest wind, on the smallest effective spacing. A semi-implicit one:
     * only the gravity waves of what the layer's {@code g h} exceeds the implicit {@code g0 H0} by
     * (none when it is shallower), plus advection, row by row (the wind of each row on that row's
     * spacing, at least the filter's effective spacing), since the fast waves no longer tie the
     * fastest wind anywhere to the smallest spacing.
     */
    private Courant fastestExplicit(State initial, double g) {
        double maxDepth = Math.max(DynamicalModel.max(initial.h().values()), 0);
        double dy = grid.dy();
        double dxMin = filter.effectiveMinimumDx(grid);
        if (gravityWaves == null) {
            double c = Math.sqrt(g * maxDepth)
                    + Math.max(DynamicalModel.maxAbs(initial.u().values()), DynamicalModel.maxAbs(initial.v().values()));
            return new Courant(c, dxMin, 2 * c * Math.sqrt(1 / (dxMin * dxMin) + 1 / (dy * dy)));
        }
        double wave = Math.sqrt(Math.max(g * maxDepth - gravityWaves.gravity() * gravityWaves.referenceDepth(), 0));
        double[] u = initial.u().values();
        double[] v = initial.v().values();
        double[] dxRow = grid.dxAtCenterRow();
        int nx = grid.nx();
        Courant fastest = new Courant(0, dxMin, 0);
        for (int j = 0; j < grid.ny(); j++) {
            double wind = 0;
            for (int i = j * nx; i < (j + 1) * nx; i++) {
                wind = Math.max(wind, Math.max(Math.abs(u[i]), Math.abs(v[i])));
            }
            double dx = Math.max(dxRow[j], dxMin);
            double c = wave + wind;
            double omega = 2 * c * Math.sqrt(1 / (dx * dx) + 1 / (dy * dy));
            if (omega > fastest.omega()) {
                fastest = new Courant(c, dx, omega);
            }
        }
        return fastest;
    }

    /**
     * Checks the Courant number of the fastest explicit wave against the integrator's stability
     * limit, {@code 2 (c + |u|) sqrt(1/dx^2 + 1/dy^2) dt <= limit}: with {@code c = sqrt(g h)} on the
     * smallest effective spacing in an explicit model, with {@code c = sqrt(max(g h - g0 H0, 0))} row
     * by row in a semi-implicit one.
     *
     * @throws IllegalArgumentException naming the time step, the Courant number and the largest stable step
     */
    @Override
    public void checkCfl(State initial, Tensor[] p) {
        double g = values(p).get(GRAVITY).item();
        Courant fastest = fastestExplicit(initial, g);
        double dx = filter.effectiveMinimumDx(grid);
        double courant = fastest.omega() * timeStep;
        ParameterValues values = values(p);
        for (TendencyTerm t : terms) {
            double rate = t.maximumDampingRate(grid, dx, values);
            if (rate * timeStep > integrator.realAxisLimit()) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "time step %.1f s is unstable for %s: its fastest damping rate %.3e 1/s gives %.2f > %.2f (%s);"
                                + " use at most %.1f s or a smaller coefficient", timeStep, t.name(), rate, rate * timeStep,
                        integrator.realAxisLimit(), integrator.name(), integrator.realAxisLimit() / rate));
            }
        }
        if (courant > integrator.imaginaryAxisLimit()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "time step %.1f s is unstable: fastest wave speed %.1f m/s on spacing %.0f m gives |omega dt| = %.2f"
                            + " > %.2f (%s); use at most %.1f s%s", timeStep, fastest.speed(), fastest.dx(), courant,
                    integrator.imaginaryAxisLimit(), integrator.name(), integrator.imaginaryAxisLimit() / fastest.omega(),
                    grid instanceof LatLonGrid && filter == TendencyFilter.NONE ? " or a polar filter" : ""));
        }
    }

    /**
     * The largest time step the set-up check of {@link #checkCfl} accepts for this state and these
     * parameters [s]: the smaller of the integrator's imaginary-axis limit over the fastest explicit
     * wave's frequency and its real-axis limit over every term's fastest damping rate.
     */
    @Override
    public double largestStableTimeStep(State initial, Tensor[] p) {
        double g = values(p).get(GRAVITY).item();
        double dx = filter.effectiveMinimumDx(grid);
        double limit = integrator.imaginaryAxisLimit() / fastestExplicit(initial, g).omega();
        ParameterValues values = values(p);
        for (TendencyTerm t : terms) {
            double rate = t.maximumDampingRate(grid, dx, values);
            if (rate > 0) {
                limit = Math.min(limit, integrator.realAxisLimit() / rate);
            }
        }
        return limit;
    }

    @Override
    public State state(Tensor[] fields) {
        return State.of(fields);
    }

    /** Observes a run after each step (the shallow-water form of {@link DynamicalModel.Observer}). */
    @FunctionalInterface
    public interface StepObserver extends DynamicalModel.Observer<State> {
        StepObserver NONE = (k, s) -> { };
    }

    /** Largest speed accepted before a run is declared blown up [m/s]. */
    public static final double MAX_SPEED = 1000.0;

    /**
     * Checks a state after {@code step} steps: all values finite, depths positive, speeds below
     * {@link #MAX_SPEED}.
     *
     * @throws BlowUpException naming the step, field and location of the first bad value
     */
    @Override
    public void checkHealth(long step, State s) {
        Tensor[] fields = s.toArray();
        for (int f = 0; f < fields.length; f++) {
            double[] x = fields[f].values();
            for (int idx = 0; idx < x.length; idx++) {
                double value = x[idx];
                String reason = null;
                if (!Double.isFinite(value)) {
                    reason = "is not finite";
                } else if (f == 0 && value <= 0) {
                    reason = "is not a positive depth";
                } else if (f > 0 && Math.abs(value) > MAX_SPEED) {
                    reason = "exceeds " + MAX_SPEED + " m/s";
                }
                if (reason != null) {
                    int j = idx / grid.nx();
                    int i = idx % grid.nx();
                    throw new BlowUpException((int) Math.min(step, Integer.MAX_VALUE), State.NAMES[f], j, i, value, where(f, i, j), reason);
                }
            }
        }
    }

    private String where(int field, int i, int j) {
        org.ferrel.dycore.grid.Location loc = field == 0 ? org.ferrel.dycore.grid.Location.CENTER
                : field == 1 ? org.ferrel.dycore.grid.Location.U_FACE : org.ferrel.dycore.grid.Location.V_FACE;
        if (grid instanceof LatLonGrid) {
            return String.format(java.util.Locale.ROOT, "lon %.2f, lat %.2f deg", Math.toDegrees(grid.x(loc, i)),
                    Math.toDegrees(grid.y(loc, j)));
        }
        return String.format(java.util.Locale.ROOT, "x %.0f m, y %.0f m", grid.x(loc, i), grid.y(loc, j));
    }

    /** Builds a {@link Model}; defaults: standard gravity, flat bottom, no terms, SSP-RK3, no filter. */
    public static final class Builder {
        private final Grid grid;
        private final List<TendencyTerm> terms = new ArrayList<>();
        private final List<ImplicitTerm> implicitTerms = new ArrayList<>();
        private Integrator integrator = new SspRk3();
        private TendencyFilter filter = TendencyFilter.NONE;
        private double timeStep = Double.NaN;
        private double gravity = STANDARD_GRAVITY;
        private double[] topography;
        private double[] coriolis;
        private double referenceDepth = Double.NaN;

        private Builder(Grid grid) {
            this.grid = grid;
        }

        public Builder gravity(double g) {
            this.gravity = g;
            return this;
        }

        public Builder topography(double[] b) {
            this.topography = b;
            return this;
        }

        /** A Coriolis parameter field at the corners instead of the grid's {@code 2 Omega sin(lat)}. */
        public Builder coriolis(double[] atCorners) {
            this.coriolis = atCorners == null ? null : atCorners.clone();
            return this;
        }

        public Builder term(TendencyTerm t) {
            terms.add(t);
            return this;
        }

        /** A process stepped implicitly after the explicit step (operator splitting). */
        public Builder implicitTerm(ImplicitTerm t) {
            implicitTerms.add(t);
            return this;
        }

        /** An explicit integrator of the whole tendency (clears a semi-implicit choice). */
        public Builder integrator(Integrator i) {
            this.integrator = i;
            this.referenceDepth = Double.NaN;
            return this;
        }

        /**
         * Semi-implicit stepping: the gravity waves linearised about a resting layer of depth
         * {@code referenceDepth} [m] (at least the deepest layer, for stability) implicit, the rest
         * explicit, advanced by {@code scheme} (e.g. {@link org.ferrel.dycore.time.ImexRungeKutta#sil3()}).
         * Needs a grid closed in y (the sphere).
         */
        public Builder semiImplicit(ImexIntegrator scheme, double referenceDepth) {
            if (!(referenceDepth > 0) || Double.isInfinite(referenceDepth)) {
                throw new IllegalArgumentException("semi-implicit reference depth must be positive and finite [m], got "
                        + referenceDepth);
            }
            this.integrator = scheme;
            this.referenceDepth = referenceDepth;
            return this;
        }

        public Builder filter(TendencyFilter f) {
            this.filter = f;
            return this;
        }

        public Builder timeStep(double dt) {
            this.timeStep = dt;
            return this;
        }

        public Model build() {
            return new Model(this);
        }
    }
}
