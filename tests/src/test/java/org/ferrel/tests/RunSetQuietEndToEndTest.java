package org.ferrel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.ma2.DataType;
import ucar.nc2.NetcdfFile;

/** {@code ferrel run --set key=value} and {@code -q} in a separate JVM. */
class RunSetQuietEndToEndTest {

    @Test
    void setValuesAreCheckedRecordedAndQuietRunsPrintOnlyThePath(@TempDir Path dir) throws Exception {
        Cli.Outcome o = Cli.run(dir, "run", "-q", "-o", "short", "--set", "run.length=1 day", "--set", "grid.resolution=5.625",
                "--set", "dynamics.timeStep=900 s", "--set", "output.precision=float32", "--set", "restart.interval=12 hours");
        assertEquals(0, o.exitCode(), o.toString());
        assertEquals("short/williamson5.nc", o.stdout().strip());
        assertEquals("", o.stderr(), "-q: nothing on stderr");
        String recorded = Files.readString(dir.resolve("short/scenario.yaml"));
        assertTrue(recorded.contains("  length: 1 day\n"), recorded);
        assertTrue(recorded.contains("  resolution: 5.625"), recorded);
        assertTrue(recorded.contains("  precision: float32\n"), recorded);
        assertTrue(recorded.contains("restart:\n  interval: 12 hours"), recorded);
        assertTrue(recorded.startsWith("# The built-in default scenario"), "the default's comments are kept");
        try (NetcdfFile f = NetcdfFile.open(dir.resolve("short/williamson5.nc").toString())) {
            assertEquals(5, f.findDimension("time").getLength(), "1 day every 6 hours");
            assertEquals(64, f.findDimension("lon").getLength());
            assertEquals(DataType.FLOAT, f.findVariable("h").getDataType());
            assertEquals(recorded, f.findGlobalAttribute("scenario").getStringValue());
        }
        assertTrue(Files.exists(dir.resolve("short/restart/restart_0000000048.nc")));
        // the directory's scenario.yaml, with the values set, is the scenario a resume continues
        Cli.Outcome resumed = Cli.run(dir, "run", "-o", "short", "--resume");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.stderr().contains("is already complete"), resumed.stderr());
        // without -q: the start and done lines
        Cli.Outcome loud = Cli.run(dir, "run", "-o", "loud", "--progress", "log", "--set", "run.length=6 hours", "--set",
                "grid.resolution=11.25", "--set", "dynamics.timeStep=1800 s", "--set", "restart.interval=6 hours");
        assertEquals(0, loud.exitCode(), loud.toString());
        assertTrue(loud.stderr().contains("ferrel run: williamson5 (built-in default): 32 x 16 grid"), loud.stderr());
        assertTrue(loud.stderr().contains("ferrel run: done: 2 records"), loud.stderr());
    }

    @Test
    void badSetValuesStopBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        Cli.Outcome o = Cli.run(dir, "run", "-o", "bad", "--set", "output.format=netcdf5");
        assertEquals(3, o.exitCode(), o.toString());
        assertEquals("ferrel run: error: built-in default: --set output.format=netcdf5: expected one of netcdf3, netcdf4,"
                + " netcdf3-64bit, got \"netcdf5\" (did you mean 'netcdf3'?)", o.stderr().strip());
        assertEquals("", o.stdout());
        assertFalse(Files.exists(dir.resolve("bad")));

        Files.writeString(dir.resolve("s.yaml"), "name: s\ngrid: {resolution: 11.25}\nrun: {length: 1 day}\n");
        Cli.Outcome key = Cli.run(dir, "run", "s.yaml", "-o", "bad", "--set", "run.lenght=2 days");
        assertEquals(3, key.exitCode(), key.toString());
        assertTrue(key.stderr().strip().startsWith("ferrel run: error: s.yaml: --set run.lenght=2 days: unknown key (did you mean"
                + " 'length'?)"), key.stderr());
        Cli.Outcome combo = Cli.run(dir, "run", "s.yaml", "-o", "bad", "--set", "output.interval=5 hours");
        assertEquals(3, combo.exitCode(), combo.toString());
        assertTrue(combo.stderr().contains("s.yaml with --set output.interval=5 hours: run.length: expected a whole multiple of the"
                + " output interval (5 h)"), combo.stderr());
        Cli.Outcome malformed = Cli.run(dir, "run", "s.yaml", "-o", "bad", "--set", "run.length");
        assertEquals(3, malformed.exitCode(), malformed.toString());
        assertEquals("ferrel run: error: --set expected key=value (a dotted scenario key such as run.length=2 days), got"
                + " \"run.length\"", malformed.stderr().strip());
        assertFalse(Files.exists(dir.resolve("bad")));
    }
}
