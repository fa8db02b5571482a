package org.ferrel.calibration.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ferrel.calibration.problem.TimeMeanProblem;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.netcdf.LatLonRecordWriter;
import org.ferrel.io.netcdf.OutputEncoding;
import org.ferrel.io.netcdf.TimeAxis;
import org.ferrel.io.netcdf.VariableInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several windows in one campaign: observation sets of calendar months of a monthly file, each against
 * the model's mean over the steps of its month, and a twin experiment through them.
 */
class MonthlyCampaignTest {
    static final String SCENARIO = """
            name: months
            grid: {resolution: 11.25}
            dynamics: {timeStep: 30 min}
            terms:
              drag: {rate: 2e-6}
            initial: {case: williamson5}
            run: {length: 20 days, start: 2000-01-20T00:00:00}
            output: {interval: 1 day}
            """;

    static final String CAMPAIGN = """
            name: monthly-twin
            scenario: scenario.yaml
            parameters:
              - name: drag.rate
                prior: {mean: 2e-6, spread: 1e-4}
            observations:
              window: 20 days
              sets:
                - {name: january, file: monthly.nc, variable: z, field: surface, month: 1, error: 1}
                - {name: february, file: monthly.nc, variable: z, field: surface, month: 2, error: 1}
            optimizer: {method: levenberg-marquardt, maxIterations: 20}
            checkpoints: 8
            """;

    /** A monthly file: z on the model grid at mid-January and mid-February 2000. */
    private static void writeMonthly(Path file, LatLonGrid grid, double[] january, double[] february) throws Exception {
        LatLonRecordWriter.Layout layout = new LatLonRecordWriter.Layout(grid, List.of(new VariableInfo("z", "m",
                "free-surface height", null)), List.of(), List.of(), new TimeAxis(LocalDateTime.parse("2000-01-01T00:00:00")), false,
                Map.of("title", "monthly means"));
        try (LatLonRecordWriter w = LatLonRecordWriter.create(file, layout, OutputEncoding.DEFAULT)) {
            w.append(15.5 * 86400, 15.5 * 86400, new double[][] {january}, new double[0]);
            w.append(45 * 86400, 45 * 86400, new double[][] {february}, new double[0]);
            w.commit();
        }
    }

    @Test
    void eachMonthIsComparedWithTheModelsMeanOverThatMonthAndTheTwinIsRecovered(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Path campaignFile = dir.resolve("campaign.yaml");
        Files.writeString(campaignFile, CAMPAIGN);
        LatLonGrid grid = LatLonGrid.earth(11.25);
        double[] flat = new double[grid.nx() * grid.ny()];
        java.util.Arrays.fill(flat, 5000);
        writeMonthly(dir.resolve("monthly.nc"), grid, flat, flat);

        TimeMeanProblem<?> problem = CampaignRunner.prepare(CampaignFile.read(campaignFile)).problem();
        // January 20-31 and February 1-8 at 30-minute steps
        assertEquals(12 * 48, problem.observations().get(0).steps().length);
        assertEquals(8 * 48, problem.observations().get(1).steps().length);
        assertEquals(12 * 48 + 1, problem.observations().get(1).steps()[0]);
        double[] truth = {1e-6};
        double[][] means = problem.observedMeans(truth);
        double difference = 0;
        for (int i = 0; i < means[0].length; i++) {
            difference = Math.max(difference, Math.abs(means[0][i] - means[1][i]));
        }
        assertTrue(difference > 10, "the two months differ by up to " + difference + " m");
        writeMonthly(dir.resolve("monthly.nc"), grid, means[0], means[1]);

        List<String> log = new ArrayList<>();
        CampaignRunner.Result r = CampaignRunner.run(CampaignFile.read(campaignFile),
                new CampaignRunner.Options(dir.resolve("out"), false, log::add));
        assertEquals(1e-6, r.fit().theta()[0], 1e-9, log.toString());
        String report = Files.readString(r.report());
        assertTrue(report.contains("\"name\": \"february\""), report);
    }

    @Test
    void aMonthOutsideTheWindowOrTheFileIsAnErrorAtTheSet(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        LatLonGrid grid = LatLonGrid.earth(11.25);
        double[] flat = new double[grid.nx() * grid.ny()];
        writeMonthly(dir.resolve("monthly.nc"), grid, flat, flat);
        Path campaignFile = dir.resolve("campaign.yaml");
        Files.writeString(campaignFile, CAMPAIGN.replace("month: 2,", "month: 3,"));
        ConfigException march = assertThrows(ConfigException.class, () -> CampaignRunner.prepare(CampaignFile.read(campaignFile)));
        assertTrue(march.getMessage().contains("observations.february.month") && march.getMessage().contains("no record in month 3"),
                march.getMessage());
        Files.writeString(campaignFile, CAMPAIGN.replace("window: 20 days", "window: 5 days"));
        ConfigException january = assertThrows(ConfigException.class,
                () -> CampaignRunner.prepare(CampaignFile.read(campaignFile)));
        assertTrue(january.getMessage().contains("observations.january.month") && january.getMessage().contains("holds no step of month 1"),
                january.getMessage());
    }
}
