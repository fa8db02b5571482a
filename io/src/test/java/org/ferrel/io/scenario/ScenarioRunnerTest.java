package org.ferrel.io.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ferrel.dycore.model.BlowUpException;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.netcdf.LatLonRecordWriter;
import org.ferrel.io.netcdf.RestartFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/** Runs small scenarios end to end in-process: output, restarts, interruption and resume, refusals. */
public class ScenarioRunnerTest {
    static final String SMALL = """
            name: small
            grid: {resolution: 11.25}
            dynamics: {timeStep: 1200 s}
            initial: {case: williamson6}
            run: {length: 2 days}
            output: {interval: 3 hours, variables: [h, u, v, vorticity, surface, topography]}
            restart: {interval: 12 hours}
            """;

    private static final class Interrupt extends RuntimeException {
    }

    /** Stops a run by throwing after the given step, as a crash or kill would (without cleaning up). */
    private static ProgressListener stopAfter(long step) {
        return new ProgressListener() {
            @Override
            public void advanced(long k) {
                if (k == step) {
                    throw new Interrupt();
                }
            }
        };
    }

    private static ScenarioRunner.Options options(Path dir, boolean resume, boolean overwrite, ProgressListener p, List<String> log) {
        return new ScenarioRunner.Options(dir, resume, overwrite, 1, p, log::add);
    }

