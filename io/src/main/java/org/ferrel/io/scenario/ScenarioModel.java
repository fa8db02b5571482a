package org.ferrel.io.scenario;

import java.util.ArrayList;
import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.Galewsky;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Diffusion;
import org.ferrel.dycore.model.Hyperdiffusion;
import org.ferrel.dycore.model.ImplicitMeridionalDiffusion;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.NewtonianRelaxation;
import org.ferrel.dycore.model.RayleighDrag;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.dycore.time.Rk4;
import org.ferrel.dycore.time.SspRk3;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.scenario.Scenario.DiffusionSpec;
import org.ferrel.io.scenario.Scenario.DragSpec;
import org.ferrel.io.scenario.Scenario.HyperdiffusionSpec;
import org.ferrel.io.scenario.Scenario.ImplicitDiffusionSpec;
import org.ferrel.io.scenario.Scenario.RelaxationSpec;
import org.ferrel.io.scenario.Scenario.TermSpec;

/**
 * Builds the {@link Model}, its initial state and default parameters from a {@link Scenario}.
 * Problems found only once the model exists (an unstable time step, an initial file on another
 * grid) are reported as {@link ConfigException}s naming the scenario key that causes them.
 *
 * @param grid       the model grid
 * @param model      the model
 * @param initial    the initial state
 * @param parameters default parameter values, in the order of {@link Model#parameters()}
 */
public record ScenarioModel(LatLonGrid grid, Model model, State initial, Tensor[] parameters) {

    /** Builds the model and its initial state, and checks the time step (CFL and damping limits). */
    public static ScenarioModel build(Scenario s, Ops o) {
        return build(s, o, null);
    }

