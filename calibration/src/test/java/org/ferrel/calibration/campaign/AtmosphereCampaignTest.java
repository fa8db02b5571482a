package org.ferrel.calibration.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ferrel.calibration.problem.TimeMeanProblem;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.netcdf.GriddedField;
import org.ferrel.io.netcdf.LatLonFieldWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;

/**
 * A campaign of the atmosphere family: a twin experiment in which the Held-Suarez surface equilibrium
 * temperature and equator-pole difference are recovered from near-surface temperatures at sigma
 * 0.995, stored in degrees Celsius, through the same campaign runner as the shallow-water model's.
 */
class AtmosphereCampaignTest {
    static final String SCENARIO = """
            name: hs-small
            model: atmosphere
            grid: {resolution: 11.25}
            levels: 5
            dynamics: {timeStep: 20 min, polarFilter: 60}
            terms:
              heldSuarez: {}
              hyperdiffusion: {timeScale: 1 day}
            initial: {case: rest, temperature: 288, noise: 0.1, seed: 1}
            run: {length: 1 day}
            output: {interval: 12 hours}
            """;

    static final String CAMPAIGN = """
            name: hs-twin
            scenario: scenario.yaml
            parameters:
              - name: heldSuarez.surfaceEquilibriumTemperature
                prior: {mean: 315, spread: 100}
              - name: heldSuarez.meridionalTemperatureDifference
                prior: {mean: 60, spread: 100}
            observations:
              window: 12 hours
              sets:
                - {name: t995, file: t995.nc, variable: air, field: temperature, sigma: 0.995, error: 0.5}
            optimizer: {method: levenberg-marquardt, maxIterations: 20}
            checkpoints: 8
            """;

    private static void writeObservations(Path file, LatLonGrid grid, double[] celsius) throws Exception {
        LatLonFieldWriter.write(file, grid, List.of(new GriddedField("air", celsius, "degC", "air temperature at sigma 0.995",
                "air_temperature")), Map.of("title", "synthetic"));
    }

    @Test
    void recoversHeldSuarezTemperaturesFromCelsiusObservationsAtASigmaLevel(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Path campaignFile = dir.resolve("campaign.yaml");
        Files.writeString(campaignFile, CAMPAIGN);
        LatLonGrid grid = LatLonGrid.earth(11.25);
        // first a uniform 15 degC file: the campaign is prepared from it (and its conversion to kelvin checked),
        // then the twin's values computed by that problem replace it
        double[] uniform = new double[grid.nx() * grid.ny()];
        java.util.Arrays.fill(uniform, 15.0);
        writeObservations(dir.resolve("t995.nc"), grid, uniform);

        Campaign c = CampaignFile.read(campaignFile);
        CampaignRunner.Prepared prepared = CampaignRunner.prepare(c);
        TimeMeanProblem<?> problem = prepared.problem();
        assertEquals(List.of("heldSuarez.surfaceEquilibriumTemperature", "heldSuarez.meridionalTemperatureDifference"),
                problem.parameterNames());
        assertEquals("temperature at sigma 0.995", problem.observations().getFirst().field().name());
        assertEquals(288.15, problem.observations().getFirst().values()[0], 1e-9, "15 degC read as kelvin");
        double[] truth = {305, 52};
        double[] kelvin = problem.observedMeans(truth)[0];
        double[] celsius = new double[kelvin.length];
        for (int i = 0; i < celsius.length; i++) {
            celsius[i] = kelvin[i] - 273.15;
        }
        writeObservations(dir.resolve("t995.nc"), grid, celsius);

        List<String> log = new ArrayList<>();
        CampaignRunner.Result r = CampaignRunner.run(CampaignFile.read(campaignFile),
                new CampaignRunner.Options(dir.resolve("out"), false, log::add));
        double[] fitted = r.fit().theta();
        assertEquals(305, fitted[0], 0.01, log.toString());
        assertEquals(52, fitted[1], 0.05, log.toString());
        String report = Files.readString(r.report());
        assertTrue(report.contains("\"field\": \"temperature at sigma 0.995\"") && report.contains("\"units\": \"K\""), report);
        try (NetcdfFile f = NetcdfFile.open(dir.resolve("out/fitted.nc").toString())) {
            assertEquals("K", f.findVariable("temperature_at_sigma_0_995_fitted").findAttribute("units").getStringValue());
        }
        assertTrue(Files.readString(dir.resolve("out/fitted-scenario.yaml")).contains("heldSuarez.surfaceEquilibriumTemperature: 305"));
        try (NetcdfFile f = NetcdfFile.open(dir.resolve("out/observations.nc").toString())) {
            ucar.nc2.Variable residual = f.findVariable("t995_residual");
            assertEquals("t995_lat t995_lon", residual.getDimensionsString());
            assertEquals("K", residual.findAttribute("units").getStringValue());
            double worst = 0;
            for (double x : (double[]) residual.read().get1DJavaArray(double.class)) {
                worst = Math.max(worst, Math.abs(x));
            }
            assertTrue(worst < 0.01, "largest fitted residual " + worst + " K");
            double[] observed = (double[]) f.findVariable("t995_observed").read().get1DJavaArray(double.class);
            assertEquals(kelvin[0], observed[0], 1e-9);
        }
    }

