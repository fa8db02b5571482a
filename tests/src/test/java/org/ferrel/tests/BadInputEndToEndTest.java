package org.ferrel.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inputs to {@code ferrel run}: each gives one clear line naming the file, the key or variable
 * and what was expected, exit code 3, and leaves an earlier complete run in the output directory untouched.
 */
class BadInputEndToEndTest {
    static final String GOOD = """
            name: small
            grid: {resolution: 11.25}
            dynamics: {timeStep: 1200 s}
            initial: {case: williamson6}
            run: {length: 1 day}
            output: {interval: 6 hours}
            restart: {interval: 12 hours}
            """;

    @TempDir
    static Path dir;
    static byte[] earlierOutput;

    @BeforeAll
    static void earlierRun() throws Exception {
        Files.writeString(dir.resolve("good.yaml"), GOOD);
        Cli.Outcome o = Cli.run(dir, "run", "good.yaml", "-o", "out", "--progress", "none");
        assertEquals(0, o.exitCode(), o.toString());
        earlierOutput = Files.readAllBytes(dir.resolve("out/small.nc"));
    }

    private static String failsWith(String yaml) throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), yaml);
        Cli.Outcome o = Cli.run(dir, "run", "bad.yaml", "-o", "out", "--overwrite", "--progress", "none");
        assertEquals(3, o.exitCode(), o.toString());
        assertArrayEquals(earlierOutput, Files.readAllBytes(dir.resolve("out/small.nc")), "the earlier output is untouched");
        assertFalse(Files.exists(dir.resolve("out/.small.nc.part")));
        String[] lines = o.stderr().strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void malformedYaml() throws Exception {
        String e = failsWith("name: small\ngrid: {resolution: 11.25\n");
        assertTrue(e.startsWith("ferrel run: error: bad.yaml:3: not valid YAML"), e);
    }

    @Test
    void unknownKey() throws Exception {
        String e = failsWith(GOOD.replace("run: {length: 1 day}", "run: {lenght: 1 day}"));
        assertEquals("ferrel run: error: bad.yaml:5: run.lenght: unknown key (did you mean 'length'?); allowed here: length, start", e);
    }

    @Test
    void wrongTypeAndUnits() throws Exception {
        String e = failsWith(GOOD.replace("1200 s", "20 parsecs"));
        assertTrue(e.startsWith("ferrel run: error: bad.yaml:3: dynamics.timeStep: unknown time unit \"parsecs\""), e);
    }

    @Test
    void missingInitialFile() throws Exception {
        String e = failsWith(GOOD.replace("initial: {case: williamson6}", "initial: {file: nowhere.nc}"));
        assertTrue(e.startsWith("ferrel run: error: bad.yaml:4: initial.file:"), e);
        assertTrue(e.contains("nowhere.nc"), e);
    }

    @Test
    void truncatedNetcdfInitialFile() throws Exception {
        byte[] restart = Files.readAllBytes(dir.resolve("out/restart/restart_0000000036.nc"));
        Files.write(dir.resolve("truncated.nc"), java.util.Arrays.copyOf(restart, restart.length / 3));
        String e = failsWith(GOOD.replace("initial: {case: williamson6}", "initial: {file: truncated.nc}"));
        assertTrue(e.startsWith("ferrel run: error: bad.yaml:4: initial.file:"), e);
        assertTrue(e.contains("truncated.nc"), e);
    }

    /**
     * A copy of the earlier run's last restart with one value of a state field replaced, written as
     * Ferrel writes restarts (its checksum matches the new value).
     */
    private static void restartWith(String name, String field, int j, int i, double value) throws Exception {
        org.ferrel.io.netcdf.RestartFile.Restart r = org.ferrel.io.netcdf.RestartFile.read(dir.resolve("out/restart/restart_0000000072.nc"));
        java.util.List<org.ferrel.io.netcdf.RestartFile.NamedArray> state = new java.util.ArrayList<>();
        for (org.ferrel.io.netcdf.RestartFile.NamedArray a : r.state()) {
            double[] x = a.values().clone();
            if (a.name().equals(field)) {
                x[j * a.shape()[1] + i] = value;
            }
            state.add(new org.ferrel.io.netcdf.RestartFile.NamedArray(a.name(), a.units(), a.shape(), x));
        }
        org.ferrel.io.netcdf.RestartFile.write(dir.resolve(name), new org.ferrel.io.netcdf.RestartFile.Restart(r.step(), r.time(),
                r.outputRecords(), r.scenarioDigest(), r.scenarioText(), state, r.parameters()));
    }

    /** A copy of the earlier run's last restart with one value of {@code variable} changed in place (its checksum does not match). */
    private static void damagedRestart(String name, String variable, int j, int i, double value) throws Exception {
        Files.copy(dir.resolve("out/restart/restart_0000000072.nc"), dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ucar.nc2.NetcdfFileWriter w = ucar.nc2.NetcdfFileWriter.openExisting(dir.resolve(name).toString());
        try {
            ucar.ma2.ArrayDouble.D2 one = new ucar.ma2.ArrayDouble.D2(1, 1);
            one.set(0, 0, value);
            w.write(w.findVariable(variable), new int[] {j, i}, one);
        } finally {
            w.close();
        }
    }

    @Test
    void nanInRestartInitialFileIsBlamedOnTheFileAndField() throws Exception {
        restartWith("nan.nc", "h", 3, 5, Double.NaN);
        String e = failsWith(GOOD.replace("initial: {case: williamson6}", "initial: {file: nan.nc}"));
        assertEquals("ferrel run: error: bad.yaml:4: initial.file: " + dir.resolve("nan.nc").toAbsolutePath()
                + " (a Ferrel restart): field 'h' is NaN at row 3, column 5 (lat -50.63, lon 56.25 of the cell);"
                + " initial fields must be finite", e);
        assertFalse(e.contains("timeStep"), e);

        restartWith("inf.nc", "u", 0, 31, Double.POSITIVE_INFINITY);
        String u = failsWith(GOOD.replace("initial: {case: williamson6}", "initial: {file: inf.nc}"));
        assertTrue(u.startsWith("ferrel run: error: bad.yaml:4: initial.file: ") && u.contains("inf.nc (a Ferrel restart): field 'u' is"
                + " Infinity at row 0, column 31 (lat -84.38, lon 348.75 of the cell)"), u);
    }

    @Test
    void damagedRestartInitialFileIsRefused() throws Exception {
        damagedRestart("damaged.nc", "h", 3, 5, 5000.0);
        String e = failsWith(GOOD.replace("initial: {case: williamson6}", "initial: {file: damaged.nc}"));
        assertEquals("ferrel run: error: bad.yaml:4: initial.file: " + dir.resolve("damaged.nc").toAbsolutePath()
                + ": damaged restart file: its data do not match the SHA-256 checksum (data_sha256) written with it", e);
    }

    @Test
    void missingVariableInInitialFile() throws Exception {
        Files.copy(dir.resolve("out/small.nc"), dir.resolve("earlier.nc"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String e = failsWith(GOOD.replace("initial: {case: williamson6}",
                "initial:\n  file: earlier.nc\n  variables: {h: depth}"));
        assertTrue(e.startsWith("ferrel run: error: bad.yaml:6: initial.variables.h:"), e);
        assertTrue(e.contains("'depth'") && e.contains("earlier.nc") && e.contains("vorticity"), e);
    }

    @Test
    void wrongUnitsInInitialFile() throws Exception {
        Files.copy(dir.resolve("out/small.nc"), dir.resolve("earlier.nc"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String e = failsWith(GOOD.replace("initial: {case: williamson6}",
                "initial:\n  file: earlier.nc\n  variables: {h: vorticity}"));
        assertTrue(e.startsWith("ferrel run: error: bad.yaml:6: initial.variables.h:"), e);
        assertTrue(e.contains("'s-1'") && e.contains("'gpm'"), e);
    }

    @Test
    void missingScenarioFile() throws Exception {
        Cli.Outcome o = Cli.run(dir, "run", "absent.yaml", "-o", "out", "--overwrite");
        assertEquals(3, o.exitCode());
        assertEquals("ferrel run: error: absent.yaml: no such file", o.stderr().strip());
        assertArrayEquals(earlierOutput, Files.readAllBytes(dir.resolve("out/small.nc")));
    }
}
