package org.ferrel.io.scenario.atmosphere;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ferrel.autodiff.Eager;
import org.ferrel.dycore.primitive.AtmosphereState;
import org.ferrel.dycore.primitive.HeldSuarez;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.scenario.ProgressListener;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioFile;
import org.ferrel.io.scenario.ScenarioModels;
import org.ferrel.io.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/** The atmosphere family through scenario files and the run command's runner: parsing, errors, output, resume. */
class AtmosphereFamilyTest {
    static final String HELD_SUAREZ = """
            name: hs
            model: atmosphere
            grid: {resolution: 11.25}
            levels: 5
            dynamics: {timeStep: 1200 s, polarFilter: 60}
            terms:
              heldSuarez: {}
              hyperdiffusion: {timeScale: 1 day}
            parameters: {heldSuarez.meridionalTemperatureDifference: 50}
            initial: {case: rest, temperature: 290, noise: 0.1, seed: 3}
            run: {length: 1 day}
            output: {interval: 6 hours, variables: [u, v, temperature, geopotential_height, surface_pressure, surface_geopotential]}
            restart: {interval: 12 hours}
            """;

    private static final class Interrupt extends RuntimeException {
    }

    @Test
    void readsTheAtmosphereSectionsAndBuildsTheModel() {
        Scenario s = ScenarioFile.parse(HELD_SUAREZ, "hs.yaml");
        assertEquals("atmosphere", s.model().family());
        AtmosphereSpec spec = AtmosphereFamily.spec(s);
        assertEquals(5, spec.sigma().levels());
        assertTrue(spec.heldSuarez());
        assertEquals(86400.0, spec.diffusion().timeScale());
        AtmosphereSetup built = (AtmosphereSetup) ScenarioModels.build(s, Eager.serial());
        assertEquals(32, built.grid().nx());
        AtmosphereState x0 = built.initial();
        assertArrayEquals(new int[] {5, 16, 32}, x0.temperature().shape().dims());
        double mean = java.util.Arrays.stream(x0.temperature().values()).average().orElseThrow();
        assertEquals(290, mean, 0.01);
        int k = built.model().parameters().stream().map(p -> p.name()).toList().indexOf(HeldSuarez.MERIDIONAL_TEMPERATURE_DIFFERENCE);
        assertEquals(50.0, built.parameters()[k].item(), "the scenario's parameter value is put in");
    }

    @Test
    void keysOfAnotherFamilyAreRefusedWithFileLineAndKey() {
        ConfigException gravity = assertThrows(ConfigException.class, () -> ScenarioFile.parse(
                HELD_SUAREZ.replace("timeStep: 1200 s,", "timeStep: 1200 s, gravity: 9.8,"), "hs.yaml"));
        assertTrue(gravity.getMessage().contains("hs.yaml") && gravity.getMessage().contains("dynamics.gravity"), gravity.getMessage());
        ConfigException drag = assertThrows(ConfigException.class, () -> ScenarioFile.parse(
                HELD_SUAREZ.replace("heldSuarez: {}", "drag: {rate: 1e-6}"), "hs.yaml"));
        assertTrue(drag.getMessage().contains("terms.drag") && drag.getMessage().contains("heldSuarez, hyperdiffusion"),
                drag.getMessage());
        ConfigException swCase = assertThrows(ConfigException.class, () -> ScenarioFile.parse(
                HELD_SUAREZ.replace("case: rest, temperature: 290, noise: 0.1, seed: 3", "case: williamson5"), "hs.yaml"));
        assertTrue(swCase.getMessage().contains("initial.case") && swCase.getMessage().contains("jablonowski-williamson-wave"),
                swCase.getMessage());
        ConfigException output = assertThrows(ConfigException.class, () -> ScenarioFile.parse(
                HELD_SUAREZ.replace("variables: [u,", "variables: [h, u,"), "hs.yaml"));
        assertTrue(output.getMessage().contains("output.variables"), output.getMessage());
        ConfigException family = assertThrows(ConfigException.class, () -> ScenarioFile.parse(
                HELD_SUAREZ.replace("model: atmosphere", "model: ocean"), "hs.yaml"));
        assertTrue(family.getMessage().contains("model") && family.getMessage().contains("shallow-water"), family.getMessage());
        ConfigException levels = assertThrows(ConfigException.class, () -> ScenarioFile.parse(
                HELD_SUAREZ.replace("levels: 5", "levels: {halfLevels: [0, 0.5, 0.4, 1]}"), "hs.yaml"));
        assertTrue(levels.getMessage().contains("levels.halfLevels"), levels.getMessage());
    }