    /**
     * Builds the model; with {@code given} fields (a restart's state and topography) an initial file
     * is not read again.
     */
    static ScenarioModel build(Scenario s, Ops o, InitialFields given) {
        if (Double.isNaN(s.dynamics().timeStep())) {
            throw new IllegalArgumentException("resolve the automatic time step first (ScenarioModel.resolveTimeStep)");
        }
        LatLonGrid grid = s.grid().toGrid();
        InitialFields init = given != null && s.initial().builtIn() == null ? given : perturbed(initialFields(s, grid, o), s, grid, o);
        Model.Builder b = Model.builder(grid)
                .gravity(s.dynamics().gravity())
                .timeStep(s.dynamics().timeStep())
                .integrator(s.dynamics().integrator().equals("rk4") ? new Rk4() : new SspRk3())
                .topography(init.topography())
                .coriolis(init.coriolis());
        if (!Double.isNaN(s.dynamics().polarFilterLatitude())) {
            b.filter(new PolarFilter(grid, Math.toRadians(s.dynamics().polarFilterLatitude())));
        }
        for (TermSpec t : s.terms()) {
            switch (t) {
                case HyperdiffusionSpec h -> b.term(new Hyperdiffusion(h.coefficient(), h.depth(), radians(h.polarScalingLatitude())));
                case DiffusionSpec d -> b.term(new Diffusion(d.coefficient(), d.depth(), radians(d.polarScalingLatitude())));
                case DragSpec d -> b.term(new RayleighDrag(d.rate()));
                case RelaxationSpec r -> b.term(new NewtonianRelaxation(r.timeScale(), init.state().h().values().clone(), grid));
                case ImplicitDiffusionSpec d -> b.implicitTerm(new ImplicitMeridionalDiffusion(d.coefficient()));
                case Scenario.ProvidedTermSpec p -> b.term(p.builder().build(grid, init.state().h().values()));
            }
        }
        Model model = b.build();
        Tensor[] p = withValues(s, model, model.defaultParameters(o), o);
        try {
            model.checkCfl(init.state(), p);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.origin(), s.line("dynamics.timeStep"), "dynamics.timeStep", e.getMessage());
        }
        return new ScenarioModel(grid, model, init.state(), p);
    }

    /** The model's default parameters with the scenario's {@code parameters:} values put in, checked by name and size. */
    private static Tensor[] withValues(Scenario s, Model model, Tensor[] defaults, Ops o) {
        Tensor[] p = defaults.clone();
        for (var e : s.parameterValues().entrySet()) {
            int index = -1;
            for (int k = 0; k < model.parameters().size(); k++) {
                if (model.parameters().get(k).name().equals(e.getKey())) {
                    index = k;
                }
            }
            String key = "parameters." + e.getKey();
            if (index < 0) {
                throw new ConfigException(s.origin(), s.line(key), key, "unknown parameter; the model has "
                        + model.parameters().stream().map(org.ferrel.dycore.model.Parameter::name).toList());
            }
            org.ferrel.dycore.model.Parameter d = model.parameters().get(index);
            double[] v = e.getValue();
            if (v.length != d.size()) {
                throw new ConfigException(s.origin(), s.line(key), key, "expected " + d.size() + " value" + (d.size() == 1 ? "" : "s")
                        + " (shape " + d.shape() + "), got " + v.length);
            }
            for (double x : v) {
                if (!(x >= d.lower() && x <= d.upper())) {
                    throw new ConfigException(s.origin(), s.line(key), key, "value " + x + " outside the bounds [" + d.lower() + ", "
                            + d.upper() + "] " + d.units());
                }
            }
            p[index] = o.constant(d.shape(), v);
        }
        return p;
    }

    /** Steps that divide an hour, and multiples of an hour, in seconds: the candidates of an automatic time step. */
    private static final double[] CANDIDATES = {86400, 43200, 21600, 14400, 10800, 7200, 3600, 1800, 1200, 900, 720, 600, 450,
        400, 360, 300, 240, 225, 200, 180, 150, 120, 100, 90, 75, 72, 60, 50, 45, 40, 36, 30, 25, 24, 20, 18, 15, 12, 10, 9, 8, 6,
        5, 4, 3, 2, 1};

    /**
     * The scenario with its time step chosen when it is {@code auto}: the largest of the round steps
     * above that is at most 90 % of the largest stable step of the initial state (gravity waves and
     * damping terms, {@link Model#largestStableTimeStep}) and divides the output and restart intervals
     * and the run length. A given time step is returned unchanged.
     */
    public static Scenario resolveTimeStep(Scenario s, Ops o) {
        if (!Double.isNaN(s.dynamics().timeStep())) {
            return s;
        }
        ScenarioModel provisional = build(s.withTimeStep(1.0), o);
        double limit = provisional.model().largestStableTimeStep(provisional.initial(), provisional.parameters());
        for (double dt : CANDIDATES) {
            if (dt <= 0.9 * limit && divides(dt, s.output().interval()) && divides(dt, s.restart().interval())
                    && divides(dt, s.run().length())) {
                Scenario resolved = s.withTimeStep(dt);
                ScenarioFile.checkIntervals(resolved, s.origin());
                return resolved;
            }
        }
        throw new ConfigException(s.origin(), s.line("output.interval"), "dynamics.timeStep", String.format(java.util.Locale.ROOT,
                "no round time step below the stability limit %.1f s divides the output interval; give timeStep explicitly", limit));
    }

    private static boolean divides(double dt, double interval) {
        double r = interval / dt;
        return Math.abs(r - Math.rint(r)) < 1e-9 * Math.max(1, r);
    }

    private static double radians(double degrees) {
        return Double.isNaN(degrees) ? Double.NaN : Math.toRadians(degrees);
    }

    /** The initial fields with the scenario's perturbation of h added (unchanged when there is none). */
    private static InitialFields perturbed(InitialFields f, Scenario s, LatLonGrid grid, Ops o) {
        InitialPerturbation p = s.initial().perturbation();
        if (p.isNone()) {
            return f;
        }
        State st = f.state();
        return new InitialFields(new State(o.constant(grid.shape(), p.applyTo(st.h().values(), grid)), st.u(), st.v()),
                f.topography(), f.coriolis());
    }

    /** The initial state with the topography and Coriolis field that go with it. */
    record InitialFields(State state, double[] topography, double[] coriolis) {
    }

    private static InitialFields initialFields(Scenario s, LatLonGrid grid, Ops o) {
        Scenario.InitialSpec spec = s.initial();
        if (spec.builtIn() == null) {
            InitialFile.Fields f = InitialFile.read(s, grid);
            return new InitialFields(new State(o.constant(grid.shape(), f.h()), o.constant(grid.shape(), f.u()),
                    o.constant(grid.shape(), f.v())), f.topography(), null);
        }
        InitialCondition ic = switch (spec.builtIn()) {
            case "williamson2" -> Williamson.case2(Math.toRadians(spec.alpha()));
            case "williamson5" -> Williamson.case5();
            case "williamson6" -> Williamson.case6();
            case "galewsky" -> Galewsky.jet(false);
            case "galewsky-perturbed" -> Galewsky.jet(true);
            case "rest" -> new InitialCondition() {
                @Override
                public double depth(double lon, double lat) {
                    return spec.depth();
                }

                @Override
                public double u(double lon, double lat) {
                    return 0;
                }

                @Override
                public double v(double lon, double lat) {
                    return 0;
                }
            };
            default -> throw new IllegalStateException(spec.builtIn());
        };
        return new InitialFields(ic.state(o, grid), ic.topography(grid), ic.coriolis(grid));
    }

    /** Parameter names of the model, for messages. */
    public List<String> parameterNames() {
        List<String> n = new ArrayList<>();
        model.parameters().forEach(p -> n.add(p.name()));
        return n;
    }
}
