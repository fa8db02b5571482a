package org.ferrel.io.netcdf;

import static org.ferrel.io.netcdf.SampleFiles.NT;
import static org.ferrel.io.netcdf.SampleFiles.NX;
import static org.ferrel.io.netcdf.SampleFiles.NY;
import static org.ferrel.io.netcdf.SampleFiles.NZ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.ferrel.io.netcdf.NetcdfSummary.Statistics;
import org.ferrel.io.netcdf.NetcdfSummary.VariableInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary of {@code ferrel inspect}: metadata, ranges of unpacked values without fills, errors. */
class NetcdfSummaryTest {
    private static final Path REAL = Path.of("/work/shared/data/air.sig995.mon.ltm.1981-2010.nc");

    /** min, max, mean, missing of a formula over a grid, computed here, not by the reader. */
    private record Expected(double min, double max, double mean, long missing, long size) {
    }

    private interface Cell {
        /** NaN for missing. */
        double value(int t, int j, int i);
    }

    private static Expected expected(int nt, Cell cell) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long n = 0;
        long missing = 0;
        for (int t = 0; t < nt; t++) {
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    double v = cell.value(t, j, i);
                    if (Double.isNaN(v)) {
                        missing++;
                    } else {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                        sum += v;
                        n++;
                    }
                }
            }
        }
        return new Expected(min, max, sum / n, missing, (long) nt * NY * NX);
    }

    private static void assertStats(Expected e, Statistics s) {
        assertEquals(e.size(), s.size(), "size");
        assertEquals(e.missing(), s.missing(), "missing");
        assertEquals(e.min(), s.min(), 1e-12, "min");
        assertEquals(e.max(), s.max(), 1e-12, "max");
        assertEquals(e.mean(), s.mean(), 1e-9, "mean");
    }

    @Test
    void metadataOfACfFile(@TempDir Path dir) throws IOException {
        Path file = SampleFiles.sample(dir);
        NetcdfSummary s = NetcdfSummary.read(file);
        assertEquals(NetcdfFormat.OFFSET_64BIT, s.format());
        assertEquals(Files.size(file), s.sizeBytes());
        assertEquals("sample for tests", s.globalAttributes().stream().filter(a -> a.name().equals("title"))
                .findFirst().orElseThrow().valueText());
        assertEquals(List.of(new NetcdfSummary.DimensionInfo("time", NT, true),
                new NetcdfSummary.DimensionInfo("level", NZ, false), new NetcdfSummary.DimensionInfo("lat", NY, false),
                new NetcdfSummary.DimensionInfo("lon", NX, false)), s.dimensions());
        VariableInfo h = s.variable("h").orElseThrow();
        assertEquals("double", h.dataType());
        assertEquals("m", h.units());
        assertEquals("layer depth anomaly", h.longName());
        assertNull(h.standardName());
        assertEquals(List.of("time", "lat", "lon"), h.dimensions().stream().map(NetcdfSummary.DimensionInfo::name)
                .toList());
        assertEquals(3, h.shape().length);
        assertFalse(h.packed());
        VariableInfo tp = s.variable("tp").orElseThrow();
        assertEquals("short", tp.dataType());
        assertEquals("air_temperature", tp.standardName());
        assertTrue(tp.packed());
        assertEquals("ubyte", s.variable("ub").orElseThrow().dataType());
        assertEquals("2000-01-01 .. 2000-03-01", s.variable("time").orElseThrow().dateRange());
        assertNull(h.dateRange());
    }

    @Test
    void rangesExcludeFillValuesAndUnpack(@TempDir Path dir) throws IOException {
        NetcdfSummary s = NetcdfSummary.read(SampleFiles.sample(dir));
        assertStats(expected(NT, (t, j, i) -> SampleFiles.hMissing(j, i) ? Double.NaN : SampleFiles.h(t, j, i)),
                s.variable("h").orElseThrow().statistics());
        // packed short: 100 + 0.5 s, the _FillValue -32767 left out (it would unpack to -16283.5)
        assertStats(expected(NT, (t, j, i) -> SampleFiles.tpMissing(j, i) ? Double.NaN : SampleFiles.tp(t, j, i)),
                s.variable("tp").orElseThrow().statistics());
        Statistics q = s.variable("q").orElseThrow().statistics();
        assertEquals(0, q.missing());
        assertEquals(0.0, q.min());
        assertEquals(100 + 6 * 3 + 5 + 0.25 * 2, q.max(), 1e-6);
        // unsigned bytes 200..204, the fill (stored -1, i.e. 255) left out
        Statistics ub = s.variable("ub").orElseThrow().statistics();
        assertEquals(200, ub.min());
        assertEquals(204, ub.max());
        assertEquals(202, ub.mean(), 1e-12);
        assertEquals(NY, ub.missing());
        // valid_min 0, valid_max 10: of -1, 2, 5, 8, 11, 14 only 2, 5, 8 count
        Statistics vr = s.variable("vr").orElseThrow().statistics();
        assertEquals(2, vr.min());
        assertEquals(8, vr.max());
        assertEquals(3 * NY, vr.missing());
    }

    @Test
    void smallSlabsGiveTheSameRanges(@TempDir Path dir) throws IOException {
        Path file = SampleFiles.sample(dir);
        NetcdfSummary whole = NetcdfSummary.read(file);
        for (int slab : new int[] {1, 5, 7, NX, NX * NY + 1}) {
            NetcdfSummary sliced = NetcdfSummary.read(file, new NetcdfSummary.Options(true, slab));
            for (VariableInfo v : whole.variables()) {
                Statistics a = v.statistics();
                Statistics b = sliced.variable(v.name()).orElseThrow().statistics();
                assertEquals(a.size(), b.size(), v.name());
                assertEquals(a.missing(), b.missing(), v.name());
                assertEquals(a.min(), b.min(), v.name());
                assertEquals(a.max(), b.max(), v.name());
                assertEquals(a.mean(), b.mean(), 1e-12 * Math.abs(a.mean()), v.name());
            }
        }
        NetcdfSummary metadataOnly = NetcdfSummary.read(file, new NetcdfSummary.Options(false, 100));
        assertNull(metadataOnly.variable("h").orElseThrow().statistics());
    }

    @Test
    void renderIsACompactHeaderWithRanges(@TempDir Path dir) throws IOException {
        String text = NetcdfSummary.read(SampleFiles.sample(dir)).render();
        assertTrue(text.startsWith("sample.nc: NetCDF-3 64-bit offset, "), text);
        assertTrue(text.contains("  time  = 3 (unlimited)\n"), text);
        assertTrue(text.contains("  double h(time=3, lat=4, lon=6)\n"), text);
        assertTrue(text.contains("      long_name = \"layer depth anomaly\"\n"), text);
        Expected h = expected(NT, (t, j, i) -> SampleFiles.hMissing(j, i) ? Double.NaN : SampleFiles.h(t, j, i));
        assertTrue(text.contains("-> min -25, max 2010, mean " + NetcdfSummary.formatNumber(h.mean()) + " m; 3 of 72"
                + " missing\n"), text);
        assertTrue(text.contains("(unpacked); 3 of 72 missing"), text);
        assertTrue(text.contains("-> dates 2000-01-01 .. 2000-03-01\n"), text);
        assertTrue(text.contains("global attributes:\n"), text);
        assertTrue(text.contains("  title = \"sample for tests\"\n"), text);
    }

    @Test
    void formatsNumbersCompactly() {
        assertEquals("0", NetcdfSummary.formatNumber(0.0));
        assertEquals("39.4667", NetcdfSummary.formatNumber(39.46671f));
        assertEquals("-9.96921e36", NetcdfSummary.formatNumber(-9.96921e36f));
        assertEquals("1.5e-5", NetcdfSummary.formatNumber(1.5e-5));
        assertEquals("123348", NetcdfSummary.formatNumber(123348.2));
        assertEquals("42", NetcdfSummary.formatNumber((short) 42));
    }

    // ---- errors: one message naming the file and the problem, no reader internals ----

    private static void assertClear(IOException e, Path file, String problem) {
        String m = e.getMessage();
        assertTrue(m.contains(file.getFileName().toString()), m);
        assertTrue(m.contains(problem), m);
        assertFalse(m.contains("ucar.") || m.contains("Exception"), m);
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path file = dir.resolve("nowhere.nc");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> NetcdfSummary.read(file));
        assertClear(e, file, "no such file");
    }

    @Test
    void notANetcdfFile(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.nc");
        Files.writeString(text, "this is a text file, not data\n");
        assertClear(assertThrows(NetcdfFileException.class, () -> NetcdfSummary.read(text)), text,
                "not a NetCDF file");
        Path empty = dir.resolve("empty.nc");
        Files.write(empty, new byte[0]);
        assertClear(assertThrows(NetcdfFileException.class, () -> NetcdfSummary.read(empty)), empty, "empty");
        Path gz = dir.resolve("data.nc");
        Files.write(gz, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});
        assertClear(assertThrows(NetcdfFileException.class, () -> NetcdfSummary.read(gz)), gz, "gzip");
        assertThrows(NetcdfFileException.class, () -> NetcdfSummary.read(dir));
    }

    @Test
    void truncatedNetcdf3(@TempDir Path dir) throws IOException {
        Path whole = SampleFiles.sample(dir);
        byte[] bytes = Files.readAllBytes(whole);
        for (int keep : new int[] {bytes.length - 1, bytes.length / 2, 100, 6}) {
            Path cut = dir.resolve("cut" + keep + ".nc");
            Files.write(cut, java.util.Arrays.copyOf(bytes, keep));
            NetcdfFileException e = assertThrows(NetcdfFileException.class, () -> NetcdfSummary.read(cut));
            assertClear(e, cut, "truncated");
            assertEquals(cut, e.file());
        }
    }

    @Test
    void truncatedNetcdf4(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isReadable(REAL), "no " + REAL);
        byte[] bytes = Files.readAllBytes(REAL);
        Path cut = dir.resolve("air-cut.nc");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertClear(assertThrows(NetcdfFileException.class, () -> NetcdfSummary.read(cut)), cut, "truncated");
    }

    /** Extra: the NetCDF-4 reanalysis file; its air range equals the actual_range attribute NOAA stored. */
    @Test
    void realNetcdf4File() throws IOException {
        assumeTrue(Files.isReadable(REAL), "no " + REAL);
        NetcdfSummary s = NetcdfSummary.read(REAL, new NetcdfSummary.Options(true, 73 * 144 + 5));
        assertEquals(NetcdfFormat.NETCDF4, s.format());
        VariableInfo air = s.variable("air").orElseThrow();
        List<Object> range = air.attribute("actual_range").orElseThrow().values();
        assertEquals(((Number) range.get(0)).doubleValue(), air.statistics().min());
        assertEquals(((Number) range.get(1)).doubleValue(), air.statistics().max());
        assertEquals(0, air.statistics().missing());
        assertEquals("degC", air.units());
        assertEquals("0001-01-01 .. 0001-12-01", s.variable("time").orElseThrow().dateRange());
        assertTrue(s.render().contains("float air(time=12, lat=73, lon=144)"));
    }
}
