package org.ferrel.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ferrel.dycore.grid.LatLonGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/** The CF writer: read back with NetCDF-Java, attributes present, writes atomic, bad input refused. */
class LatLonFieldWriterTest {
    private final LatLonGrid grid = LatLonGrid.earth(11.25);

    private double[] ramp() {
        double[] v = new double[grid.nx() * grid.ny()];
        for (int k = 0; k < v.length; k++) {
            v[k] = k * 0.5 - 3;
        }
        return v;
    }

    @Test
    void writesAReadableCfFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.nc");
        LatLonFieldWriter.write(file, grid, List.of(new GriddedField("h", ramp(), "m", "layer depth", null)),
                Map.of("title", "test"));
        try (NetcdfFile nc = NetcdfFile.open(file.toString())) {
            assertEquals("CF-1.8", nc.findGlobalAttribute("Conventions").getStringValue());
            assertEquals("test", nc.findGlobalAttribute("title").getStringValue());
            Variable h = nc.findVariable("h");
            assertEquals("m", h.findAttribute("units").getStringValue());
            assertArrayEquals(new int[] {grid.ny(), grid.nx()}, h.getShape());
            assertArrayEquals(ramp(), (double[]) h.read().copyTo1DJavaArray());
            Variable lat = nc.findVariable("lat");
            assertEquals("degrees_north", lat.findAttribute("units").getStringValue());
            double[] lats = (double[]) lat.read().copyTo1DJavaArray();
            assertEquals(-90 + 180.0 / grid.ny() / 2, lats[0], 1e-12);
            assertEquals("lat_bnds", lat.findAttribute("bounds").getStringValue());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void badInputNamesFieldAndFileAndLeavesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.nc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatLonFieldWriter.write(file, grid,
                List.of(new GriddedField("h", new double[3], "m", "depth", null)), Map.of()));
        assertTrue(e.getMessage().contains("'h'") && e.getMessage().contains("bad.nc"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
