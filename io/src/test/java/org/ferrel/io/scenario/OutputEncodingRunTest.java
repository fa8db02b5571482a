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
import org.ferrel.io.netcdf.LatLonRecordWriter;
import org.ferrel.io.netcdf.Netcdf4Library;
import org.ferrel.io.netcdf.NetcdfFormat;
import org.ferrel.io.netcdf.RestartFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.ma2.DataType;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/**
 * Output precision, bit rounding and NetCDF-4: each variant against the default double-precision
 * NetCDF-3 run of the same scenario, interrupted and resumed runs, and restarts that stay exact.
 * Where the NetCDF-C library is missing, NetCDF-4 runs must fall back to NetCDF-3 with a message.
 */
class OutputEncodingRunTest {
    private static final String FIELDS = "[h, u, v, vorticity, surface, topography]";

    private static Scenario small(String outputKeys) {
        return ScenarioFile.parse(ScenarioRunnerTest.SMALL.replace("variables: " + FIELDS + "}",
                "variables: " + FIELDS + outputKeys + "}"), "small.yaml");
    }

    private static ScenarioRunner.Result run(Scenario s, Path dir, List<String> log) throws IOException {
        return ScenarioRunner.run(s, new ScenarioRunner.Options(dir, false, false, 1, ProgressListener.NONE, log::add));
    }

    /** The format the run must produce: NetCDF-4 where the library is present, else NetCDF-3 after a message. */
    private static NetcdfFormat expectedNetcdf4(List<String> log) {
        if (Netcdf4Library.check().present()) {
            assertTrue(log.stream().noneMatch(l -> l.contains("writing NetCDF-3 instead")), log.toString());
            return NetcdfFormat.NETCDF4;
        }
        assertTrue(log.stream().anyMatch(l -> l.contains("NetCDF-4 output needs the NetCDF-C library")
                && l.contains("writing NetCDF-3 instead") && l.contains("libnetcdf19")), log.toString());
        return NetcdfFormat.OFFSET_64BIT;
    }

    private static double[] values(NetcdfFile f, String name) throws IOException {
        return (double[]) f.findVariable(name).read().get1DJavaArray(double.class);
    }

    /** Every field of {@code file} is within the relative error {@code tolerance} of the reference (absolute near 0). */
    private static void assertClose(Path reference, Path file, double tolerance, DataType type) throws IOException {
        try (NetcdfFile a = NetcdfFile.open(reference.toString()); NetcdfFile b = NetcdfFile.open(file.toString())) {
            for (String name : List.of("h", "u", "v", "vorticity", "surface", "topography")) {
                Variable v = b.findVariable(name);
                assertEquals(type, v.getDataType(), name);
                double[] x = values(a, name);
                double[] y = values(b, name);
                assertEquals(x.length, y.length, name);
                double scale = 0;
                for (double e : x) {
                    scale = Math.max(scale, Math.abs(e));
                }
                double worst = 0;
                for (int i = 0; i < x.length; i++) {
                    double err = Math.abs(y[i] - x[i]) / Math.max(Math.abs(x[i]), Math.max(1e-30 * scale, Double.MIN_NORMAL));
                    worst = Math.max(worst, err);
                    if (err > tolerance) {
                        throw new AssertionError(file + " " + name + "[" + i + "] = " + y[i] + ", float64 " + x[i]
                                + ": relative error " + err + " > " + tolerance);
                    }
                }
                if (tolerance > 0 && scale > 0) { // (case 6 has no topography: all zero)
                    assertTrue(worst > tolerance / 64, name + ": the values were not rounded at all (worst " + worst + ")");
                }
            }
            // coordinates, time and the scalar series stay double and exact
            for (String name : List.of("time", "lat", "lon", "lat_bnds", "total_mass", "total_energy", "potential_enstrophy")) {
                assertEquals(DataType.DOUBLE, b.findVariable(name).getDataType(), name);
                assertArrayEquals(values(a, name), values(b, name), name);
            }
        }
    }

