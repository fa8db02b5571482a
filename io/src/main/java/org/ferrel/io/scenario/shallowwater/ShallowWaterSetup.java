package org.ferrel.io.scenario.shallowwater;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.operators.CGridOperators;
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
import org.ferrel.dycore.model.DynamicalModel;
import org.ferrel.dycore.time.ImexRungeKutta;
import org.ferrel.dycore.time.Rk4;
import org.ferrel.dycore.time.SspRk3;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.netcdf.LatLonRecordWriter;
import org.ferrel.io.netcdf.VariableInfo;
import org.ferrel.io.scenario.BuiltModel;
import org.ferrel.io.scenario.InitialPerturbation;
import org.ferrel.io.scenario.Observable;
import org.ferrel.io.scenario.ObservedLevel;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioModels;
import org.ferrel.io.scenario.shallowwater.ShallowWaterSpec.DiffusionSpec;
import org.ferrel.io.scenario.shallowwater.ShallowWaterSpec.DragSpec;
import org.ferrel.io.scenario.shallowwater.ShallowWaterSpec.HyperdiffusionSpec;
import org.ferrel.io.scenario.shallowwater.ShallowWaterSpec.ImplicitDiffusionSpec;
import org.ferrel.io.scenario.shallowwater.ShallowWaterSpec.RelaxationSpec;
import org.ferrel.io.scenario.shallowwater.ShallowWaterSpec.TermSpec;

/**
 * The shallow-water family's {@link BuiltModel}: builds the {@link Model}, its initial state and
 * default parameters from a {@link Scenario}, and says what of it is output and observed.
 * Problems found only once the model exists (an unstable time step, an initial file on another
 * grid) are reported as {@link ConfigException}s naming the scenario key that causes them.
 *
 * @param grid       the model grid
 * @param model      the model
 * @param initial    the initial state
 * @param parameters default parameter values, in the order of {@link Model#parameters()}
 */
public record ShallowWaterSetup(LatLonGrid grid, Model model, State initial, Tensor[] parameters) implements BuiltModel<State> {

    /** Builds the model and its initial state, and checks the time step (CFL and damping limits). */
    public static ShallowWaterSetup build(Scenario s, Ops o) {
        return build(s, o, null);
    }

    /**
     * Builds the model; with {@code given} fields (a restart's state and topography) an initial file
     * is not read again.
     */
    static ShallowWaterSetup build(Scenario s, Ops o, InitialFields given) {
        if (Double.isNaN(s.dynamics().timeStep())) {
            throw new IllegalArgumentException("resolve the automatic time step first (ScenarioModels.resolveTimeStep)");
        }
        LatLonGrid grid = s.grid().toGrid();
        InitialFields init = given != null && ShallowWaterFamily.spec(s).initial().builtIn() == null ? given : perturbed(initialFields(s, grid, o), s, grid, o);
        Model.Builder b = Model.builder(grid)
                .gravity(s.dynamics().gravity())
                .timeStep(s.dynamics().timeStep())
                .integrator(s.dynamics().integrator().equals("rk4") ? new Rk4() : new SspRk3())
                .topography(init.topography())
                .coriolis(init.coriolis());
        if (s.dynamics().integrator().equals(ShallowWaterSpec.SEMI_IMPLICIT)) {
            double h0 = ShallowWaterFamily.spec(s).referenceDepth();
            if (Double.isNaN(h0)) {
                h0 = 100 * Math.ceil(DynamicalModel.max(init.state().h().values()) / 100);
            }
            b.semiImplicit(ImexRungeKutta.sil3(), h0);   // after integrator(...), which clears it
        }
        if (!Double.isNaN(s.dynamics().polarFilterLatitude())) {
            b.filter(new PolarFilter(grid, Math.toRadians(s.dynamics().polarFilterLatitude())));
        }
        for (TermSpec t : ShallowWaterFamily.spec(s).terms()) {
            switch (t) {
                case HyperdiffusionSpec h -> b.term(new Hyperdiffusion(h.coefficient(), h.depth(), radians(h.polarScalingLatitude())));
                case DiffusionSpec d -> b.term(new Diffusion(d.coefficient(), d.depth(), radians(d.polarScalingLatitude())));
                case DragSpec d -> b.term(new RayleighDrag(d.rate()));
                case RelaxationSpec r -> b.term(new NewtonianRelaxation(r.timeScale(), init.state().h().values().clone(), grid));
                case ImplicitDiffusionSpec d -> b.implicitTerm(new ImplicitMeridionalDiffusion(d.coefficient()));
                case ShallowWaterSpec.ProvidedTermSpec p -> b.term(p.builder().build(grid, init.state().h().values()));
            }
        }
        Model model = b.build();
        Tensor[] p = ScenarioModels.withValues(s, model, model.defaultParameters(o), o);
        ScenarioModels.checkTimeStep(s, model, init.state(), p);
        return new ShallowWaterSetup(grid, model, init.state(), p);
    }

