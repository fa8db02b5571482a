package org.ferrel.calibration.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.DynamicalModel;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.StateVector;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.scenario.BuiltModel;
import org.ferrel.io.scenario.Observable;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;

/**
 * The adjoint sensitivity of a regional, time-averaged diagnostic against central finite differences
 * of the same diagnostic, for a scalar parameter and an initial value, in both model families.
 */
class SensitivityRunnerTest {
    private final Eager ops = Eager.serial();

    static final String SHALLOW_WATER = """
            name: sw
            grid: {resolution: 11.25}
            dynamics: {timeStep: 20 min}
            terms:
              drag: {rate: 2e-6}
            initial: {case: williamson5}
            run: {length: 6 hours}
            output: {interval: 6 hours}
            """;

    static final String ATMOSPHERE = """
            name: hs
            model: atmosphere
            grid: {resolution: 11.25}
            levels: 4
            dynamics: {timeStep: 20 min, polarFilter: 60}
            terms:
              heldSuarez: {}
            initial: {case: rest, temperature: 288, noise: 0.5, seed: 2}
            run: {length: 6 hours}
            output: {interval: 6 hours}
            """;

    private static Sensitivity write(Path dir, String scenario, String diagnostic) throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), scenario);
        Path f = dir.resolve("sensitivity.yaml");
        Files.writeString(f, "name: s\nscenario: scenario.yaml\ndiagnostic:\n" + diagnostic + "checkpoints: 4\n");
        return SensitivityFile.read(f);
    }

    /** J evaluated plainly: the region's area mean of the field, averaged over the last {@code window} steps. */
    private static <S extends StateVector<S>> double diagnostic(BuiltModel<S> b, Observable<S> f, double[] weights, int steps,
                                                               int window, Tensor[] parameters, S initial, Eager o) {
        DynamicalModel<S> m = b.model();
        ParameterValues p = m.values(parameters);
        S s = initial;
        double j = 0;
        for (int k = 1; k <= steps; k++) {
            s = m.step(o, s, p);
            if (k > steps - window) {
                double[] x = f.at(o, s, p).values();
                for (int i = 0; i < x.length; i++) {
                    j += weights[i] * x[i] / window;
                }
            }
        }
        return j;
    }

    private static int index(DynamicalModel<?> m, String name) {
        return m.parameters().stream().map(p -> p.name()).toList().indexOf(name);
    }

    private <S extends StateVector<S>> void checkAgainstFiniteDifferences(Sensitivity s, SensitivityRunner.Result r, String parameter,
                                                                          double h, int field, int cell, double dx) {
        Scenario scenario = ScenarioModels.resolveTimeStep(s.scenario(), ops);
        @SuppressWarnings("unchecked")
        BuiltModel<S> b = (BuiltModel<S>) ScenarioModels.build(scenario, ops);
        Observable<S> f = b.observable(s.field(), s.level());
        double[] w = SensitivityRunner.regionWeights(b.grid(), s.region());
        int steps = (int) Math.round(scenario.run().length() / b.model().timeStep());
        int window = (int) Math.round(s.window() / b.model().timeStep());
        assertEquals(diagnostic(b, f, w, steps, window, b.parameters(), b.initial(), ops), r.value(), 1e-12 * Math.abs(r.value()));

        int k = index(b.model(), parameter);
        Tensor[] up = b.parameters().clone();
        Tensor[] down = b.parameters().clone();
        double p0 = up[k].item();
        up[k] = ops.scalar(p0 + h);
        down[k] = ops.scalar(p0 - h);
        double fd = (diagnostic(b, f, w, steps, window, up, b.initial(), ops)
                - diagnostic(b, f, w, steps, window, down, b.initial(), ops)) / (2 * h);
        double adjoint = r.parameterGradients().get(parameter)[0];
        assertEquals(fd, adjoint, 1e-6 * Math.abs(fd) + 1e-14, parameter);
        assertTrue(Math.abs(adjoint) > 0, "the parameter acts on J");

        Tensor[] x0 = b.initial().toArray();
        Tensor[] plus = x0.clone();
        Tensor[] minus = x0.clone();
        double[] a = x0[field].values().clone();
        double[] c = x0[field].values().clone();
        a[cell] += dx;
        c[cell] -= dx;
        plus[field] = ops.constant(x0[field].shape(), a);
        minus[field] = ops.constant(x0[field].shape(), c);
        double fdx = (diagnostic(b, f, w, steps, window, b.parameters(), b.model().state(plus), ops)
                - diagnostic(b, f, w, steps, window, b.parameters(), b.model().state(minus), ops)) / (2 * dx);
        double adjointX = r.initialGradients().get(b.stateNames().get(field))[cell];
        assertEquals(fdx, adjointX, 1e-6 * Math.abs(fdx) + 1e-14, "initial " + b.stateNames().get(field) + "[" + cell + "]");
    }

    @Test
    void shallowWaterSensitivityMatchesFiniteDifferencesAndIsWritten(@TempDir Path dir) throws Exception {
        Sensitivity s = write(dir, SHALLOW_WATER, """
                  field: surface
                  region: {south: 20, north: 70, west: 60, east: 200}
                  window: 2 hours
                """);
        List<String> log = new ArrayList<>();
        SensitivityRunner.Result r = SensitivityRunner.run(s, dir.resolve("out"), log::add);
        assertEquals("m", r.units());
        // h at a cell inside the region, 11.25 deg grid: row 10 (39.4 N), column 10 (115 E)
        checkAgainstFiniteDifferences(s, r, "drag.rate", 1e-7, 0, 10 * 32 + 10, 1e-2);
        try (NetcdfFile f = NetcdfFile.open(dir.resolve("out/sensitivity.nc").toString())) {
            assertEquals("time lat lon", f.findVariable("d_J_d_initial_h").getDimensionsString());
            assertEquals("time lat lon", f.findVariable("d_J_d_topography").getDimensionsString());
            assertEquals("(m) / (1/s)", f.findVariable("d_J_d_drag_rate").findAttribute("units").getStringValue());
        }
        for (String png : List.of("initial_h.png", "initial_u.png", "topography.png")) {
            assertTrue(Files.size(dir.resolve("out").resolve(png)) > 1000, png);
        }
        String json = Files.readString(dir.resolve("out/sensitivity.json"));
        assertTrue(json.contains("\"name\": \"drag.rate\"") && json.contains("\"elasticity\""), json);
    }

    @Test
    void atmosphereSensitivityAtASigmaLevelMatchesFiniteDifferences(@TempDir Path dir) throws Exception {
        Sensitivity s = write(dir, ATMOSPHERE, """
                  field: temperature
                  sigma: 0.995
                  region: {south: -30, north: 30}
                  window: 3 hours
                """);
        SensitivityRunner.Result r = SensitivityRunner.run(s, dir.resolve("out"), line -> { });
        assertEquals("K", r.units());
        // temperature at the lowest level (3 of 4), row 8, column 5
        checkAgainstFiniteDifferences(s, r, "heldSuarez.surfaceEquilibriumTemperature", 1e-3, 2, 3 * 16 * 32 + 8 * 32 + 5, 1e-3);
        try (NetcdfFile f = NetcdfFile.open(dir.resolve("out/sensitivity.nc").toString())) {
            assertEquals("time lev lat lon", f.findVariable("d_J_d_initial_temperature").getDimensionsString());
            assertEquals("time lat lon", f.findVariable("d_J_d_initial_surface_pressure").getDimensionsString());
        }
    }

    @Test
    void badDiagnosticsAreErrorsWithFileLineAndKey(@TempDir Path dir) throws Exception {
        Sensitivity noLevel = write(dir, ATMOSPHERE, "  field: temperature\n");
        ConfigException level = assertThrows(ConfigException.class, () -> SensitivityRunner.run(noLevel, dir.resolve("out"), l -> { }));
        assertTrue(level.getMessage().contains("sensitivity.yaml:4: diagnostic.field") && level.getMessage().contains("give its level"),
                level.getMessage());
        Sensitivity empty = write(dir, SHALLOW_WATER, "  field: depth\n  region: {south: 1, north: 2, west: 0, east: 1}\n");
        ConfigException region = assertThrows(ConfigException.class, () -> SensitivityRunner.run(empty, dir.resolve("out"), l -> { }));
        assertTrue(region.getMessage().contains("diagnostic.region") && region.getMessage().contains("no cell centre"),
                region.getMessage());
        ConfigException north = assertThrows(ConfigException.class, () -> write(dir, SHALLOW_WATER,
                "  field: depth\n  region: {south: 10, north: 5}\n"));
        assertTrue(north.getMessage().contains("diagnostic.region.north"), north.getMessage());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing is written for bad input");
    }
}
