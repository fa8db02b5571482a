package org.ferrel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.ma2.DataType;
import ucar.nc2.NetcdfFile;

/**
 * {@code ferrel run} with the output options (precision, bit rounding, NetCDF-4) in separate JVMs:
 * every variant is read by NetCDF-Java, {@code ncdump -h} and {@code cdo sinfon} (when installed) and
 * holds the float64 run's values within its precision; without the NetCDF-C library a NetCDF-4 run
 * writes NetCDF-3 after one line saying so.
 */
class OutputOptionsEndToEndTest {
    private static final String SCENARIO = """
            name: opts
            grid: {resolution: 5.625}
            dynamics: {timeStep: 900 s}
            initial: {case: williamson5}
            run: {length: 2 days}
            output:
              interval: 6 hours
            restart: {interval: 1 day}
            """;
    private static final List<String> FIELDS = List.of("h", "u", "v", "vorticity", "surface");
    private static final Path NCDUMP = Path.of("/usr/bin/ncdump");
    private static final Path CDO = Path.of("/usr/bin/cdo");

    private static boolean libnetcdfInstalled() {
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")) {
            try (var files = Files.list(Path.of(dir))) {
                if (files.anyMatch(p -> p.getFileName().toString().startsWith("libnetcdf.so"))) {
                    return true;
                }
            } catch (IOException e) {
                // not there
            }
        }
        return false;
    }

    /** Runs the scenario with extra output keys into DIR/NAME; returns the outcome. */
    private static Cli.Outcome run(Path dir, String name, String outputKeys, String... jvmOptions) throws Exception {
        Path yaml = dir.resolve(name + ".yaml");
        Files.writeString(yaml, SCENARIO.replace("  interval: 6 hours\n", "  interval: 6 hours\n" + outputKeys));
        List<String> command = new ArrayList<>(Cli.command("run", yaml.toString(), "-o", name, "--progress", "none"));
        command.addAll(1, List.of(jvmOptions));
        return Cli.runCommand(dir, command);
    }

    private static String magic(Path file) throws IOException {
        byte[] head = new byte[4];
        try (var in = Files.newInputStream(file)) {
            assertEquals(4, in.read(head));
        }
        return head[0] == 'C' && head[1] == 'D' && head[2] == 'F' ? "CDF" + head[3] : head[1] == 'H' && head[2] == 'D' ? "HDF5" : "?";
    }

    /** Each field within relative {@code tolerance} of the reference (0: the same values); returns the largest error. */
    private static double compare(Path reference, Path file, double tolerance, DataType type) throws IOException {
        double worst = 0;
        try (NetcdfFile a = NetcdfFile.open(reference.toString()); NetcdfFile b = NetcdfFile.open(file.toString())) {
            for (String name : FIELDS) {
                assertEquals(type, b.findVariable(name).getDataType(), name + " in " + file);
                double[] x = NetcdfAssertions.read(a, name);
                double[] y = NetcdfAssertions.read(b, name);
                assertEquals(x.length, y.length);
                for (int i = 0; i < x.length; i++) {
                    double err = x[i] == y[i] ? 0 : Math.abs(y[i] - x[i]) / Math.abs(x[i]);
                    if (err > tolerance) {
                        throw new AssertionError(file + ": " + name + "[" + i + "] = " + y[i] + ", the float64 run has " + x[i]
                                + " (relative error " + err + " > " + tolerance + ")");
                    }
                    worst = Math.max(worst, err);
                }
            }
            for (String name : List.of("time", "lat", "lon", "total_mass", "total_energy")) {
                assertEquals(DataType.DOUBLE, b.findVariable(name).getDataType(), name);
                assertTrue(java.util.Arrays.equals(NetcdfAssertions.read(a, name), NetcdfAssertions.read(b, name)), name);
            }
        }
        return worst;
    }

    /** ncdump -h (and -hs for NetCDF-4 chunking) and cdo sinfon read the file, when installed. */
    private static void toolsRead(Path dir, Path file, String type, boolean netcdf4, int deflate) throws Exception {
        if (Files.isExecutable(NCDUMP)) {
            Cli.Outcome dump = Cli.runCommand(dir, List.of(NCDUMP.toString(), "-hs", file.toString()));
            assertEquals(0, dump.exitCode(), dump.toString());
            assertTrue(dump.stdout().contains("time = UNLIMITED ; // (9 currently)"), dump.stdout());
            assertTrue(dump.stdout().contains(type + " h(time, lat, lon)"), dump.stdout());
            assertTrue(dump.stdout().contains("double total_mass(time)"), dump.stdout());
            assertTrue(dump.stdout().contains(netcdf4 ? ":_Format = \"netCDF-4\"" : ":_Format = \"64-bit offset\""), dump.stdout());
            if (netcdf4) {
                assertTrue(dump.stdout().contains("h:_ChunkSizes = 1, 32, 64 ;"), dump.stdout());
                assertTrue(dump.stdout().contains("h:_DeflateLevel = " + deflate + " ;"), dump.stdout());
                assertTrue(dump.stdout().contains("h:_Shuffle = \"true\" ;"), dump.stdout());
            }
            Cli.Outcome header = Cli.runCommand(dir, List.of(NCDUMP.toString(), "-h", file.toString()));
            assertEquals(0, header.exitCode(), header.toString());
        }
        if (Files.isExecutable(CDO)) {
            Cli.Outcome info = Cli.runCommand(dir, List.of(CDO.toString(), "sinfon", file.toString()));
            assertEquals(0, info.exitCode(), info.toString());
            assertTrue(info.stdout().contains(netcdf4 ? "File format : NetCDF4 zip" : "File format : NetCDF2"), info.stdout());
            String dtype = (type.equals("float") ? "F32" : "F64") + (netcdf4 ? "z" : "");
            assertTrue(info.stdout().matches("(?s).*" + dtype + "\\s+: h\\s.*"), info.stdout());
            assertTrue(info.stdout().contains("9 steps"), info.stdout());
            assertTrue(info.stdout().contains("2000-01-03 00:00:00"), info.stdout());
        }
    }

    @Test
    void everyVariantIsReadByTheToolsWithinItsPrecision(@TempDir Path dir) throws Exception {
        assumeTrue(libnetcdfInstalled(), "needs Debian's libnetcdf19 (.ci/run installs it)");
        Cli.Outcome f64 = run(dir, "f64", "");
        assertEquals(0, f64.exitCode(), f64.toString());
        Path reference = dir.resolve("f64/opts.nc");
        assertEquals("f64/opts.nc", f64.stdout().strip());
        assertEquals("CDF2", magic(reference));
        toolsRead(dir, reference, "double", false, 0);

        record Variant(String name, String keys, String type, boolean netcdf4, double tolerance, int deflate) {
        }
        List<Variant> variants = List.of(
                new Variant("f32", "  precision: float32\n", "float", false, 0x1p-24, 0),
                new Variant("nc4", "  format: netcdf4\n", "double", true, 0, 4),
                new Variant("nc4-f32-k10", "  format: netcdf4\n  precision: float32\n  keepBits: 10\n  deflateLevel: 6\n",
                        "float", true, 0x1p-11, 6),
                new Variant("nc4-f64-k7", "  format: netcdf4\n  keepBits: 7\n", "double", true, 0x1p-8, 4),
                new Variant("f64-k16", "  keepBits: 16\n", "double", false, 0x1p-17, 0));
        for (Variant v : variants) {
            Cli.Outcome o = run(dir, v.name(), v.keys());
            assertEquals(0, o.exitCode(), v + ": " + o);
            // stdout is the output's path only: nothing of NetCDF-Java's or JNA's loading gets there
            assertEquals(v.name() + "/opts.nc", o.stdout().strip(), v.name());
            assertFalse(o.stderr().contains("writing NetCDF-3 instead"), o.stderr());
            assertFalse(o.stderr().contains("WARNING"), o.stderr());
            Path file = dir.resolve(v.name() + "/opts.nc");
            assertEquals(v.netcdf4() ? "HDF5" : "CDF2", magic(file), v.name());
            double worst = compare(reference, file, v.tolerance(), v.type().equals("float") ? DataType.FLOAT : DataType.DOUBLE);
            if (v.tolerance() > 0) {
                assertTrue(worst > v.tolerance() / 16, v.name() + ": values not rounded to the precision asked (worst " + worst + ")");
            }
            toolsRead(dir, file, v.type(), v.netcdf4(), v.deflate());
            try (var files = Files.list(dir.resolve(v.name()))) {
                assertEquals(List.of(".ferrel.lock", "opts.nc", "restart", "scenario.yaml"),
                        files.map(p -> p.getFileName().toString()).sorted().toList(), "no partial file is left");
            }
            assertTrue(o.stderr().contains("; output " + (v.netcdf4() ? "NetCDF-4 (deflate " + v.deflate() + ", shuffle)"
                    : "NetCDF-3 (64-bit offset)") + ", " + (v.type().equals("float") ? "float32" : "float64")), o.stderr());
        }
        assertTrue(Files.size(dir.resolve("nc4-f32-k10/opts.nc")) < Files.size(dir.resolve("f32/opts.nc")) / 2);
        assertTrue(Files.size(dir.resolve("f32/opts.nc")) < Files.size(reference) * 0.6);
    }

    @Test
    void libnetcdfIsInstalledInCi() {
        assumeTrue("true".equals(System.getenv("CI")), "only on CI, whose .ci/run installs libnetcdf19");
        assertTrue(libnetcdfInstalled(), "libnetcdf.so* in the system's library folders");
    }

    @Test
    void withoutTheCLibraryNetcdf4FallsBackToNetcdf3WithOneLine(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectory(dir.resolve("no-libnetcdf-here"));
        Cli.Outcome f64 = run(dir, "f64", "");
        assertEquals(0, f64.exitCode(), f64.toString());
        Cli.Outcome o = run(dir, "nc4", "  format: netcdf4\n  precision: float32\n  keepBits: 12\n",
                "-Dferrel.netcdf.library=" + empty);
        assertEquals(0, o.exitCode(), o.toString());
        assertEquals("nc4/opts.nc", o.stdout().strip());
        List<String> lines = o.stderr().lines().filter(l -> l.contains("NetCDF-4")).toList();
        assertEquals(List.of("ferrel run: NetCDF-4 output needs the NetCDF-C library, but no libnetcdf in " + empty
                + " (-Dferrel.netcdf.library): writing NetCDF-3 instead; for NetCDF-4, install the NetCDF-C library"
                + " (Debian/Ubuntu: apt-get install libnetcdf19; Fedora: dnf install netcdf; macOS: brew install netcdf),"
                + " or set FERREL_NETCDF_LIBRARY to libnetcdf's path"), lines, o.stderr());
        Path file = dir.resolve("nc4/opts.nc");
        assertEquals("CDF2", magic(file));
        // the precision and rounding asked for still apply
        compare(dir.resolve("f64/opts.nc"), file, 0x1p-13, DataType.FLOAT);
        toolsRead(dir, file, "float", false, 0);
        assertTrue(o.stderr().contains("; output NetCDF-3 (64-bit offset), float32, 12 mantissa bits kept"), o.stderr());

        // a library path that does not exist says so too
        Cli.Outcome missing = run(dir, "nc4b", "  format: netcdf4\n", "-Dferrel.netcdf.library=" + dir.resolve("nope/libnetcdf.so"));
        assertEquals(0, missing.exitCode(), missing.toString());
        assertTrue(missing.stderr().contains("but " + dir.resolve("nope/libnetcdf.so") + " (-Dferrel.netcdf.library) does not exist:"
                + " writing NetCDF-3 instead"), missing.stderr());
        assertEquals("CDF2", magic(dir.resolve("nc4b/opts.nc")));
        compare(dir.resolve("f64/opts.nc"), dir.resolve("nc4b/opts.nc"), 0, DataType.DOUBLE);
    }

    @Test
    void theLibraryIsFoundWhereFerrelNetcdfLibraryPoints(@TempDir Path dir) throws Exception {
        assumeTrue(libnetcdfInstalled(), "needs Debian's libnetcdf19 (.ci/run installs it)");
        Path folder = null;
        for (String d : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")) {
            try (var files = Files.list(Path.of(d))) {
                if (files.anyMatch(p -> p.getFileName().toString().startsWith("libnetcdf.so"))) {
                    folder = Path.of(d);
                    break;
                }
            } catch (IOException e) {
                // not there
            }
        }
        Path yaml = dir.resolve("s.yaml");
        Files.writeString(yaml, SCENARIO.replace("  interval: 6 hours\n", "  interval: 6 hours\n  format: netcdf4\n"));
        List<String> command = Cli.command("run", yaml.toString(), "-o", "found", "--progress", "none");
        Cli.Outcome found = Cli.runCommand(dir, command, java.util.Map.of("FERREL_NETCDF_LIBRARY", folder.toString()));
        assertEquals(0, found.exitCode(), found.toString());
        assertEquals("HDF5", magic(dir.resolve("found/opts.nc")));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        command = Cli.command("run", yaml.toString(), "-o", "fallback", "--progress", "none");
        Cli.Outcome fallback = Cli.runCommand(dir, command, java.util.Map.of("FERREL_NETCDF_LIBRARY", empty.toString()));
        assertEquals(0, fallback.exitCode(), fallback.toString());
        assertTrue(fallback.stderr().contains("but no libnetcdf in " + empty + " (FERREL_NETCDF_LIBRARY): writing NetCDF-3 instead"),
                fallback.stderr());
        assertEquals("CDF2", magic(dir.resolve("fallback/opts.nc")));
        compare(dir.resolve("found/opts.nc"), dir.resolve("fallback/opts.nc"), 0, DataType.DOUBLE);
    }

    @Test
    void badOutputKeysStopBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        Cli.Outcome o = run(dir, "bad", "  deflateLevel: 5\n");
        assertEquals(3, o.exitCode(), o.toString());
        assertEquals("ferrel run: error: " + dir.resolve("bad.yaml") + ":8: output.deflateLevel: only NetCDF-4 output is compressed;"
                + " add 'format: netcdf4' to the output section, or remove deflateLevel", o.stderr().strip());
        assertFalse(Files.exists(dir.resolve("bad")), "nothing is written");
        Cli.Outcome bits = run(dir, "bits", "  precision: float32\n  keepBits: 24\n");
        assertEquals(3, bits.exitCode(), bits.toString());
        assertTrue(bits.stderr().contains("bits.yaml:9: output.keepBits: expected 0 to 23 mantissa bits for float32"), bits.stderr());
        assertFalse(Files.exists(dir.resolve("bits")));
        assertEquals("", bits.stdout());
    }
}
