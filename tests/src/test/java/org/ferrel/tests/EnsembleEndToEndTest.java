package org.ferrel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferrel ensemble} as a user runs it: through {@code bin/ferrel}, which puts Spark's jars
 * (cluster/target/lib, built in the package phase) on the class path, with embedded Spark.
 */
class EnsembleEndToEndTest {
    static final String SCENARIO = """
            name: tiny
            grid: {resolution: 15}
            dynamics: {timeStep: 30 minutes}
            terms:
              drag: {rate: 1e-6}
            initial: {case: williamson5}
            run: {length: 1 day}
            output: {interval: 12 hours, variables: [h, u]}
            """;

    static final String ENSEMBLE = """
            name: e2e
            scenario: scenario.yaml
            members: 4
            seed: 5
            sampling:
              method: latin-hypercube
              parameters:
                - {name: drag.rate, min: 1e-7, max: 5e-6}
            perturbation: {amplitude: 10, correlationLength: 2e6}
            spark: {partitions: 2}
            """;

    @TempDir
    Path dir;

    private Cli.Outcome ferrel(String... args) throws IOException, InterruptedException {
        Path root = Cli.root();
        assumeTrue(Files.exists(root.resolve("cli/target/ferrel.jar")) && Files.isDirectory(root.resolve("cluster/target/lib")),
                "the jar and Spark's jars are built in the package phase");
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve("bin/ferrel").toString()));
        command.addAll(List.of(args));
        return Cli.runCommand(dir, command);
    }

    private void write(String ensemble) throws IOException {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Files.writeString(dir.resolve("ensemble.yaml"), ensemble);
    }

    @Test
    void runsAnEnsembleAndResumesIt() throws Exception {
        write(ENSEMBLE);
        Cli.Outcome o = ferrel("ensemble", "ensemble.yaml", "-o", "out");
        assertEquals(0, o.exitCode(), o.toString());
        assertEquals("out\n", o.stdout(), "stdout holds the output directory only");
        Path out = dir.resolve("out");
        for (String f : List.of("member-0000.nc", "member-0003.nc", "ensemble-statistics.nc", "summary.csv", "summary.json",
                "ensemble.yaml", "scenario.yaml")) {
            assertTrue(Files.exists(out.resolve(f)), f + " missing\n" + o);
        }
        assertEquals(5, Files.readAllLines(out.resolve("summary.csv")).size());
        assertTrue(o.stderr().contains("ferrel ensemble: done: 4 members, 0 failed, 0 kept from before"), o.stderr());
        assertFalse(o.stderr().contains(" INFO "), "Spark's logging is quiet:\n" + o.stderr());
        Path ncdump = Path.of("/usr/bin/ncdump");
        if (Files.isExecutable(ncdump)) {
            Cli.Outcome dump = Cli.runCommand(dir, List.of(ncdump.toString(), "-h", out.resolve("ensemble-statistics.nc").toString()));
            assertEquals(0, dump.exitCode(), dump.toString());
            assertTrue(dump.stdout().contains(":ensemble_members_used = 4 ;"), dump.stdout());
            assertTrue(dump.stdout().contains("double h_q95(time, lat, lon)"), dump.stdout());
        }

        assertMemberDescribesItself(out, 2);

        byte[] member2 = Files.readAllBytes(out.resolve("member-0002.nc"));
        Files.delete(out.resolve("member-0002.nc"));
        Cli.Outcome again = ferrel("ensemble", "ensemble.yaml", "-o", "out");
        assertEquals(3, again.exitCode(), again.toString());
        assertTrue(again.stderr().contains("already holds an ensemble; continue it with --resume"), again.stderr());
        Cli.Outcome resumed = ferrel("ensemble", "ensemble.yaml", "-o", "out", "--resume");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.stderr().contains("done: 4 members, 0 failed, 3 kept from before"), resumed.stderr());
        assertTrue(java.util.Arrays.equals(member2, Files.readAllBytes(out.resolve("member-0002.nc"))), "the rerun member has the same bits");
    }

    /**
     * A member's file read with xarray (when Python has it): its id, the ensemble's seed, the sampled parameter and
     * the perturbation's amplitude as numbers, the parameter's value the one in summary.csv.
     */
    private void assertMemberDescribesItself(Path out, int id) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python) || Cli.runCommand(dir, List.of(python.toString(), "-c", "import xarray, netCDF4")).exitCode()
                != 0) {
            return;
        }
        String script = """
                import sys, numbers, xarray
                a = xarray.open_dataset(sys.argv[1]).attrs
                kind = lambda x: "int" if isinstance(x, numbers.Integral) else "float" if isinstance(x, numbers.Real) else "text"
                for name in ["ensemble_member", "ensemble_seed", "drag.rate", "ensemble_perturbation_amplitude",
                             "ensemble_perturbation_correlation_length", "ensemble_perturbation_seed"]:
                    print(name, kind(a[name]), repr(a[name].item() if hasattr(a[name], "item") else a[name]))
                """;
        Cli.Outcome read = Cli.runCommand(dir, List.of(python.toString(), "-c", script,
                out.resolve(String.format(java.util.Locale.ROOT, "member-%04d.nc", id)).toString()));
        assertEquals(0, read.exitCode(), read.toString());
        String[] row = Files.readAllLines(out.resolve("summary.csv")).get(id + 1).split(",");
        List<String> lines = read.stdout().lines().toList();
        assertEquals(List.of("ensemble_member int " + id, "ensemble_seed int 5"), lines.subList(0, 2), read.stdout());
        assertTrue(lines.get(2).startsWith("drag.rate float "), read.stdout());
        assertEquals(Double.parseDouble(row[row.length - 1]), Double.parseDouble(lines.get(2).substring("drag.rate float ".length())),
                0.0, "the value in summary.csv");
        assertEquals(List.of("ensemble_perturbation_amplitude float 10.0", "ensemble_perturbation_correlation_length float 2000000.0",
                "ensemble_perturbation_seed text '" + row[6] + "'"), lines.subList(3, 6), read.stdout());
    }

    @Test
    void anAtmosphereEnsembleHasStatisticsOnItsLevels() throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), """
                name: tiny-atmosphere
                model: atmosphere
                grid: {resolution: 15}
                levels: 3
                dynamics: {polarFilter: 60}
                terms:
                  heldSuarez: {}
                initial: {case: rest, temperature: 285}
                run: {length: 12 hours}
                output: {interval: 6 hours, variables: [temperature, surface_pressure]}
                """);
        Files.writeString(dir.resolve("ensemble.yaml"), """
                name: e2e-atmosphere
                scenario: scenario.yaml
                members: 3
                seed: 2
                sampling:
                  method: latin-hypercube
                  parameters:
                    - {name: heldSuarez.surfaceEquilibriumTemperature, min: 300, max: 320}
                perturbation: {amplitude: 0.5, correlationLength: 2e6}
                """);
        Cli.Outcome o = ferrel("ensemble", "ensemble.yaml", "-o", "out");
        assertEquals(0, o.exitCode(), o.toString());
        assertTrue(o.stderr().contains("done: 3 members, 0 failed"), o.stderr());
        Path ncdump = Path.of("/usr/bin/ncdump");
        if (Files.isExecutable(ncdump)) {
            Cli.Outcome dump = Cli.runCommand(dir, List.of(ncdump.toString(), "-h",
                    dir.resolve("out/ensemble-statistics.nc").toString()));
            assertEquals(0, dump.exitCode(), dump.toString());
            assertTrue(dump.stdout().contains("double temperature_mean(time, lev, lat, lon)"), dump.stdout());
            assertTrue(dump.stdout().contains("double surface_pressure_spread(time, lat, lon)"), dump.stdout());
            Cli.Outcome member = Cli.runCommand(dir, List.of(ncdump.toString(), "-h", dir.resolve("out/member-0001.nc").toString()));
            assertTrue(member.stdout().contains("lev:formula_terms = \"sigma: lev ps: surface_pressure ptop: ptop\""),
                    member.stdout());
        }
    }

    @Test
    void badInputsFailWithOneLineBeforeAnyMemberStarts() throws Exception {
        write(ENSEMBLE.replace("name: drag.rate", "name: drag.rat"));
        Cli.Outcome unknown = ferrel("ensemble", "ensemble.yaml", "-o", "out");
        assertEquals(3, unknown.exitCode(), unknown.toString());
        assertEquals("ferrel ensemble: error: ensemble.yaml:8: sampling.parameters[0].name: unknown parameter 'drag.rat'; the"
                + " scenario's model has [gravity, drag.rate]\n", unknown.stderr());
        assertFalse(Files.exists(dir.resolve("out")));

        write(ENSEMBLE);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli.Outcome unreachable = ferrel("ensemble", "ensemble.yaml", "-o", "out", "--master", "spark://127.0.0.1:" + port);
        assertEquals(3, unreachable.exitCode(), unreachable.toString());
        assertTrue(unreachable.stderr().contains("ferrel ensemble: error: cannot reach the Spark master at spark://127.0.0.1:" + port),
                unreachable.stderr());
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
