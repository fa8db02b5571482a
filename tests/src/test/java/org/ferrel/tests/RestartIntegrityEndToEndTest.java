package org.ferrel.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ferrel.io.netcdf.RestartFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;

/**
 * Restart files on disk as a resume meets them: damaged data (one flipped bit), a state no run can
 * continue from, a blow-up right after a resume, retention of the latest N, and their CF metadata.
 */
class RestartIntegrityEndToEndTest {
    /** 72 steps of 20 minutes; output and restarts every 18 steps: restarts at steps 18, 36, 54, 72. */
    static final String SCENARIO = """
            name: small
            grid: {resolution: 11.25}
            dynamics: {timeStep: 1200 s}
            initial: {case: williamson6}
            run: {length: 1 day}
            output: {interval: 6 hours}
            restart: {interval: 6 hours}
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void wholeRun() throws Exception {
        Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Cli.Outcome o = Cli.run(dir, "run", "s.yaml", "-o", "whole", "--progress", "none");
        assertEquals(0, o.exitCode(), o.toString());
    }

    private static Path restart(String run, long step) {
        return dir.resolve(run + "/restart/" + RestartFile.fileName(step));
    }

    /**
     * A copy of the whole run as a run killed after its restart at step 36 leaves it: the output
     * still partial (records after the restart may be there; a resume overwrites them), no later restarts.
     */
    private static void interrupted(String name) throws Exception {
        Path copy = dir.resolve(name);
        Files.createDirectories(copy.resolve("restart"));
        Files.copy(dir.resolve("whole/scenario.yaml"), copy.resolve("scenario.yaml"));
        Files.copy(dir.resolve("whole/small.nc"), copy.resolve(".small.nc.part"));
        for (long step : new long[] {18, 36}) {
            Files.copy(restart("whole", step), restart(name, step));
        }
    }

    private static Cli.Outcome resume(String name) throws Exception {
        return Cli.run(dir, "run", "-o", name, "--resume", "--progress", "none");
    }

    /** Rewrites a restart with one value of h replaced (a consistent file: its checksum matches). */
    private static void rewriteWithDepth(Path file, int index, double value) throws Exception {
        RestartFile.Restart r = RestartFile.read(file);
        double[] h = r.stateField("h").values().clone();
        h[index] = value;
        List<RestartFile.NamedArray> state = List.of(new RestartFile.NamedArray("h", "m", r.stateField("h").shape(), h),
                r.stateField("u"), r.stateField("v"));
        RestartFile.write(file, new RestartFile.Restart(r.step(), r.time(), r.outputRecords(), r.scenarioDigest(),
                r.scenarioText(), state, r.parameters()));
    }

    @Test
    void aFlippedBitInTheDataIsDetectedAndTheRestartBeforeItIsUsed() throws Exception {
        interrupted("flipped");
        Path file = restart("flipped", 36);
        // the first value of h that occurs once in the file (big-endian IEEE 754): flip the lowest bit of its mantissa
        double[] h;
        try (NetcdfFile f = NetcdfFile.open(file.toString())) {
            h = NetcdfAssertions.read(f, "h");
        }
        byte[] bytes = Files.readAllBytes(file);
        int index = -1;
        int offset = -1;
        for (int k = 0; k < h.length && index < 0; k++) {
            List<Integer> at = occurrences(bytes, java.nio.ByteBuffer.allocate(8).putDouble(h[k]).array());
            if (at.size() == 1) {
                index = k;
                offset = at.getFirst();
            }
        }
        assertTrue(index >= 0, "some value of h occurs once in the file");
        bytes[offset + 7] ^= 1;
        Files.write(file, bytes);
        try (NetcdfFile f = NetcdfFile.open(file.toString())) {
            assertEquals(Double.doubleToRawLongBits(h[index]) ^ 1, Double.doubleToRawLongBits(NetcdfAssertions.read(f, "h")[index]),
                    "the file is still valid NetCDF: one value of h differs in its last bit");
        }

        Cli.Outcome o = resume("flipped");
        assertEquals(0, o.exitCode(), o.toString());
        assertTrue(o.stderr().contains("ferrel run: skipping restart_0000000036.nc: flipped/restart/restart_0000000036.nc: damaged"
                + " restart file: its data do not match the SHA-256 checksum (data_sha256) written with it\n"), o.stderr());
        assertTrue(o.stderr().contains("ferrel run: resuming from flipped/restart/restart_0000000018.nc (step 18, day 0.25)"), o.stderr());
        NetcdfAssertions.assertSameData(dir.resolve("whole/small.nc"), dir.resolve("flipped/small.nc"));
    }

    private static List<Integer> occurrences(byte[] bytes, byte[] pattern) {
        List<Integer> at = new ArrayList<>();
        for (int k = 0; k + pattern.length <= bytes.length; k++) {
            if (Arrays.equals(bytes, k, k + pattern.length, pattern, 0, pattern.length)) {
                at.add(k);
            }
        }
        return at;
    }

    @Test
    void aRestartHoldingNaNIsSkipped() throws Exception {
        interrupted("nan");
        rewriteWithDepth(restart("nan", 36), 5 * 32 + 7, Double.NaN);
        Cli.Outcome o = resume("nan");
        assertEquals(0, o.exitCode(), o.toString());
        assertTrue(o.stderr().contains("ferrel run: skipping restart_0000000036.nc: field 'h' is NaN at row 5, column 7"), o.stderr());
        assertTrue(o.stderr().contains("restart_0000000018.nc (step 18"), o.stderr());
        NetcdfAssertions.assertSameData(dir.resolve("whole/small.nc"), dir.resolve("nan/small.nc"));
    }

    @Test
    void aBlowUpRightAfterAResumeKeepsTheRunResumable() throws Exception {
        interrupted("blowup");
        // a consistent restart at step 36 (its checksum matches) from which the run blows up at once: one cell of
        // negative depth
        rewriteWithDepth(restart("blowup", 36), 8 * 32 + 3, -10);
        Cli.Outcome first = resume("blowup");
        assertEquals(1, first.exitCode(), first.toString());
        assertTrue(first.stderr().contains("restart_0000000036.nc (step 36"), first.stderr());
        assertTrue(first.stderr().contains("ferrel run: error: the run blew up: run blew up at step 36: h[8][3] = -10.0"), first.stderr());
        assertTrue(Files.exists(dir.resolve("blowup/small.incomplete.nc")));
        assertFalse(Files.exists(dir.resolve("blowup/.small.nc.part")));

        // resuming again continues from the latest restart (and blows up again: the same state gives the same bits),
        // instead of finding no restart that fits and starting from step 0 over the run
        Cli.Outcome again = resume("blowup");
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.stderr().contains("continuing the output kept after the blow-up: small.incomplete.nc"), again.stderr());
        assertTrue(again.stderr().contains("restart_0000000036.nc (step 36"), again.stderr());
        assertFalse(again.stderr().contains("starting from the beginning"), again.stderr());
        assertTrue(Files.exists(restart("blowup", 18)) && Files.exists(restart("blowup", 36)));

        // without the restart that blows up, the one before it continues the run to the uninterrupted run's bits
        Files.delete(restart("blowup", 36));
        Cli.Outcome fixed = resume("blowup");
        assertEquals(0, fixed.exitCode(), fixed.toString());
        assertTrue(fixed.stderr().contains("restart_0000000018.nc (step 18"), fixed.stderr());
        NetcdfAssertions.assertSameData(dir.resolve("whole/small.nc"), dir.resolve("blowup/small.nc"));
        assertFalse(Files.exists(dir.resolve("blowup/small.incomplete.nc")));

        // a plain run on a directory whose run blew up says so
        Files.createDirectories(dir.resolve("blown"));
        interrupted("blown");
        rewriteWithDepth(restart("blown", 36), 8 * 32 + 3, -10);
        assertEquals(1, resume("blown").exitCode());
        Cli.Outcome plain = Cli.run(dir, "run", "s.yaml", "-o", "blown", "--progress", "none");
        assertEquals(3, plain.exitCode(), plain.toString());
        assertTrue(plain.stderr().contains("holds a run that blew up (scenario.yaml, small.incomplete.nc, 2 restart files);"
                + " use --overwrite to start again, or --resume to continue it from its latest restart"), plain.stderr());
    }

    @Test
    void keepsTheLatestRestartsOnly() throws Exception {
        Cli.Outcome o = Cli.run(dir, "run", "s.yaml", "-o", "kept", "--keep-restarts", "2", "--progress", "none");
        assertEquals(0, o.exitCode(), o.toString());
        assertEquals(List.of(restart("kept", 54), restart("kept", 72)), RestartFile.all(dir.resolve("kept/restart")));
        NetcdfAssertions.assertSameData(dir.resolve("whole/small.nc"), dir.resolve("kept/small.nc"));
        Cli.Outcome zero = Cli.run(dir, "run", "s.yaml", "-o", "zero", "--keep-restarts", "0", "--progress", "none");
        assertEquals(3, zero.exitCode(), zero.toString());
        assertEquals("ferrel run: error: --keep-restarts: expected 1 or more (leave it out to keep all), got 0", zero.stderr().strip());
        assertFalse(Files.exists(dir.resolve("zero")));
    }

    @Test
    void restartFilesCarryCfMetadata() throws Exception {
        try (NetcdfFile f = NetcdfFile.open(restart("whole", 36).toString())) {
            assertEquals("CF-1.8", f.findGlobalAttribute("Conventions").getStringValue());
            assertEquals(64, f.findGlobalAttribute("data_sha256").getStringValue().length());
            assertEquals("fluid layer depth", NetcdfAssertions.attribute(f, "h", "long_name"));
            assertEquals("m", NetcdfAssertions.attribute(f, "h", "units"));
            assertEquals("lat lon", NetcdfAssertions.attribute(f, "h", "coordinates"));
            assertEquals("lat lon_u", NetcdfAssertions.attribute(f, "u", "coordinates"));
            assertEquals("lat_v lon", NetcdfAssertions.attribute(f, "v", "coordinates"));
            assertEquals("m s-1", NetcdfAssertions.attribute(f, "v", "units"));
            assertEquals("degrees_north", NetcdfAssertions.attribute(f, "lat", "units"));
            assertEquals("degrees_east", NetcdfAssertions.attribute(f, "lon_u", "units"));
            assertEquals("model parameter topography", NetcdfAssertions.attribute(f, "parameter_1", "long_name"));
            double[] lat = NetcdfAssertions.read(f, "lat");
            assertEquals(-84.375, lat[0]);
            assertEquals(90.0, NetcdfAssertions.read(f, "lat_v")[15]);
            assertEquals(5.625, NetcdfAssertions.read(f, "lon_u")[0]);
            assertArrayEquals(new double[] {0, 11.25}, Arrays.copyOf(NetcdfAssertions.read(f, "lon"), 2));
        }
        Path ncdump = Path.of("/usr/bin/ncdump");
        if (Files.isExecutable(ncdump)) {
            Cli.Outcome dump = Cli.runCommand(dir, List.of(ncdump.toString(), "-h", restart("whole", 36).toString()));
            assertEquals(0, dump.exitCode(), dump.toString());
            assertTrue(dump.stdout().contains("h:coordinates = \"lat lon\""), dump.stdout());
        }
    }
}