    @Test
    void writesLevelsWithCfSigmaCoordinateAndResumesBitForBit(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioFile.parse(HELD_SUAREZ, "hs.yaml");
        List<String> log = new ArrayList<>();
        Path whole = tmp.resolve("whole");
        ScenarioRunner.Result r = ScenarioRunner.run(s, new ScenarioRunner.Options(whole, false, false, 1, ProgressListener.NONE,
                log::add));
        assertEquals(72, r.steps());
        try (NetcdfFile f = NetcdfFile.open(r.output().toString())) {
            Variable t = f.findVariable("temperature");
            assertEquals("time lev lat lon", t.getDimensionsString());
            assertArrayEquals(new int[] {5, 5, 16, 32}, t.getShape());
            Variable lev = f.findVariable("lev");
            assertEquals("atmosphere_sigma_coordinate", lev.findAttribute("standard_name").getStringValue());
            assertEquals("sigma: lev ps: surface_pressure ptop: ptop", lev.findAttribute("formula_terms").getStringValue());
            assertEquals(0.1, lev.read().getDouble(0), 1e-15);
            assertEquals("time lat lon", f.findVariable("surface_pressure").getDimensionsString());
            assertEquals("lat lon", f.findVariable("surface_geopotential").getDimensionsString());
            assertEquals("atmosphere", f.findGlobalAttribute("model_family").getStringValue());
            // mass is conserved by the core: the series stays put to round-off
            double[] mass = (double[]) f.findVariable("total_mass").read().get1DJavaArray(double.class);
            assertEquals(0, (mass[4] - mass[0]) / mass[0], 1e-12);
            // the Held-Suarez forcing acts: the tropics warm relative to the poles within a day
            double[] temp = (double[]) t.read().get1DJavaArray(double.class);
            int last = 4 * 5 * 16 * 32 + 4 * 16 * 32;   // record 4, lowest level
            double equator = temp[last + 8 * 32];
            double pole = temp[last];
            assertTrue(equator - pole > 1, "equator " + equator + " K, pole " + pole + " K");
        }
        Path broken = tmp.resolve("broken");
        assertThrows(Interrupt.class, () -> ScenarioRunner.run(s, new ScenarioRunner.Options(broken, false, false, 1,
                new ProgressListener() {
                    @Override
                    public void advanced(long k) {
                        if (k == 50) {
                            throw new Interrupt();
                        }
                    }
                }, log::add)));
        assertFalse(Files.exists(broken.resolve("hs.nc")));
        ScenarioRunner.Result resumed = ScenarioRunner.run(s, new ScenarioRunner.Options(broken, true, false, 1, ProgressListener.NONE,
                log::add));
        assertEquals(36, resumed.firstStep());
        org.ferrel.io.scenario.ScenarioRunnerTest.assertSameData(whole.resolve("hs.nc"), broken.resolve("hs.nc"));
    }

    @Test
    void automaticTimeStepAndTheJablonowskiWilliamsonStateAtRestOnItsMountains() {
        Scenario s = ScenarioFile.parse("""
                name: jw
                model: atmosphere
                grid: {resolution: 11.25}
                levels: 8
                initial: {case: jablonowski-williamson-steady}
                run: {length: 1 day}
                """, "jw.yaml");
        Scenario resolved = ScenarioModels.resolveTimeStep(s, Eager.serial());
        assertTrue(resolved.dynamics().timeStep() >= 600 && resolved.dynamics().timeStep() <= 3600,
                "automatic step " + resolved.dynamics().timeStep());
        AtmosphereSetup built = (AtmosphereSetup) ScenarioModels.build(resolved, Eager.serial());
        double[] phis = built.fields(Eager.serial(), built.initial(), built.model().values(built.parameters()),
                List.of("surface_geopotential"))[0];
        assertTrue(java.util.Arrays.stream(phis).max().orElseThrow() > 1000, "the case's surface geopotential is used");
    }
}
