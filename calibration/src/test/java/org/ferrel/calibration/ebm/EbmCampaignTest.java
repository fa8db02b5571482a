package org.ferrel.calibration.ebm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ferrel.calibration.campaign.Campaign;
import org.ferrel.calibration.campaign.CampaignFile;
import org.ferrel.calibration.campaign.CampaignProblem;
import org.ferrel.calibration.campaign.CampaignRunner;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.netcdf.ArrayFile;
import org.ferrel.io.netcdf.GriddedField;
import org.ferrel.io.netcdf.LatLonFieldWriter;
import org.ferrel.io.scenario.ScenarioFile;
import org.ferrel.physics.ebm.EbmParameters;
import org.ferrel.physics.ebm.LegendreSolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Campaigns of the energy balance model read like any other ({@code ferrel calibrate}): a twin
 * experiment against North's analytic ice-free steady state for the parameters of North, Cahalan &amp;
 * Coakley (1981), given on a 2.5 degree latitude-longitude grid (temperature in kelvin, OLR in W m-2),
 * recovers A, B and D from North's (1975) values; bad sets are named before any run.
 */
class EbmCampaignTest {
    private static final String SCENARIO = """
            name: ebm-ice-free
            model: energy-balance
            grid: {cells: 90, domain: hemisphere}
            ice: {albedoFeedback: false}
            parameters: {ebm.insolationP2: -0.482, ebm.coAlbedo0: 0.697, ebm.coAlbedo2: -0.0779}
            """;

    private static final String CAMPAIGN = """
            name: ebm-twin
            scenario: scenario.yaml
            parameters:
              - ebm.olrIntercept
              - ebm.olrSlope
              - ebm.diffusivity
            observations:
              sets:
                - {name: ts, file: ts.nc, variable: ts, field: surface_temperature, operator: zonal-mean, error: 0.1}
                - {name: olr, file: olr.nc, variable: olr, field: outgoing_longwave, operator: zonal-mean, error: 0.2}
            optimizer: {method: levenberg-marquardt, maxIterations: 50}
            """;

    /** North's analytic temperature (kelvin) and OLR at the centres of a 2.5 degree grid, symmetric about the equator. */
    private static void writeTruth(Path dir) throws Exception {
        EbmParameters truth = EbmParameters.NCC_1981;
        LegendreSolution exact = LegendreSolution.iceFree(truth);
        LatLonGrid grid = LatLonGrid.earth(2.5);
        double[] kelvin = new double[grid.nx() * grid.ny()];
        double[] olr = new double[kelvin.length];
        for (int j = 0; j < grid.ny(); j++) {
            double t = exact.temperature(Math.abs(Math.sin(grid.latitude(j))));
            for (int i = 0; i < grid.nx(); i++) {
                kelvin[j * grid.nx() + i] = t + 273.15;
                olr[j * grid.nx() + i] = truth.olrIntercept() + truth.olrSlope() * t;
            }
        }
        LatLonFieldWriter.write(dir.resolve("ts.nc"), grid, List.of(new GriddedField("ts", kelvin, "K", "surface temperature",
                "surface_temperature")), Map.of("title", "North's ice-free steady state"));
        LatLonFieldWriter.write(dir.resolve("olr.nc"), grid, List.of(new GriddedField("olr", olr, "W m-2", "outgoing long-wave",
                "toa_outgoing_longwave_flux")), Map.of("title", "North's ice-free steady state"));
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
    }

