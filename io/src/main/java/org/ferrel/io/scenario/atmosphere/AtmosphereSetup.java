package org.ferrel.io.scenario.atmosphere;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.JablonowskiWilliamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.primitive.AtmosphereHyperdiffusion;
import org.ferrel.dycore.primitive.AtmosphereModel;
import org.ferrel.dycore.primitive.AtmosphereState;
import org.ferrel.dycore.primitive.HeldSuarez;
import org.ferrel.dycore.primitive.PrimitiveEquations;
import org.ferrel.dycore.primitive.SigmaCoordinate;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.dycore.time.Rk4;
import org.ferrel.dycore.time.SspRk3;
import org.ferrel.io.FerrelVersion;
import org.ferrel.io.netcdf.LatLonRecordWriter;
import org.ferrel.io.netcdf.VariableInfo;
import org.ferrel.io.scenario.BuiltModel;
import org.ferrel.io.scenario.InitialPerturbation;
import org.ferrel.io.scenario.Observable;
import org.ferrel.io.scenario.ObservedLevel;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioModels;

/**
 * The atmosphere family's {@link BuiltModel}: the {@link AtmosphereModel} of a scenario with its
 * initial state, parameters, output variables and observable fields. Every output variable is at the
 * cell centres: u and v averaged from their faces, on the sigma levels {@code lev} (CF
 * {@code atmosphere_sigma_coordinate}, {@code p = lev * surface_pressure}).
 *
 * @param grid    the model grid
 * @param model   the model
 * @param initial the initial state
 * @param parameters default parameter values with the scenario's put in
 */
