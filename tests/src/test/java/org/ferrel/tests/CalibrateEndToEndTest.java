package org.ferrel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferrel calibrate} as a user runs it: a small campaign against the ERA-Interim example data. */
class CalibrateEndToEndTest {
    static final Path ERA = Cli.root().resolve("examples/era-z500/eraint_uvz_every8.nc");

    static final String SCENARIO = """
            name: m
            grid: {resolution: 11.25}
            dynamics: {timeStep: 30 min}
            terms:
              drag: {rate: 2e-6}
              equilibriumRelaxation:
                basis: {type: zonal, maxDegree: 2}
                timeScale: 2 days
            initial: {case: rest, depth: 5500}
            run: {length: 1 day}
            output: {interval: 1 day}
            """;

    static final String CAMPAIGN = """
            name: tiny
            scenario: scenario.yaml
            parameters: [equilibrium.timeScale, equilibrium.coefficients]
            observations:
              window: 12 hours
              sets:
                - {name: z500, file: ERA, variable: z, field: surface, select: {level: 500, month: 1}, error: 20}
            optimizer: {method: lbfgs, maxIterations: 4}
            """;

    @Test
    void calibratesAndReports(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Files.writeString(dir.resolve("c.yaml"), CAMPAIGN.replace("ERA", ERA.toString()));
        Cli.Outcome o = Cli.run(dir, "calibrate", "c.yaml", "-o", "fit");
        assertEquals(0, o.exitCode(), o.toString());
        assertEquals("fit/report.json".replace('/', java.io.File.separatorChar), dir.relativize(dir.resolve(o.stdout().strip())).toString());
        assertTrue(o.stderr().contains("equilibrium.coefficients[2]"), o.stderr());
        for (String f : new String[] {"report.json", "fitted.nc", "cost.png", "parameters.png"}) {
            assertTrue(Files.exists(dir.resolve("fit").resolve(f)), f);
        }
        // the calibrated model runs with ferrel run
        Cli.Outcome run = Cli.run(dir, "run", "fit/fitted-scenario.yaml", "-o", "calibrated", "--progress", "none");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(Files.exists(dir.resolve("calibrated/m-fitted.nc")));
        Cli.Outcome inspect = Cli.run(dir, "inspect", "fit/fitted.nc");
        assertEquals(0, inspect.exitCode(), inspect.toString());
        assertTrue(inspect.stdout().contains("surface_fitted"), inspect.stdout());
    }

    /** bin/ferrel (Spark's jars on the class path), for --spark. */
    private static Cli.Outcome binFerrel(Path dir, String... args) throws Exception {
        Path root = Cli.root();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(root.resolve("cli/target/ferrel.jar"))
                && Files.isDirectory(root.resolve("cluster/target/lib")), "the jar and Spark's jars are built in the package phase");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(root.resolve("bin/ferrel").toString()));
        command.addAll(java.util.List.of(args));
        return Cli.runCommand(dir, command);
    }

    /** report.json without its wall time. */
    private static String reportWithoutTime(Path report) throws java.io.IOException {
        return Files.readString(report).replaceAll("\"wall_seconds\": [^,\\n]*", "");
    }

    @Test
    void ekiOnSparkGivesTheFitOfASerialRunAndKeepsItsCheckpoint(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Files.writeString(dir.resolve("c.yaml"), CAMPAIGN.replace("ERA", ERA.toString())
                .replace("{method: lbfgs, maxIterations: 4}", "{method: eki, maxIterations: 2, ensembleSize: 6, seed: 3}"));
        Cli.Outcome serial = binFerrel(dir, "calibrate", "c.yaml", "-o", "serial");
        // two iterations of a 6-member ensemble end above the start's cost here: the report is written, exit 5 says so
        assertEquals(5, serial.exitCode(), serial.toString());
        assertTrue(serial.stderr().contains("the fit ended with a cost above its start's (serial/report.json): exit code 5"),
                serial.stderr());
        assertTrue(Files.exists(dir.resolve("serial/report.json")));
        Cli.Outcome spark = binFerrel(dir, "calibrate", "c.yaml", "-o", "spark", "--spark", "local[2]");
        assertEquals(5, spark.exitCode(), spark.toString());
        assertTrue(spark.stderr().contains("ferrel calibrate: ensemble members on Spark (local[2])"), spark.stderr());
        assertEquals("spark/report.json", spark.stdout().strip());
        assertEquals(reportWithoutTime(dir.resolve("serial/report.json")), reportWithoutTime(dir.resolve("spark/report.json")),
                "the same fit, counts and uncertainty");
        assertTrue(Files.exists(dir.resolve("spark/checkpoint.json")), "the checkpoint is kept on Spark too:\n" + spark);
        assertEquals(Files.readString(dir.resolve("serial/checkpoint.json")), Files.readString(dir.resolve("spark/checkpoint.json")));
        // the same forward-run progress lines as the serial run
        assertEquals(serial.stderr().lines().filter(l -> l.contains("forward run")).map(l -> l.replaceAll("\\(\\d+ s\\)", "")).toList(),
                spark.stderr().lines().filter(l -> l.contains("forward run")).map(l -> l.replaceAll("\\(\\d+ s\\)", "")).toList());

        Files.writeString(dir.resolve("lbfgs.yaml"), CAMPAIGN.replace("ERA", ERA.toString()));
        Cli.Outcome gradient = binFerrel(dir, "calibrate", "lbfgs.yaml", "-o", "g", "--spark");
        assertEquals(3, gradient.exitCode(), gradient.toString());
        assertTrue(gradient.stderr().contains("uses lbfgs (set optimizer.method: eki, or leave out --spark)"), gradient.stderr());
        assertTrue(!Files.exists(dir.resolve("g")), "nothing written");
    }

    @Test
    void badCampaignsFailBeforeAnyRun(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Files.writeString(dir.resolve("c.yaml"), CAMPAIGN.replace("ERA", ERA.toString()).replace("equilibrium.timeScale,",
                "relaxation.tau,"));
        Cli.Outcome unknown = Cli.run(dir, "calibrate", "c.yaml", "-o", "fit");
        assertEquals(3, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.stderr().contains("c.yaml:3: parameters: unknown parameter 'relaxation.tau'"), unknown.stderr());
        assertTrue(!Files.exists(dir.resolve("fit")), "nothing written");
        Files.writeString(dir.resolve("c.yaml"), CAMPAIGN.replace("ERA", ERA.toString()).replace("variable: z,", "variable: t,"));
        Cli.Outcome missing = Cli.run(dir, "calibrate", "c.yaml", "-o", "fit");
        assertEquals(3, missing.exitCode(), missing.toString());
        assertTrue(missing.stderr().contains("observations.z500") && missing.stderr().contains("'t'"), missing.stderr());
    }
}