    @Test
    void zonalMeanAndConservativeOperatorsAndMissingValuesCounted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        LatLonGrid grid = LatLonGrid.earth(11.25);
        double[] celsius = new double[grid.nx() * grid.ny()];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                celsius[j * grid.nx() + i] = 30 * Math.cos(grid.latitude(j)) - 10 + (i == 3 && j == 5 ? Double.NaN : 0);
            }
        }
        writeObservations(dir.resolve("t995.nc"), grid, celsius);
        Path campaignFile = dir.resolve("campaign.yaml");
        Files.writeString(campaignFile, CAMPAIGN.replace("error: 0.5}", "error: 0.5, operator: zonal-mean}"));
        var zonal = CampaignRunner.prepare(CampaignFile.read(campaignFile)).problem().observations().getFirst();
        assertEquals(grid.ny(), zonal.size(), "one value per observed latitude");
        assertEquals(30 * Math.cos(grid.latitude(2)) - 10 + 273.15, zonal.values()[2], 1e-9);
        Files.writeString(campaignFile, CAMPAIGN.replace("error: 0.5}", "error: 0.5, operator: conservative}"));
        var cells = CampaignRunner.prepare(CampaignFile.read(campaignFile)).problem().observations().getFirst();
        assertEquals(grid.nx() * grid.ny() - 1, cells.size(), "the missing value is dropped");
        assertEquals(1, cells.observations().dropped());
        assertTrue(cells.operator().description().startsWith("conservative regridding"), cells.operator().description());
    }

    @Test
    void perPointErrorsFromAVariableOfTheFileInTheFieldsUnits(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        LatLonGrid grid = LatLonGrid.earth(11.25);
        int n = grid.nx() * grid.ny();
        double[] celsius = new double[n];
        double[] spread = new double[n];
        for (int k = 0; k < n; k++) {
            celsius[k] = 10;
            spread[k] = 0.5 + k % 7;
        }
        spread[40] = Double.NaN;
        LatLonFieldWriter.write(dir.resolve("t995.nc"), grid, List.of(
                new GriddedField("air", celsius, "degC", "air temperature", "air_temperature"),
                new GriddedField("air_sd", spread, "degC", "standard deviation of air temperature", null)), Map.of("title", "t"));
        Path campaignFile = dir.resolve("campaign.yaml");
        Files.writeString(campaignFile, CAMPAIGN.replace("error: 0.5}", "error: 0.5, errorVariable: air_sd}"));
        var set = CampaignRunner.prepare(CampaignFile.read(campaignFile)).problem().observations().getFirst();
        assertEquals(n - 1, set.size(), "the point without an error is dropped");
        assertEquals(1, set.observations().dropped());
        assertEquals(0.5 + 3 % 7, set.sigma()[3], 1e-12, "an error in degC is the same in K");
        assertEquals(283.15, set.values()[3], 1e-9);
        Files.writeString(campaignFile, CAMPAIGN.replace("error: 0.5}", "error: 0.5, errorVariable: air_sd, operator: zonal-mean}"));
        ConfigException zonal = assertThrows(ConfigException.class, () -> CampaignRunner.prepare(CampaignFile.read(campaignFile)));
        assertTrue(zonal.getMessage().contains("errorVariable"), zonal.getMessage());
    }

    @Test
    void aFieldTheFamilyDoesNotHaveOrALevelItNeedsIsAnErrorAtTheSet(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        LatLonGrid grid = LatLonGrid.earth(11.25);
        writeObservations(dir.resolve("t995.nc"), grid, new double[grid.nx() * grid.ny()]);
        Path campaignFile = dir.resolve("campaign.yaml");
        Files.writeString(campaignFile, CAMPAIGN.replace("field: temperature, sigma: 0.995", "field: depth"));
        ConfigException depth = assertThrows(ConfigException.class, () -> CampaignRunner.prepare(CampaignFile.read(campaignFile)));
        assertTrue(depth.getMessage().contains("observations.t995.field") && depth.getMessage().contains("no observable field 'depth'")
                && depth.getMessage().contains("campaign.yaml:11:"), depth.getMessage());
        Files.writeString(campaignFile, CAMPAIGN.replace(", sigma: 0.995", ""));
        ConfigException level = assertThrows(ConfigException.class, () -> CampaignRunner.prepare(CampaignFile.read(campaignFile)));
        assertTrue(level.getMessage().contains("give its level"), level.getMessage());
        Files.writeString(campaignFile, CAMPAIGN.replace("error: 0.5}", "error: 0.5, pressure: 850}"));
        ConfigException both = assertThrows(ConfigException.class, () -> CampaignFile.read(campaignFile));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }
}
