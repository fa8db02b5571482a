package org.ferrel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;

/** {@code ferrel run} as a user runs it: a separate JVM, files on disk, exit codes and messages. */
class RunCommandEndToEndTest {
    static final String SCENARIO = """
            name: wave
            grid: {resolution: 2.8125}
            dynamics: {timeStep: 360 s}
            initial: {case: williamson6}
            run: {length: 6 days}
            output: {interval: 6 hours}
            restart: {interval: 12 hours}
            """;

    @Test
    void defaultScenarioWritesCfOutputThatToolsRead(@TempDir Path dir) throws Exception {
        Cli.Outcome o = Cli.run(dir, "run", "--progress", "log");
        assertEquals(0, o.exitCode(), o.toString());
        Path output = dir.resolve("ferrel-out/williamson5/williamson5.nc");
        assertEquals(Path.of("ferrel-out/williamson5/williamson5.nc").toString(), o.stdout().strip());
        assertTrue(o.stderr().contains("day 15.00 of 15.00 (100%)"), o.stderr());
        try (NetcdfFile f = NetcdfFile.open(output.toString())) {
            assertEquals("CF-1.8", f.findGlobalAttribute("Conventions").getStringValue());
            assertTrue(f.findGlobalAttribute("scenario").getStringValue().contains("case: williamson5"));
            assertEquals("seconds since 2000-01-01 00:00:00", NetcdfAssertions.attribute(f, "time", "units"));
            assertEquals("proleptic_gregorian", NetcdfAssertions.attribute(f, "time", "calendar"));
            assertEquals("degrees_north", NetcdfAssertions.attribute(f, "lat", "units"));
            assertEquals("lat_bnds", NetcdfAssertions.attribute(f, "lat", "bounds"));
            assertEquals("degrees_east", NetcdfAssertions.attribute(f, "lon", "units"));
            assertEquals("eastward_wind", NetcdfAssertions.attribute(f, "u", "standard_name"));
            assertEquals("m s-1", NetcdfAssertions.attribute(f, "u", "units"));
            double[] time = NetcdfAssertions.read(f, "time");
            assertEquals(61, time.length);
            assertEquals(15 * 86400.0, time[60]);
            double[] lat = NetcdfAssertions.read(f, "lat");
            assertEquals(-88.59375, lat[0], 1e-12);
            double[] latBounds = NetcdfAssertions.read(f, "lat_bnds");
            assertEquals(-90.0, latBounds[0], 1e-12);
            assertEquals(90.0, latBounds[latBounds.length - 1], 1e-12);
            // Williamson case 5 starts from h + b = 5960 m - (a Omega u0 + u0^2/2) sin^2(lat) / g with u0 = 20 m/s
            double[] surface = NetcdfAssertions.read(f, "surface");
            double a = 6.37122e6;
            double omega = 7.292e-5;
            double u0 = 20;
            double sin = Math.sin(Math.toRadians(lat[0]));
            double expected = 5960 - (a * omega * u0 + u0 * u0 / 2) * sin * sin / 9.80616;
            assertEquals(expected, surface[0], 1e-9);
            double[] mass = NetcdfAssertions.read(f, "total_mass");
            assertEquals(0.0, (mass[60] - mass[0]) / mass[0], 1e-12, "case 5 conserves mass to 1e-12");
            double[] u = NetcdfAssertions.read(f, "u");
            double max = 0;
            for (double x : u) {
                max = Math.max(max, Math.abs(x));
            }
            assertTrue(max > 15 && max < 60, "zonal wind of case 5 stays near its 20 m/s: max " + max);
        }
        assertTrue(Files.exists(dir.resolve("ferrel-out/williamson5/restart/restart_0000002880.nc")));
        assertTrue(Files.exists(dir.resolve("ferrel-out/williamson5/scenario.yaml")));

        Path ncdump = Path.of("/usr/bin/ncdump");
        if (Files.isExecutable(ncdump)) {
            Cli.Outcome dump = Cli.runCommand(dir, List.of(ncdump.toString(), "-h", output.toString()));
            assertEquals(0, dump.exitCode(), dump.toString());
            assertTrue(dump.stdout().contains("time = UNLIMITED ; // (61 currently)"), dump.stdout());
            assertTrue(dump.stdout().contains("double h(time, lat, lon)"), dump.stdout());
        }
        Path cdo = Path.of("/usr/bin/cdo");
        if (Files.isExecutable(cdo)) {
            Cli.Outcome info = Cli.runCommand(dir, List.of(cdo.toString(), "sinfon", output.toString()));
            assertEquals(0, info.exitCode(), info.toString());
            assertTrue(info.stdout().contains("61 steps"), info.stdout());
            assertTrue(info.stdout().contains("lonlat"), info.stdout());
            assertTrue(info.stdout().contains("2000-01-16 00:00:00"), info.stdout());
        }
    }