    private static double radians(double degrees) {
        return Double.isNaN(degrees) ? Double.NaN : Math.toRadians(degrees);
    }

    /** The initial fields with the scenario's perturbation of h added (unchanged when there is none). */
    private static InitialFields perturbed(InitialFields f, Scenario s, LatLonGrid grid, Ops o) {
        InitialPerturbation p = ShallowWaterFamily.spec(s).initial().perturbation();
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
        ShallowWaterSpec.InitialSpec spec = ShallowWaterFamily.spec(s).initial();
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

    /** A restart's state and topography, so that a resumed run does not read its initial file again. */
    static InitialFields fieldsOf(org.ferrel.io.netcdf.RestartFile.Restart r) {
        double[] b = r.parameters().stream().filter(a -> a.name().equals(Model.TOPOGRAPHY)).findFirst()
                .map(org.ferrel.io.netcdf.RestartFile.NamedArray::values)
                .orElseThrow(() -> new IllegalArgumentException("the restart holds no topography"));
        int[] shape = r.stateField("h").shape();
        org.ferrel.autodiff.Eager o = org.ferrel.autodiff.Eager.serial();
        org.ferrel.autodiff.Shape sh = org.ferrel.autodiff.Shape.of(shape);
        return new InitialFields(new State(o.constant(sh, r.stateField("h").values()),
                o.constant(sh, r.stateField("u").values()), o.constant(sh, r.stateField("v").values())), b, null);
    }

    @Override
    public List<VariableInfo> describe(List<String> variables) {
        return OutputFields.describe(variables);
    }

    @Override
    public List<String> staticVariables() {
        return OutputFields.STATIC;
    }

    @Override
    public boolean onLevels(String variable) {
        return false;
    }

    @Override
    public LatLonRecordWriter.VerticalAxis verticalAxis() {
        return null;
    }

    @Override
    public double[][] fields(Ops o, State state, ParameterValues p, List<String> variables) {
        return OutputFields.compute(variables, o, model.operators(), state, p.get(Model.TOPOGRAPHY).values());
    }

    @Override
    public List<VariableInfo> series() {
        return OutputFields.SERIES;
    }

    @Override
    public double[] series(Ops o, State state, ParameterValues p) {
        return OutputFields.series(o, model, state, p);
    }

    @Override
    public Map<String, String> attributes(Scenario s) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("title", s.description().isEmpty() ? "Ferrel shallow-water run '" + s.name() + "'" : s.description());
        a.put("source", "Ferrel " + org.ferrel.io.FerrelVersion.VERSION + ", shallow-water dynamical core on the lat-lon C-grid");
        a.put("references", "Williamson et al. (1992), J. Comput. Phys. 102, 211-224");
        return a;
    }

    @Override
    public List<String> stateNames() {
        return List.of(State.NAMES);
    }

    @Override
    public List<String> stateUnits() {
        return List.of("m", "m s-1", "m s-1");
    }

    /** The observable fields: free-surface height, layer depth, and the velocity components at the centres. */
    public static final List<String> OBSERVABLE = List.of("surface", "depth", "u", "v");

    @Override
    public List<String> observableFields() {
        return OBSERVABLE;
    }

    @Override
    public Observable<State> observable(String field, ObservedLevel level) {
        if (level.kind() != ObservedLevel.Kind.NONE) {
            throw new IllegalArgumentException("the shallow-water model has one layer: '" + field + "' has no level " + level);
        }
        return observable(model, field);
    }

    /**
     * A field of a shallow-water model as observations see it: surface, depth, u or v at the centres.
     *
     * @throws IllegalArgumentException for another name, listing these
     */
    public static Observable<State> observable(Model model, String field) {
        CGridOperators g = model.operators();
        return switch (field) {
            case "surface" -> new Observable<>("surface", "m", "free-surface height h + b (the analogue of geopotential height)",
                    (o, s, p) -> o.add(s.h(), p.get(Model.TOPOGRAPHY)));
            case "depth" -> new Observable<>("depth", "m", "layer depth h", (o, s, p) -> s.h());
            case "u" -> new Observable<>("u", "m s-1", "eastward velocity at the centres", (o, s, p) -> g.uToCenter(o, s.u()));
            case "v" -> new Observable<>("v", "m s-1", "northward velocity at the centres", (o, s, p) -> g.vToCenter(o, s.v()));
            default -> throw new IllegalArgumentException("the shallow-water model has no observable field '" + field + "'; it has "
                    + OBSERVABLE);
        };
    }
}
