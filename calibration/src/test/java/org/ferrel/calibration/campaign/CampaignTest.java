package org.ferrel.calibration.campaign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ferrel.io.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Campaign files: parsing, the checks made before any model run, and a short calibration end to end. */
class CampaignTest {
    static final Path ERA = Path.of("../examples/era-z500/eraint_uvz_every8.nc").toAbsolutePath().normalize();

    static final String SCENARIO = """
            name: m
            grid: {resolution: 11.25}
            dynamics: {timeStep: 30 min}
            terms:
              drag: {rate: 2e-6}
              equilibriumRelaxation:
                basis: {type: spherical, minDegree: 0, maxDegree: 1}
                timeScale: 2 days
                coefficientSpread: 300
            initial: {case: rest, depth: 5500}
            run: {length: 2 days}
            output: {interval: 1 day}
            """;

    static String campaign(String era) {
        return """
                name: small
                scenario: scenario.yaml
                parameters:
                  - equilibrium.timeScale
                  - name: drag.rate
                    prior: {mean: 2e-6, spread: 2e-6}
                  - equilibrium.coefficients
                observations:
                  window: 1 day
                  sets:
                    - {name: z500, file: ERA, variable: z, field: surface, select: {level: 500, month: 1}, error: 20}
                    - {name: u500, file: ERA, variable: u, field: u, select: {level: 500, month: 1}, error: 3, stride: 2}
                optimizer: {method: levenberg-marquardt, maxIterations: 3}
                checkpoints: 4
                """.replace("ERA", era);
    }