    @Test
    void eachEncodingIsWithinItsPrecisionOfTheDoubleRun(@TempDir Path tmp) throws Exception {
        List<String> log = new ArrayList<>();
        Path reference = run(small(""), tmp.resolve("f64"), log).output();
        assertEquals(NetcdfFormat.OFFSET_64BIT, FileFormat.of(reference));

        Path f32 = run(small(", precision: float32"), tmp.resolve("f32"), log).output();
        assertEquals(NetcdfFormat.OFFSET_64BIT, FileFormat.of(f32));
        assertClose(reference, f32, 0x1p-24, DataType.FLOAT);

        Path f64bits = run(small(", keepBits: 12"), tmp.resolve("f64k12"), log).output();
        assertClose(reference, f64bits, 0x1p-13, DataType.DOUBLE);
        try (NetcdfFile f = NetcdfFile.open(f64bits.toString())) {
            assertEquals(12, f.findVariable("h").findAttribute("ferrel_keep_bits").getNumericValue().intValue());
            for (double x : values(f, "u")) {
                assertEquals(0, Double.doubleToRawLongBits(x) & ((1L << 40) - 1), "the 40 dropped bits are zero: " + x);
            }
        }

        log.clear();
        Path nc4 = run(small(", format: netcdf4"), tmp.resolve("nc4"), log).output();
        assertEquals(expectedNetcdf4(log), FileFormat.of(nc4));
        assertClose(reference, nc4, 0, DataType.DOUBLE);
        assertFalse(Files.exists(LatLonRecordWriter.partFileOf(nc4)), "no partial file is left");

        log.clear();
        Path nc4bits = run(small(", format: netcdf4, precision: float32, keepBits: 7, deflateLevel: 9"), tmp.resolve("nc4k7"), log)
                .output();
        assertEquals(expectedNetcdf4(log), FileFormat.of(nc4bits));
        assertClose(reference, nc4bits, 0x1p-8, DataType.FLOAT);
        if (Netcdf4Library.check().present()) {
            assertTrue(Files.size(nc4bits) < Files.size(f32) / 2, Files.size(nc4bits) + " bytes, float32 NetCDF-3 " + Files.size(f32));
            assertTrue(Files.size(nc4) < Files.size(reference), Files.size(nc4) + " bytes, NetCDF-3 " + Files.size(reference));
        }
        try (var files = Files.list(tmp.resolve("nc4k7"))) {
            assertEquals(List.of(".ferrel.lock", "restart", "scenario.yaml", "small.nc"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }

        // restarts stay double precision and exact whatever the output's encoding
        for (String dir : List.of("f32", "nc4k7")) {
            RestartFile.Restart a = RestartFile.read(tmp.resolve("f64/restart/restart_0000000144.nc"));
            RestartFile.Restart b = RestartFile.read(tmp.resolve(dir + "/restart/restart_0000000144.nc"));
            for (String field : List.of("h", "u", "v")) {
                assertArrayEquals(a.stateField(field).values(), b.stateField(field).values(), dir + " " + field);
            }
            assertEquals(NetcdfFormat.OFFSET_64BIT, FileFormat.of(tmp.resolve(dir + "/restart/restart_0000000144.nc")));
        }
    }

    private static final class Interrupt extends RuntimeException {
    }

    @Test
    void aRunStoppedBeforeItsNetcdf4CopyOnlyCopiesOnResume(@TempDir Path tmp) throws Exception {
        Scenario s = small(", format: netcdf4, precision: float32");
        List<String> log = new ArrayList<>();
        Path whole = run(s, tmp.resolve("whole"), log).output();
        Path broken = tmp.resolve("broken");
        // stopped after the last step and its restart, before the output is completed (the NetCDF-4 copy)
        ProgressListener stop = new ProgressListener() {
            @Override
            public void advanced(long k) {
                if (k == 144) {
                    throw new Interrupt();
                }
            }
        };
        assertThrows(Interrupt.class, () -> ScenarioRunner.run(s, new ScenarioRunner.Options(broken, false, false, 1, stop, log::add)));
        Files.writeString(broken.resolve(".small.netcdf4.nc.part"), "half a copy"); // as a kill during the copy leaves it
        assertFalse(Files.exists(broken.resolve("small.nc")));
        ScenarioRunner.Result r = ScenarioRunner.run(s, new ScenarioRunner.Options(broken, true, false, 1, ProgressListener.NONE,
                log::add));
        assertEquals(144, r.firstStep(), "nothing is stepped again");
        assertEquals(FileFormat.of(whole), FileFormat.of(r.output()));
        try (NetcdfFile a = NetcdfFile.open(whole.toString()); NetcdfFile b = NetcdfFile.open(r.output().toString())) {
            for (Variable v : a.getVariables()) {
                assertArrayEquals((double[]) v.read().get1DJavaArray(double.class), values(b, v.getFullName()), v.getFullName());
            }
        }
        try (var files = Files.list(broken)) {
            assertEquals(List.of(".ferrel.lock", "restart", "scenario.yaml", "small.nc"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void meanOutputWithTimeBoundsInNetcdf4(@TempDir Path tmp) throws Exception {
        List<String> log = new ArrayList<>();
        Path reference = run(small(", statistic: mean"), tmp.resolve("a"), log).output();
        log.clear();
        Path nc4 = run(small(", statistic: mean, format: netcdf4, shuffle: false"), tmp.resolve("b"), log).output();
        assertEquals(expectedNetcdf4(log), FileFormat.of(nc4));
        try (NetcdfFile a = NetcdfFile.open(reference.toString()); NetcdfFile b = NetcdfFile.open(nc4.toString())) {
            assertEquals(a.getVariables().size(), b.getVariables().size());
            for (Variable v : a.getVariables()) {
                assertArrayEquals(v.getShape(), b.findVariable(v.getFullName()).getShape(), v.getFullName());
                assertArrayEquals((double[]) v.read().get1DJavaArray(double.class), values(b, v.getFullName()), v.getFullName());
                for (ucar.nc2.Attribute at : v.getAttributes()) {
                    assertEquals(at, b.findVariable(v.getFullName()).findAttribute(at.getShortName()), v.getFullName());
                }
            }
            assertEquals("CF-1.8", b.findGlobalAttribute("Conventions").getStringValue(), "global attributes are copied");
            assertTrue(b.findGlobalAttribute("scenario").getStringValue().contains("format: netcdf4"));
            assertEquals(32, values(b, "time_bnds").length);
        }
    }

    @Test
    void aRoundedNetcdf4RunResumesToTheSameValues(@TempDir Path tmp) throws Exception {
        Scenario s = small(", format: netcdf4, precision: float32, keepBits: 9");
        List<String> log = new ArrayList<>();
        Path whole = run(s, tmp.resolve("whole"), log).output();
        Path broken = tmp.resolve("broken");
        ProgressListener stop = new ProgressListener() {
            @Override
            public void advanced(long k) {
                if (k == 60) {
                    throw new Interrupt();
                }
            }
        };
        assertThrows(Interrupt.class, () -> ScenarioRunner.run(s, new ScenarioRunner.Options(broken, false, false, 1, stop, log::add)));
        assertEquals(NetcdfFormat.OFFSET_64BIT, FileFormat.of(broken.resolve(".small.nc.part")),
                "the partial output is NetCDF-3, which is safe to continue after a kill");
        ScenarioRunner.Result r = ScenarioRunner.run(s, new ScenarioRunner.Options(broken, true, false, 1, ProgressListener.NONE,
                log::add));
        assertEquals(36, r.firstStep());
        try (NetcdfFile a = NetcdfFile.open(whole.toString()); NetcdfFile b = NetcdfFile.open(r.output().toString())) {
            for (Variable v : a.getVariables()) {
                assertArrayEquals((double[]) v.read().get1DJavaArray(double.class), values(b, v.getFullName()), v.getFullName());
            }
        }
        assertEquals(FileFormat.of(whole), FileFormat.of(r.output()));
    }

    /** The format of a file, as the readers see it. */
    private static final class FileFormat {
        static NetcdfFormat of(Path p) throws IOException {
            return org.ferrel.io.netcdf.NetcdfSummary.read(p).format();
        }
    }
}