public record AtmosphereSetup(LatLonGrid grid, AtmosphereModel model, AtmosphereState initial, Tensor[] parameters)
        implements BuiltModel<AtmosphereState> {

    /** Every output variable. */
    public static final List<String> OUTPUT = List.of("u", "v", "temperature", "geopotential_height", "surface_pressure",
            "surface_geopotential");

    private static final List<VariableInfo> CATALOGUE = List.of(
            new VariableInfo("u", "m s-1", "eastward wind (averaged to cell centres)", "eastward_wind"),
            new VariableInfo("v", "m s-1", "northward wind (averaged to cell centres)", "northward_wind"),
            new VariableInfo("temperature", "K", "air temperature", "air_temperature", "area: mean"),
            new VariableInfo("geopotential_height", "m", "geopotential height Phi / g at the layer midpoints", "geopotential_height",
                    "area: mean"),
            new VariableInfo("surface_pressure", "Pa", "surface air pressure", "surface_air_pressure", "area: mean"),
            new VariableInfo("surface_geopotential", "m2 s-2", "surface geopotential Phi_s", "surface_geopotential", "area: mean"));

    private static final List<VariableInfo> SERIES = List.of(
            new VariableInfo("total_mass", "kg", "total mass of the atmosphere: area integral of ps / g", null),
            new VariableInfo("total_energy", "J", "total energy: area integral of (ps / g) sum_k dsigma_k (K + cp T) + ps Phi_s / g",
                    null));

    /** Observable fields; all but surface_pressure need a sigma or pressure level. */
    public static final List<String> OBSERVABLE = List.of("temperature", "u", "v", "geopotential_height", "surface_pressure");

    /** Builds the model and its initial state, and checks the time step. */
    static AtmosphereSetup build(Scenario s, Ops o) {
        if (Double.isNaN(s.dynamics().timeStep())) {
            throw new IllegalArgumentException("resolve the automatic time step first (ScenarioModels.resolveTimeStep)");
        }
        AtmosphereSpec spec = AtmosphereFamily.spec(s);
        LatLonGrid grid = s.grid().toGrid();
        SigmaCoordinate sigma = spec.sigma();
        AtmosphereModel.Builder b = AtmosphereModel.builder(grid, sigma)
                .timeStep(s.dynamics().timeStep())
                .integrator(s.dynamics().integrator().equals("rk4") ? new Rk4() : new SspRk3());
        if (!Double.isNaN(s.dynamics().polarFilterLatitude())) {
            b.filter(new PolarFilter(grid, Math.toRadians(s.dynamics().polarFilterLatitude())));
        }
        if (spec.heldSuarez()) {
            b.term(new HeldSuarez());
        }
        AtmosphereSpec.Diffusion d = spec.diffusion();
        if (!d.isNone()) {
            b.term(new AtmosphereHyperdiffusion(Double.isNaN(d.coefficient())
                    ? AtmosphereHyperdiffusion.forTimeScale(grid, d.timeScale()) : d.coefficient()));
        }
        AtmosphereState initial;
        AtmosphereSpec.Initial init = spec.initial();
        switch (init.builtIn()) {
            case "jablonowski-williamson-steady" -> {
                initial = JablonowskiWilliamson.steadyState(o, grid, sigma);
                b.surfaceGeopotential(JablonowskiWilliamson.surfaceGeopotential(grid));
            }
            case "jablonowski-williamson-wave" -> {
                initial = JablonowskiWilliamson.baroclinicWave(o, grid, sigma);
                b.surfaceGeopotential(JablonowskiWilliamson.surfaceGeopotential(grid));
            }
            case "rest" -> initial = rest(o, grid, sigma, init);
            default -> throw new IllegalStateException(init.builtIn());
        }
        initial = perturbed(o, grid, initial, init.perturbation());
        AtmosphereModel model = b.build();
        Tensor[] p = ScenarioModels.withValues(s, model, model.defaultParameters(o), o);
        ScenarioModels.checkTimeStep(s, model, initial, p);
        return new AtmosphereSetup(grid, model, initial, p);
    }

    /** At rest, isothermal, uniform surface pressure, with seeded white noise in the temperature. */
    private static AtmosphereState rest(Ops o, LatLonGrid grid, SigmaCoordinate sigma, AtmosphereSpec.Initial init) {
        Shape shape = Shape.of(sigma.levels(), grid.ny(), grid.nx());
        double[] t = new double[shape.size()];
        Random r = new Random(init.seed());
        for (int i = 0; i < t.length; i++) {
            t[i] = init.temperature() + init.noise() * r.nextGaussian();
        }
        return new AtmosphereState(o.zeros(shape), o.zeros(shape), o.constant(shape, t),
                o.full(grid.shape(), init.surfacePressure()));
    }

    /** The temperature of every level plus one smooth random field [K]. */
    private static AtmosphereState perturbed(Ops o, LatLonGrid grid, AtmosphereState s, InitialPerturbation p) {
        if (p.isNone()) {
            return s;
        }
        double[] f = p.field(grid);
        double[] t = s.temperature().values().clone();
        for (int i = 0; i < t.length; i++) {
            t[i] += f[i % f.length];
        }
        return new AtmosphereState(s.u(), s.v(), o.constant(s.temperature().shape(), t), s.surfacePressure());
    }

    private PrimitiveEquations dynamics() {
        return model.dynamics();
    }

    @Override
    public List<VariableInfo> describe(List<String> variables) {
        return variables.stream().map(n -> CATALOGUE.stream().filter(v -> v.name().equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown output variable '" + n + "'"))).toList();
    }

    @Override
    public List<String> staticVariables() {
        return List.of("surface_geopotential");
    }

    @Override
    public boolean onLevels(String variable) {
        return switch (variable) {
            case "u", "v", "temperature", "geopotential_height" -> true;
            default -> false;
        };
    }

    @Override
    public LatLonRecordWriter.VerticalAxis verticalAxis() {
        SigmaCoordinate sigma = model.sigma();
        double[] mid = new double[sigma.levels()];
        for (int k = 0; k < mid.length; k++) {
            mid[k] = sigma.midLevel(k);
        }
        Map<String, String> a = new LinkedHashMap<>();
        a.put("standard_name", "atmosphere_sigma_coordinate");
        a.put("long_name", "sigma = p / surface_pressure at the layer midpoints");
        a.put("units", "1");
        a.put("positive", "down");
        a.put("axis", "Z");
        a.put("formula_terms", "sigma: lev ps: surface_pressure ptop: ptop");
        return new LatLonRecordWriter.VerticalAxis("lev", mid, a, Map.of("ptop", 0.0));
    }

    @Override
    public double[][] fields(Ops o, AtmosphereState s, ParameterValues p, List<String> variables) {
        CGridOperators g = dynamics().operators();
        double[][] out = new double[variables.size()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = switch (variables.get(k)) {
                case "u" -> g.uToCenter(o, s.u()).values().clone();
                case "v" -> g.vToCenter(o, s.v()).values().clone();
                case "temperature" -> s.temperature().values().clone();
                case "geopotential_height" -> geopotentialHeight(o, s, p).values().clone();
                case "surface_pressure" -> s.surfacePressure().values().clone();
                case "surface_geopotential" -> p.get(AtmosphereModel.SURFACE_GEOPOTENTIAL).values().clone();
                default -> throw new IllegalArgumentException("unknown output variable '" + variables.get(k) + "'");
            };
        }
        return out;
    }

    private Tensor geopotentialHeight(Ops o, AtmosphereState s, ParameterValues p) {
        return o.mul(dynamics().geopotential(o, s.temperature(), p.get(AtmosphereModel.SURFACE_GEOPOTENTIAL)),
                1.0 / PrimitiveEquations.GRAVITY);
    }

    @Override
    public List<VariableInfo> series() {
        return SERIES;
    }

    @Override
    public double[] series(Ops o, AtmosphereState s, ParameterValues p) {
        return new double[] {dynamics().mass(o, s).item(),
            dynamics().totalEnergy(o, s, p.get(AtmosphereModel.SURFACE_GEOPOTENTIAL)).item()};
    }

    @Override
    public Map<String, String> attributes(Scenario s) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("title", s.description().isEmpty() ? "Ferrel atmosphere run '" + s.name() + "'" : s.description());
        a.put("source", "Ferrel " + FerrelVersion.VERSION + ", dry hydrostatic primitive equations in sigma on the lat-lon C-grid, "
                + model.sigma().levels() + " levels");
        a.put("references", "Simmons and Burridge (1981), Mon. Wea. Rev. 109, 758-766; Held and Suarez (1994), BAMS 75,"
                + " 1825-1830; Jablonowski and Williamson (2006), QJRMS 132, 2943-2975");
        return a;
    }

    @Override
    public List<String> stateNames() {
        return List.of(AtmosphereState.NAMES);
    }

    @Override
    public List<String> stateUnits() {
        return List.of("m s-1", "m s-1", "K", "Pa");
    }

    @Override
    public List<String> observableFields() {
        return OBSERVABLE;
    }

    @Override
    public Observable<AtmosphereState> observable(String field, ObservedLevel level) {
        if (!OBSERVABLE.contains(field)) {
            throw new IllegalArgumentException("the atmosphere has no observable field '" + field + "'; it has " + OBSERVABLE);
        }
        if (field.equals("surface_pressure")) {
            if (level.kind() != ObservedLevel.Kind.NONE) {
                throw new IllegalArgumentException("surface_pressure is a surface field: it has no level " + level);
            }
            return new Observable<>(field, "Pa", "surface air pressure", (o, s, p) -> s.surfacePressure());
        }
        if (level.kind() == ObservedLevel.Kind.NONE) {
            throw new IllegalArgumentException("'" + field + "' is on the model levels: give its level (sigma: 0.995, or"
                    + " pressure: 850 [hPa])");
        }
        CGridOperators g = dynamics().operators();
        SigmaCoordinate sigma = model.sigma();
        double[] levels = new double[sigma.levels()];
        for (int k = 0; k < levels.length; k++) {
            levels[k] = Math.log(sigma.midLevel(k));
        }
        String units = switch (field) {
            case "temperature" -> "K";
            case "geopotential_height" -> "m";
            default -> "m s-1";
        };
        Observable.Field<AtmosphereState> onLevels = switch (field) {
            case "temperature" -> (o, s, p) -> s.temperature();
            case "u" -> (o, s, p) -> g.uToCenter(o, s.u());
            case "v" -> (o, s, p) -> g.vToCenter(o, s.v());
            default -> this::geopotentialHeight;
        };
        double value = level.value();
        boolean pressure = level.kind() == ObservedLevel.Kind.PRESSURE;
        return new Observable<>(field + " " + level, units, field + " " + level + ", interpolated linearly in ln sigma",
                (o, s, p) -> {
                    Tensor target = pressure ? o.sub(o.full(grid.shape(), Math.log(value)), o.log(s.surfacePressure()))
                            : o.full(grid.shape(), Math.log(value));
                    return VerticalInterpolation.at(o, onLevels.at(o, s, p), levels, target);
                });
    }
}