    private static Path write(Path dir, String campaign) throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Path c = dir.resolve("campaign.yaml");
        Files.writeString(c, campaign);
        return c;
    }

    @Test
    void readsTheExampleCampaign() {
        Campaign c = CampaignFile.read(Path.of("../examples/era-z500/campaign.yaml"));
        assertEquals("era-z500-january", c.name());
        assertEquals(List.of("equilibrium.timeScale", "drag.rate", "equilibrium.coefficients"), c.parameters());
        assertEquals(3, c.observations().size());
        assertEquals("u", c.observations().get(1).field());
        assertEquals(10 * 86400.0, c.window());
        assertEquals("lbfgs", c.optimizer().method());
    }

    @Test
    void preparesObservationsInModelUnits(@TempDir Path dir) throws Exception {
        Campaign c = CampaignFile.read(write(dir, campaign(ERA.toString())));
        CampaignRunner.Prepared p = CampaignRunner.prepare(c);
        assertEquals(List.of("equilibrium.timeScale", "drag.rate", "equilibrium.coefficients[0]", "equilibrium.coefficients[1]",
                "equilibrium.coefficients[2]", "equilibrium.coefficients[3]"), p.problem().parameterNames());
        assertEquals(31 * 60, p.problem().observations().get(0).size());
        assertEquals(16 * 30, p.problem().observations().get(1).size());
        // geopotential divided by g0: January 500 hPa heights lie between about 4,900 and 5,950 m
        for (double z : p.problem().observations().get(0).values()) {
            assertTrue(z > 4700 && z < 6000, "z500 " + z);
        }
        assertEquals(2e-6, p.problem().priorSpread()[1]);
        // the equilibrium's mean starts at the initial depth
        assertEquals(5500.0, p.problem().current()[2], 1e-9);
    }

    @Test
    void badInputsAreNamedBeforeAnyRun(@TempDir Path dir) throws Exception {
        ConfigException unknown = assertThrows(ConfigException.class, () -> CampaignRunner.prepare(CampaignFile.read(
                write(dir, campaign(ERA.toString()).replace("  - equilibrium.timeScale", "  - equilibrium.timescale")))));
        assertEquals("parameters", unknown.key());
        assertTrue(unknown.getMessage().contains("unknown parameter 'equilibrium.timescale'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("equilibrium.timeScale"), unknown.getMessage());

        ConfigException variable = assertThrows(ConfigException.class, () -> CampaignRunner.prepare(CampaignFile.read(
                write(dir, campaign(ERA.toString()).replace("variable: z,", "variable: zg,")))));
        assertEquals("observations.z500", variable.key());
        assertTrue(variable.getMessage().contains("'zg'") && variable.getMessage().contains("u, v, z")
                || variable.getMessage().contains("zg"), variable.getMessage());

        ConfigException level = assertThrows(ConfigException.class, () -> CampaignRunner.prepare(CampaignFile.read(
                write(dir, campaign(ERA.toString()).replace("level: 500", "level: 300")))));
        assertTrue(level.getMessage().contains("300"), level.getMessage());

        ConfigException grid = assertThrows(ConfigException.class, () -> CampaignRunner.prepare(CampaignFile.read(
                write(dir, campaign(ERA.toString()).replace("variable: z,", "variable: level,")))));
        assertEquals("observations.z500", grid.key());

        // all-NaN observations
        org.ferrel.dycore.grid.LatLonGrid g = new org.ferrel.dycore.grid.LatLonGrid(8, 4, 6.37122e6, 7.292e-5);
        double[] nan = new double[32];
        java.util.Arrays.fill(nan, Double.NaN);
        org.ferrel.io.netcdf.LatLonFieldWriter.write(dir.resolve("empty.nc"), g,
                List.of(new org.ferrel.io.netcdf.GriddedField("z", nan, "m", "nothing", null)), java.util.Map.of());
        ConfigException empty = assertThrows(ConfigException.class, () -> CampaignRunner.prepare(CampaignFile.read(write(dir,
                campaign(ERA.toString()).replace("file: " + ERA + ", variable: z, field: surface, select: {level: 500, month: 1}",
                        "file: empty.nc, variable: z, field: surface")))));
        assertTrue(empty.getMessage().contains("all 32 values are missing"), empty.getMessage());

        ConfigException prior = assertThrows(ConfigException.class, () -> CampaignRunner.prepare(CampaignFile.read(
                write(dir, campaign(ERA.toString()).replace("prior: {mean: 2e-6", "prior: {mean: -2e-6")))));
        assertEquals("parameters.drag.rate.prior", prior.key());
        assertEquals(5, prior.line());
        assertTrue(prior.getMessage().contains("prior mean -2.0E-6 (spread 2.0E-6) of drag.rate is outside its bounds [0.0, 0.001]"),
                prior.getMessage());
        ConfigException spread = assertThrows(ConfigException.class, () -> CampaignFile.read(
                write(dir, campaign(ERA.toString()).replace("spread: 2e-6}", "spread: 0}"))));
        assertTrue(spread.getMessage().contains("spread"), spread.getMessage());

        Campaign adaptive = CampaignFile.read(write(dir, campaign(ERA.toString())
                .replace("method: levenberg-marquardt,", "method: eki, adaptiveStep: true,")));
        assertTrue(adaptive.optimizer().adaptiveStep());
        assertTrue(((org.ferrel.calibration.optim.EnsembleKalmanInversion) CampaignRunner.optimizer(adaptive.optimizer(), null))
                .adaptiveStep());
        Campaign unscented = CampaignFile.read(write(dir, campaign(ERA.toString())
                .replace("method: levenberg-marquardt,", "method: uki,")));
        assertEquals(new org.ferrel.calibration.optim.UnscentedKalmanInversion(3, 1e-10,
                org.ferrel.calibration.optim.EnsembleRunner.serial()).maxIterations(),
                ((org.ferrel.calibration.optim.UnscentedKalmanInversion) CampaignRunner.optimizer(unscented.optimizer(), null))
                        .maxIterations());
        ConfigException flag = assertThrows(ConfigException.class, () -> CampaignFile.read(write(dir, campaign(ERA.toString())
                .replace("method: levenberg-marquardt,", "method: eki, adaptiveStep: yes please,"))));
        assertTrue(flag.getMessage().contains("optimizer.adaptiveStep"), flag.getMessage());

        ConfigException method = assertThrows(ConfigException.class, () -> CampaignFile.read(
                write(dir, campaign(ERA.toString()).replace("levenberg-marquardt", "newton"))));
        assertTrue(method.getMessage().contains("optimizer.method"), method.getMessage());
    }

    @Test
    void calibratesAndWritesTheReportAndResumes(@TempDir Path dir) throws Exception {
        Campaign c = CampaignFile.read(write(dir, campaign(ERA.toString())));
        List<String> log = new ArrayList<>();
        CampaignRunner.Result r = CampaignRunner.run(c, new CampaignRunner.Options(dir.resolve("out"), false, log::add));
        String report = Files.readString(r.report());
        assertTrue(report.contains("\"campaign\": \"small\""), report);
        assertTrue(report.contains("\"rmse_fitted\""), report);
        assertTrue(report.contains("\"correlation\""), report);
        assertTrue(report.contains("\"ended_worse_than_start\": false"), report);
        for (String f : new String[] {"fitted.nc", "cost.png", "parameters.png", "checkpoint.json", "campaign.yaml",
            "fitted-scenario.yaml"}) {
            assertTrue(Files.exists(dir.resolve("out").resolve(f)), f);
        }
        // the fit lowers the misfit of the heights below the start's
        double before = number(report, "rmse_start");
        double after = number(report, "rmse_fitted");
        assertTrue(after < before, after + " < " + before);
        // the fitted scenario holds the fitted values and builds the calibrated model
        org.ferrel.io.scenario.Scenario fitted = org.ferrel.io.scenario.ScenarioFile.read(dir.resolve("out/fitted-scenario.yaml"));
        assertEquals("m-fitted", fitted.name());
        assertEquals(r.fit().value("drag.rate"), fitted.parameterValues().get("drag.rate")[0]);
        assertEquals(4, fitted.parameterValues().get("equilibrium.coefficients").length);
        var model = org.ferrel.io.scenario.shallowwater.ShallowWaterSetup.build(fitted.withTimeStep(1800), org.ferrel.autodiff.Eager.serial());
        double tau = model.model().values(model.parameters()).get("equilibrium.timeScale").item();
        assertEquals(r.fit().value("equilibrium.timeScale"), tau);
        // resuming starts from the checkpoint: the best parameters found
        double[] best = Checkpoint.read(dir.resolve("out/checkpoint.json"), r.fit().parameterNames());
        assertArrayEquals(r.fit().theta(), best, 1e-9 * 5500);
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> CampaignRunner.run(c, new CampaignRunner.Options(dir.resolve("out"), false, log::add)));
        assertTrue(again.getMessage().contains("already holds a calibration report"), again.getMessage());
        CampaignRunner.run(c, new CampaignRunner.Options(dir.resolve("out"), true, log::add));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("resuming from the best parameters")), log.toString());
    }

    private static double number(String json, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\": ([-+0-9.eE]+)").matcher(json);
        assertTrue(m.find(), key);
        return Double.parseDouble(m.group(1));
    }
}