    @Test
    void writesCompleteOutputRestartsAndScenario(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioFile.parse(SMALL, "small.yaml");
        List<String> log = new ArrayList<>();
        ScenarioRunner.Result r = ScenarioRunner.run(s, options(tmp, false, false, ProgressListener.NONE, log));
        assertEquals(17, r.records()); // t = 0, 3 h, ..., 48 h
        assertEquals(tmp.resolve("small.nc"), r.output());
        assertFalse(Files.exists(LatLonRecordWriter.partFileOf(r.output())));
        assertEquals(SMALL, Files.readString(tmp.resolve("scenario.yaml")));
        try (var files = Files.list(tmp.resolve("restart"))) {
            assertEquals(List.of("restart_0000000036.nc", "restart_0000000072.nc", "restart_0000000108.nc",
                    "restart_0000000144.nc"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        RestartFile.Restart last = RestartFile.read(tmp.resolve("restart/restart_0000000144.nc"));
        assertEquals(144, last.step());
        assertEquals(17, last.outputRecords());
        assertEquals(s.digest(), last.scenarioDigest());
        try (NetcdfFile f = NetcdfFile.open(r.output().toString())) {
            double[] time = (double[]) f.findVariable("time").read().get1DJavaArray(double.class);
            assertEquals(17, time.length);
            assertEquals(0.0, time[0]);
            assertEquals(48 * 3600.0, time[16]);
            assertEquals("seconds since 2000-01-01 00:00:00", f.findVariable("time").findAttribute("units").getStringValue());
            double[] mass = (double[]) f.findVariable("total_mass").read().get1DJavaArray(double.class);
            assertEquals(0.0, (mass[16] - mass[0]) / mass[0], 1e-13, "mass is conserved");
            // the last record's h is the restart's h (both at centres, exactly)
            double[] h = (double[]) f.findVariable("h").read(new int[] {16, 0, 0}, new int[] {1, 16, 32})
                    .get1DJavaArray(double.class);
            assertArrayEquals(last.stateField("h").values(), h);
            // surface = h + b, and case 6 has no mountain
            double[] surface = (double[]) f.findVariable("surface").read(new int[] {16, 0, 0}, new int[] {1, 16, 32})
                    .get1DJavaArray(double.class);
            assertArrayEquals(h, surface);
        }
    }

    @Test
    void resumedRunEqualsUninterruptedRunBitForBit(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioFile.parse(SMALL, "small.yaml");
        List<String> log = new ArrayList<>();
        Path whole = tmp.resolve("whole");
        ScenarioRunner.run(s, options(whole, false, false, ProgressListener.NONE, log));
        Path broken = tmp.resolve("broken");
        // stopped at step 60: records up to step 54 and a restart at step 36 exist; records after 36 must be dropped
        assertThrows(Interrupt.class, () -> ScenarioRunner.run(s, options(broken, false, false, stopAfter(60), log)));
        assertTrue(Files.exists(broken.resolve(".small.nc.part")));
        assertFalse(Files.exists(broken.resolve("small.nc")));
        // a second plain run refuses to clobber the interrupted one
        ScenarioRunner.RunException refused = assertThrows(ScenarioRunner.RunException.class,
                () -> ScenarioRunner.run(s, options(broken, false, false, ProgressListener.NONE, log)));
        assertTrue(refused.getMessage().contains("holds an interrupted run"), refused.getMessage());
        ScenarioRunner.Result r = ScenarioRunner.run(s, options(broken, true, false, ProgressListener.NONE, log));
        assertEquals(36, r.firstStep());
        assertTrue(log.stream().anyMatch(l -> l.contains("resuming from") && l.contains("step 36")), log.toString());
        assertSameData(whole.resolve("small.nc"), broken.resolve("small.nc"));
        // resuming a complete run does nothing
        ScenarioRunner.run(s, options(broken, true, false, ProgressListener.NONE, log));
        assertTrue(log.getLast().contains("already complete"));
    }

    @Test
    void meanOutputWithTimeBoundsResumesToo(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioFile.parse(SMALL.replace("variables: [h, u, v, vorticity, surface, topography]}",
                "variables: [h, u, topography], statistic: mean}"), "m.yaml");
        List<String> log = new ArrayList<>();
        ScenarioRunner.run(s, options(tmp.resolve("a"), false, false, ProgressListener.NONE, log));
        assertThrows(Interrupt.class, () -> ScenarioRunner.run(s, options(tmp.resolve("b"), false, false, stopAfter(31), log)));
        ScenarioRunner.run(s, options(tmp.resolve("b"), true, false, ProgressListener.NONE, log));
        assertSameData(tmp.resolve("a/small.nc"), tmp.resolve("b/small.nc"));
        try (NetcdfFile f = NetcdfFile.open(tmp.resolve("a/small.nc").toString())) {
            double[] bounds = (double[]) f.findVariable("time_bnds").read().get1DJavaArray(double.class);
            assertEquals(32, bounds.length); // 16 intervals, no record at t = 0
            assertEquals(0.0, bounds[0]);
            assertEquals(3 * 3600.0, bounds[1]);
            assertEquals("time: mean area: mean", f.findVariable("h").findAttribute("cell_methods").getStringValue());
            assertEquals("time: mean", f.findVariable("u").findAttribute("cell_methods").getStringValue());
            assertEquals("time: mean", f.findVariable("total_mass").findAttribute("cell_methods").getStringValue());
            assertEquals(2, f.findVariable("topography").getRank(), "the topography is written once, without time");
        }
    }

    @Test
    void refusesToReplaceACompleteRunAndResumeOfAnotherScenario(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioFile.parse(SMALL, "small.yaml");
        List<String> log = new ArrayList<>();
        ScenarioRunner.run(s, options(tmp, false, false, ProgressListener.NONE, log));
        long before = Files.getLastModifiedTime(tmp.resolve("small.nc")).toMillis();
        ScenarioRunner.RunException e = assertThrows(ScenarioRunner.RunException.class,
                () -> ScenarioRunner.run(s, options(tmp, false, false, ProgressListener.NONE, log)));
        assertTrue(e.getMessage().contains("already holds a complete run"), e.getMessage());
        assertEquals(before, Files.getLastModifiedTime(tmp.resolve("small.nc")).toMillis());

        assertThrows(Interrupt.class, () -> ScenarioRunner.run(s, options(tmp.resolve("x"), false, false, stopAfter(40), log)));
        Scenario changed = ScenarioFile.parse(SMALL.replace("williamson6", "williamson5"), "changed.yaml");
        ScenarioRunner.RunException other = assertThrows(ScenarioRunner.RunException.class,
                () -> ScenarioRunner.run(changed, options(tmp.resolve("x"), true, false, ProgressListener.NONE, log)));
        assertTrue(other.getMessage().contains("holds a run of another scenario"), other.getMessage());
        ScenarioRunner.run(changed, options(tmp.resolve("x"), false, true, ProgressListener.NONE, log));
        assertTrue(Files.exists(tmp.resolve("x/small.nc")));
    }

    @Test
    void unstableTimeStepIsRejectedBeforeAnyOutput(@TempDir Path tmp) {
        Scenario s = ScenarioFile.parse("""
                name: boom
                grid: {resolution: 11.25}
                dynamics: {timeStep: 1 hour}
                initial: {case: williamson6}
                run: {length: 2 days}
                output: {interval: 1 hour}
                """, "boom.yaml");
        ConfigException unstable = assertThrows(ConfigException.class, () -> ScenarioRunner.run(s,
                options(tmp, false, false, ProgressListener.NONE, new ArrayList<>())));
        assertTrue(unstable.getMessage().startsWith("boom.yaml:3: dynamics.timeStep: time step 3600.0 s is unstable"),
                unstable.getMessage());
        assertTrue(unstable.getMessage().contains("use at most 1508.7 s"), unstable.getMessage());
        assertFalse(Files.exists(tmp.resolve("boom.nc")));
        assertFalse(Files.exists(tmp.resolve(".boom.nc.part")));
    }

    @Test
    void blowUpNamesStepFieldAndPlaceAndKeepsOutputAsIncomplete(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioFile.parse(SMALL, "small.yaml");
        ScenarioRunner.run(s, options(tmp.resolve("a"), false, false, ProgressListener.NONE, new ArrayList<>()));
        // an initial state with one dry cell (h = -10 m at row 8, column 3): the run stops before its first step
        RestartFile.Restart r = RestartFile.read(tmp.resolve("a/restart/restart_0000000036.nc"));
        double[] h = r.stateField("h").values().clone();
        h[8 * 32 + 3] = -10.0;
        List<RestartFile.NamedArray> state = List.of(new RestartFile.NamedArray("h", "m", new int[] {16, 32}, h),
                r.stateField("u"), r.stateField("v"));
        RestartFile.write(tmp.resolve("bad.nc"), new RestartFile.Restart(0, 0, 0, "x", "x", state, r.parameters()));
        Path yaml = tmp.resolve("dry.yaml");
        Files.writeString(yaml, SMALL.replace("name: small", "name: dry").replace("initial: {case: williamson6}",
                "initial: {file: bad.nc}"));
        Scenario dry = ScenarioFile.read(yaml);
        List<String> log = new ArrayList<>();
        BlowUpException e = assertThrows(BlowUpException.class,
                () -> ScenarioRunner.run(dry, options(tmp.resolve("b"), false, false, ProgressListener.NONE, log)));
        assertEquals(0, e.step());
        assertEquals("h", e.field());
        assertEquals(8, e.row());
        assertTrue(e.getMessage().contains("lat"), e.getMessage());
        assertTrue(Files.exists(tmp.resolve("b/dry.incomplete.nc")));
        assertFalse(Files.exists(tmp.resolve("b/dry.nc")));
        assertTrue(log.getLast().contains("dry.incomplete.nc"));
    }

    @Test
    void initialStateFromAnEarlierRunsOutputOrRestart(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioFile.parse(SMALL, "small.yaml");
        ScenarioRunner.run(s, options(tmp.resolve("a"), false, false, ProgressListener.NONE, new ArrayList<>()));
        // from the output (fields at centres): h is taken as is, u and v are averaged back to the faces
        Path yaml = tmp.resolve("next.yaml");
        Files.writeString(yaml, SMALL.replace("name: small", "name: next")
                .replace("initial: {case: williamson6}", "initial: {file: a/small.nc, time: last}")
                .replace("length: 2 days", "length: 6 hours"));
        ScenarioRunner.run(ScenarioFile.read(yaml), options(tmp.resolve("b"), false, false, ProgressListener.NONE, new ArrayList<>()));
        try (NetcdfFile a = NetcdfFile.open(tmp.resolve("a/small.nc").toString());
             NetcdfFile b = NetcdfFile.open(tmp.resolve("b/next.nc").toString())) {
            double[] hEnd = (double[]) a.findVariable("h").read(new int[] {16, 0, 0}, new int[] {1, 16, 32}).get1DJavaArray(double.class);
            double[] hStart = (double[]) b.findVariable("h").read(new int[] {0, 0, 0}, new int[] {1, 16, 32}).get1DJavaArray(double.class);
            assertArrayEquals(hEnd, hStart);
        }
        // from a restart: the state continues exactly, so 6 more hours equal records 17.. of a longer run
        Files.writeString(yaml, SMALL.replace("name: small", "name: cont")
                .replace("initial: {case: williamson6}", "initial: {file: a/restart/restart_0000000144.nc}")
                .replace("length: 2 days", "length: 6 hours"));
        ScenarioRunner.run(ScenarioFile.read(yaml), options(tmp.resolve("c"), false, false, ProgressListener.NONE, new ArrayList<>()));
        Scenario longer = ScenarioFile.parse(SMALL.replace("length: 2 days", "length: 54 hours"), "longer.yaml");
        ScenarioRunner.run(longer, options(tmp.resolve("d"), false, false, ProgressListener.NONE, new ArrayList<>()));
        try (NetcdfFile c = NetcdfFile.open(tmp.resolve("c/cont.nc").toString());
             NetcdfFile d = NetcdfFile.open(tmp.resolve("d/small.nc").toString())) {
            double[] x = (double[]) c.findVariable("vorticity").read(new int[] {2, 0, 0}, new int[] {1, 16, 32}).get1DJavaArray(double.class);
            double[] y = (double[]) d.findVariable("vorticity").read(new int[] {18, 0, 0}, new int[] {1, 16, 32}).get1DJavaArray(double.class);
            assertArrayEquals(y, x);
        }
    }

    @Test
    void initialFileErrorsNameFileVariableAndExpectation(@TempDir Path tmp) throws Exception {
        org.ferrel.dycore.grid.LatLonGrid grid = new org.ferrel.dycore.grid.LatLonGrid(32, 16, 6.37122e6, 7.292e-5);
        double[] ones = new double[32 * 16];
        java.util.Arrays.fill(ones, 1000.0);
        org.ferrel.io.netcdf.LatLonFieldWriter.write(tmp.resolve("init.nc"), grid, List.of(
                new org.ferrel.io.netcdf.GriddedField("depth", ones, "K", "not a depth", null),
                new org.ferrel.io.netcdf.GriddedField("u", new double[32 * 16], "m s-1", "u", null),
                new org.ferrel.io.netcdf.GriddedField("v", new double[32 * 16], "m/s", "v", null)), java.util.Map.of());
        Path yaml = tmp.resolve("i.yaml");
        Files.writeString(yaml, SMALL.replace("initial: {case: williamson6}", "initial:\n  file: init.nc\n  variables: {h: depth}"));
        ConfigException units = assertThrows(ConfigException.class, () -> ScenarioRunner.run(ScenarioFile.read(yaml),
                options(tmp.resolve("o"), false, false, ProgressListener.NONE, new ArrayList<>())));
        assertTrue(units.getMessage().contains("initial.variables.h"), units.getMessage());
        assertTrue(units.getMessage().contains("'K'") && units.getMessage().contains("'gpm'"), units.getMessage());
        Files.writeString(yaml, SMALL.replace("initial: {case: williamson6}", "initial:\n  file: init.nc\n  variables: {h: height}"));
        ConfigException missing = assertThrows(ConfigException.class, () -> ScenarioRunner.run(ScenarioFile.read(yaml),
                options(tmp.resolve("o"), false, false, ProgressListener.NONE, new ArrayList<>())));
        assertTrue(missing.getMessage().contains("height") && missing.getMessage().contains("depth"), missing.getMessage());
        org.ferrel.io.netcdf.LatLonFieldWriter.write(tmp.resolve("coarse.nc"), grid, List.of(
                new org.ferrel.io.netcdf.GriddedField("h", ones, "m", "depth", null),
                new org.ferrel.io.netcdf.GriddedField("u", new double[32 * 16], "m s-1", "u", null),
                new org.ferrel.io.netcdf.GriddedField("v", new double[32 * 16], "m/s", "v", null)), java.util.Map.of());
        Files.writeString(yaml, SMALL.replace("11.25", "5.625").replace("initial: {case: williamson6}",
                "initial:\n  file: coarse.nc"));
        ConfigException grid2 = assertThrows(ConfigException.class, () -> ScenarioRunner.run(ScenarioFile.read(yaml),
                options(tmp.resolve("o"), false, false, ProgressListener.NONE, new ArrayList<>())));
        assertTrue(grid2.getMessage().contains("is on a 32 x 16 lon-lat grid; the scenario's grid is 64 x 32"), grid2.getMessage());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing is written before the inputs are checked");
    }

    @Test
    void anotherScenarioDoesNotTouchAnInterruptedRun(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioFile.parse(SMALL, "small.yaml");
        List<String> log = new ArrayList<>();
        assertThrows(Interrupt.class, () -> ScenarioRunner.run(s, options(tmp, false, false, stopAfter(80), log)));
        List<Path> restarts = RestartFile.all(tmp.resolve("restart"));
        assertEquals(2, restarts.size());
        Scenario other = ScenarioFile.parse(SMALL.replace("name: small", "name: other"), "other.yaml");
        ScenarioRunner.RunException e = assertThrows(ScenarioRunner.RunException.class,
                () -> ScenarioRunner.run(other, options(tmp, false, false, ProgressListener.NONE, log)));
        assertTrue(e.getMessage().contains("holds a run of another scenario (scenario.yaml, .small.nc.part, 2 restart files)"),
                e.getMessage());
        assertEquals(restarts, RestartFile.all(tmp.resolve("restart")));
        assertEquals(SMALL, Files.readString(tmp.resolve("scenario.yaml")));
        // resuming a complete run with a changed scenario is refused, not reported as complete
        ScenarioRunner.run(s, options(tmp, true, false, ProgressListener.NONE, log));
        Scenario longer = ScenarioFile.parse(SMALL.replace("length: 2 days", "length: 3 days"), "longer.yaml");
        ScenarioRunner.RunException changed = assertThrows(ScenarioRunner.RunException.class,
                () -> ScenarioRunner.run(longer, options(tmp, true, false, ProgressListener.NONE, log)));
        assertTrue(changed.getMessage().contains("holds a run of another scenario"), changed.getMessage());
    }

    @Test
    void resumeFallsBackToAnOlderRestartAndSurvivesAnInterruptedResume(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioFile.parse(SMALL, "small.yaml");
        List<String> log = new ArrayList<>();
        ScenarioRunner.run(s, options(tmp.resolve("whole"), false, false, ProgressListener.NONE, log));
        Path dir = tmp.resolve("broken");
        assertThrows(Interrupt.class, () -> ScenarioRunner.run(s, options(dir, false, false, stopAfter(110), log)));
        // the latest restart (step 108) is damaged: the one before (step 72) is used
        Path latest = dir.resolve("restart/restart_0000000108.nc");
        Files.write(latest, java.util.Arrays.copyOf(Files.readAllBytes(latest), 300));
        // and the resume itself is interrupted after a few steps, then resumed again
        assertThrows(Interrupt.class, () -> ScenarioRunner.run(s, options(dir, true, false, stopAfter(80), log)));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("skipping restart_0000000108.nc")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("resuming from") && l.contains("step 72")), log.toString());
        ScenarioRunner.run(s, options(dir, true, false, ProgressListener.NONE, log));
        assertSameData(tmp.resolve("whole/small.nc"), dir.resolve("small.nc"));
    }

    @Test
    void resumeWithNoUsableRestartChangesNothing(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioFile.parse(SMALL, "small.yaml");
        List<String> log = new ArrayList<>();
        assertThrows(Interrupt.class, () -> ScenarioRunner.run(s, options(tmp, false, false, stopAfter(80), log)));
        List<Path> restarts = RestartFile.all(tmp.resolve("restart"));
        assertEquals(2, restarts.size());
        for (Path r : restarts) {
            Files.write(r, java.util.Arrays.copyOf(Files.readAllBytes(r), 300));
        }
        byte[] part = Files.readAllBytes(tmp.resolve(".small.nc.part"));
        ScenarioRunner.RunException e = assertThrows(ScenarioRunner.RunException.class,
                () -> ScenarioRunner.run(s, options(tmp, true, false, ProgressListener.NONE, log)));
        assertTrue(e.getMessage().startsWith("cannot resume: none of the 2 restart files in "), e.getMessage());
        assertEquals(restarts, RestartFile.all(tmp.resolve("restart")));
        org.junit.jupiter.api.Assertions.assertArrayEquals(part, Files.readAllBytes(tmp.resolve(".small.nc.part")));
        assertEquals(2, log.stream().filter(l -> l.startsWith("skipping restart_")).count(), log.toString());
    }

    @Test
    void automaticTimeStepIsStableAndFallsOnOutputTimes(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioFile.parse("""
                name: wave
                grid: {resolution: 5.625}
                initial: {case: williamson6}
                run: {length: 1 day}
                output: {interval: 6 hours}
                """, "wave.yaml");
        List<String> log = new ArrayList<>();
        ScenarioRunner.Result r = ScenarioRunner.run(s, options(tmp, false, false, ProgressListener.NONE, log));
        // case 6 at 5.6 degrees: 2 (sqrt(g h) + |u|) sqrt(1/dx^2 + 1/dy^2) dt <= sqrt(3) allows about 740 s
        assertEquals(600.0, r.timeStep());
        assertEquals(5, r.records());
        assertTrue(log.getFirst().equals("time step: 10 min (automatic)"), log.toString());
    }

    @Test
    void resumeDoesNotReadTheInitialFileAgain(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioFile.parse(SMALL, "small.yaml");
        ScenarioRunner.run(s, options(tmp.resolve("a"), false, false, ProgressListener.NONE, new ArrayList<>()));
        Path yaml = tmp.resolve("next.yaml");
        Files.writeString(yaml, SMALL.replace("name: small", "name: next")
                .replace("initial: {case: williamson6}", "initial: {file: a/small.nc}"));
        Scenario next = ScenarioFile.read(yaml);
        assertThrows(Interrupt.class, () -> ScenarioRunner.run(next, options(tmp.resolve("b"), false, false, stopAfter(40),
                new ArrayList<>())));
        Files.move(tmp.resolve("a/small.nc"), tmp.resolve("moved.nc"));
        ScenarioRunner.Result r = ScenarioRunner.run(next, options(tmp.resolve("b"), true, false, ProgressListener.NONE,
                new ArrayList<>()));
        assertEquals(36, r.firstStep());
    }

    @Test
    void oneRunPerDirectoryAtATime(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioFile.parse(SMALL, "small.yaml");
        List<String> log = new ArrayList<>();
        // a second run into the same directory while the first is running is refused, the first is not disturbed
        ScenarioRunner.RunException[] second = new ScenarioRunner.RunException[1];
        ProgressListener startSecond = new ProgressListener() {
            @Override
            public void advanced(long k) {
                if (k == 5) {
                    second[0] = assertThrows(ScenarioRunner.RunException.class,
                            () -> ScenarioRunner.run(s, options(tmp, false, true, ProgressListener.NONE, log)));
                }
            }
        };
        ScenarioRunner.run(s, options(tmp, false, false, startSecond, log));
        assertTrue(second[0].getMessage().startsWith("another ferrel run is writing to " + tmp), second[0].getMessage());
        assertTrue(Files.exists(tmp.resolve("small.nc")));
        // released afterwards
        ScenarioRunner.run(s, options(tmp, false, true, ProgressListener.NONE, log));
    }

    public static void assertSameData(Path a, Path b) throws IOException {
        try (NetcdfFile fa = NetcdfFile.open(a.toString()); NetcdfFile fb = NetcdfFile.open(b.toString())) {
            assertEquals(fa.getVariables().size(), fb.getVariables().size());
            for (Variable va : fa.getVariables()) {
                Variable vb = fb.findVariable(va.getFullName());
                assertArrayEquals(va.getShape(), vb.getShape(), va.getFullName());
                double[] x = (double[]) va.read().get1DJavaArray(double.class);
                double[] y = (double[]) vb.read().get1DJavaArray(double.class);
                for (int i = 0; i < x.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(x[i]), Double.doubleToRawLongBits(y[i]),
                            va.getFullName() + "[" + i + "]");
                }
            }
        }
    }
}