    @Test
    void twinExperimentRecoversNorthCahalanCoakleyFromKelvinObservations(@TempDir Path dir) throws Exception {
        writeTruth(dir);
        Path campaignFile = dir.resolve("campaign.yaml");
        Files.writeString(campaignFile, CAMPAIGN);
        Campaign c = CampaignFile.read(campaignFile);
        CampaignProblem prepared = CampaignRunner.problem(c);
        assertEquals(List.of(EbmParameters.OLR_INTERCEPT, EbmParameters.OLR_SLOPE, EbmParameters.DIFFUSIVITY),
                prepared.problem().parameterNames());
        assertEquals(2 * 90, prepared.problem().residualCount());
        assertEquals("degC", prepared.sets().getFirst().units());
        LegendreSolution exact = LegendreSolution.iceFree(EbmParameters.NCC_1981);
        double[] observed = prepared.sets().getFirst().values();
        // kelvin converted to degC; the first cell (0 to 0.64 degrees) takes the row at 1.25 degrees: T(sin 1.25 deg), within
        // |T2| 1.5 sin^2(1.25 deg) < 0.03 K of the equator's
        assertEquals(exact.temperature(0.0), observed[0], 0.03);

        List<String> log = new ArrayList<>();
        CampaignRunner.Result r = CampaignRunner.run(c, new CampaignRunner.Options(dir.resolve("out"), false, log::add));
        double[] fitted = r.fit().theta();
        assertEquals(203.3, fitted[0], 0.05, log.toString());
        assertEquals(2.09, fitted[1], 0.002, log.toString());
        assertEquals(0.649, fitted[2], 0.002, log.toString());

        String report = Files.readString(r.report());
        assertTrue(report.contains("\"field\": \"surface_temperature\"") && report.contains("\"units\": \"degC\""), report);
        ArrayFile.Content fields = ArrayFile.read(dir.resolve("out/fitted.nc"));
        assertEquals(90, fields.variable("surface_temperature_fitted").values().length);
        assertEquals("W m-2", fields.variable("olr_observed").attribute("units"));
        EbmParameters refitted = EbmSpec.parameters(ScenarioFile.read(dir.resolve("out/fitted-scenario.yaml")));
        assertEquals(fitted[1], refitted.olrSlope(), 1e-12);
        assertEquals(-0.0779, refitted.coAlbedo2(), 0.0, "the scenario's other values are kept");
    }

    @Test
    void setsTheModelCannotSeeAreNamedBeforeAnyRun(@TempDir Path dir) throws Exception {
        writeTruth(dir);
        Path campaignFile = dir.resolve("campaign.yaml");
        Files.writeString(campaignFile, CAMPAIGN.replace("field: outgoing_longwave", "field: depth"));
        ConfigException field = assertThrows(ConfigException.class, () -> CampaignRunner.problem(CampaignFile.read(campaignFile)));
        assertTrue(field.getMessage().contains("observations.olr.field") && field.getMessage().contains("surface_temperature,"
                + " outgoing_longwave, absorbed_shortwave"), field.getMessage());
        Files.writeString(campaignFile, CAMPAIGN.replace("field: outgoing_longwave, operator: zonal-mean", "field: outgoing_longwave"));
        ConfigException operator = assertThrows(ConfigException.class, () -> CampaignRunner.problem(CampaignFile.read(campaignFile)));
        assertTrue(operator.getMessage().contains("operator: zonal-mean"), operator.getMessage());
        Files.writeString(campaignFile, CAMPAIGN.replace("  - ebm.diffusivity", "  - diffusivity"));
        ConfigException name = assertThrows(ConfigException.class, () -> CampaignRunner.problem(CampaignFile.read(campaignFile)));
        assertTrue(name.getMessage().contains("parameters.diffusivity") && name.getMessage().contains("ebm.diffusivity"),
                name.getMessage());
        Files.writeString(campaignFile, CAMPAIGN.replace("variable: olr,", "variable: rlut,"));
        ConfigException variable = assertThrows(ConfigException.class, () -> CampaignRunner.problem(CampaignFile.read(campaignFile)));
        assertTrue(variable.getMessage().contains("observations.olr") && variable.getMessage().contains("rlut"),
                variable.getMessage());
        Files.writeString(campaignFile, CAMPAIGN);
        ConfigException timeMean = assertThrows(ConfigException.class, () -> CampaignRunner.prepare(CampaignFile.read(campaignFile)));
        assertTrue(timeMean.getMessage().contains("steady state"), timeMean.getMessage());
    }
}