    @Test
    void toolsAreInstalledInCi() {
        assumeTrue("true".equals(System.getenv("CI")), "only on CI, whose .ci/run installs netcdf-bin and cdo");
        assertTrue(Files.isExecutable(Path.of("/usr/bin/ncdump")), "ncdump");
        assertTrue(Files.isExecutable(Path.of("/usr/bin/cdo")), "cdo");
    }

    @Test
    void killedRunResumesToTheSameBits(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("wave.yaml"), SCENARIO);
        Cli.Outcome whole = Cli.run(dir, "run", "wave.yaml", "-o", "whole", "--progress", "none");
        assertEquals(0, whole.exitCode(), whole.toString());

        Process p = Cli.start(dir, "run", "wave.yaml", "-o", "killed", "--progress", "none");
        Path restarts = dir.resolve("killed/restart");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.isDirectory(restarts)) {
                try (var files = Files.list(restarts)) {
                    if (files.filter(f -> f.getFileName().toString().startsWith("restart_")).count() >= 2) {
                        break;
                    }
                }
            }
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the run ended before it could be killed; stderr: " + Files.readString(dir.resolve("stderr.txt")));
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        assertEquals(137, p.exitValue());
        assertFalse(Files.exists(dir.resolve("killed/wave.nc")), "a killed run leaves no file under the final name");
        assertTrue(Files.exists(dir.resolve("killed/.wave.nc.part")));

        Cli.Outcome again = Cli.run(dir, "run", "wave.yaml", "-o", "killed", "--progress", "none");
        assertEquals(3, again.exitCode(), again.toString());
        assertTrue(again.stderr().contains("holds an interrupted run"), again.stderr());

        // resuming needs only the directory: its scenario.yaml is the scenario that wrote it
        Cli.Outcome resumed = Cli.run(dir, "run", "-o", "killed", "--resume", "--progress", "none");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.stderr().contains("resuming from"), resumed.stderr());
        NetcdfAssertions.assertSameData(dir.resolve("whole/wave.nc"), dir.resolve("killed/wave.nc"));
        try (NetcdfFile f = NetcdfFile.open(dir.resolve("killed/wave.nc").toString())) {
            double[] time = NetcdfAssertions.read(f, "time");
            assertEquals(25, time.length);
            for (int k = 0; k < time.length; k++) {
                assertEquals(k * 6 * 3600.0, time[k], "no duplicated or missing times");
            }
        }
    }

    @Test
    void helpVersionAndUsageErrors(@TempDir Path dir) throws Exception {
        Cli.Outcome help = Cli.run(dir, "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("run") && help.stdout().contains("Exit codes"), help.stdout());
        Cli.Outcome runHelp = Cli.run(dir, "run", "--help");
        assertEquals(0, runHelp.exitCode());
        assertTrue(runHelp.stdout().contains("--resume"), runHelp.stdout());
        Cli.Outcome version = Cli.run(dir, "--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.stdout().startsWith("ferrel "), version.stdout());
        assertTrue(version.stdout().contains("OpenCL devices:"), version.stdout());
        if ("true".equals(System.getenv("CI"))) {
            // .ci/run installs PoCL: its CPU device is listed
            assertFalse(version.stdout().contains("OpenCL devices: none"), version.stdout());
        }
        Cli.Outcome unknown = Cli.run(dir, "run", "--frobnicate");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.stderr().contains("Unknown option: '--frobnicate'"), unknown.stderr());
        Cli.Outcome printed = Cli.run(dir, "run", "--print-default");
        assertEquals(0, printed.exitCode());
        assertTrue(printed.stdout().contains("case: williamson5"));
    }

    @Test
    void launcherScriptRunsTheBuiltJar(@TempDir Path dir) throws Exception {
        Path launcher = Cli.root().resolve("bin/ferrel");
        assumeTrue(Files.exists(Cli.root().resolve("cli/target/ferrel.jar")), "the jar is built in the package phase");
        Cli.Outcome o = Cli.runCommand(dir, List.of(launcher.toString(), "--version"));
        assertEquals(0, o.exitCode(), o.toString());
        assertTrue(o.stdout().startsWith("ferrel "), o.stdout());
        assertTrue(o.stdout().contains("SIMD kernels: on"), "bin/ferrel enables the vector API: " + o.stdout());
        assertEquals("", o.stderr(), "nothing but the JVM's notice on stderr");
    }
}
