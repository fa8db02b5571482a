package org.ferrel.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartFileTest {

    @Test
    void roundTripsStateAndParametersOfEveryShapeBitForBit(@TempDir Path dir) throws IOException {
        double[] h = new double[8 * 4];
        for (int i = 0; i < h.length; i++) {
            h[i] = Math.PI * i + 1e-300;
        }
        List<RestartFile.NamedArray> state = List.of(new RestartFile.NamedArray("h", "m", new int[] {4, 8}, h),
                new RestartFile.NamedArray("u", "m s-1", new int[] {4, 8}, new double[32]),
                new RestartFile.NamedArray("v", "m s-1", new int[] {4, 8}, new double[32]));
        List<RestartFile.NamedArray> parameters = List.of(
                new RestartFile.NamedArray("gravity", "m/s^2", new int[] {}, new double[] {9.80616}),
                new RestartFile.NamedArray("topography", "m", new int[] {4, 8}, h),
                new RestartFile.NamedArray("equilibrium.coefficients", "m", new int[] {9}, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
        Path file = dir.resolve("restart/" + RestartFile.fileName(1234));
        RestartFile.write(file, new RestartFile.Restart(1234, 5.5e5, 17, "abc", "name: x\n", state, parameters));
        RestartFile.Restart r = RestartFile.read(file);
        assertEquals(1234, r.step());
        assertEquals(5.5e5, r.time());
        assertEquals(17, r.outputRecords());
        assertEquals("name: x\n", r.scenarioText());
        assertArrayEquals(h, r.stateField("h").values());
        assertEquals(3, r.parameters().size());
        assertArrayEquals(new int[] {9}, r.parameters().get(2).shape());
        assertEquals("equilibrium.coefficients", r.parameters().get(2).name());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, r.parameters().get(2).values());
        assertArrayEquals(new int[] {}, r.parameters().get(0).shape());
        assertEquals(file, RestartFile.latest(dir.resolve("restart")));
        try (var files = Files.list(dir.resolve("restart"))) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void checksumCoversTheDataAndVersionOneFilesAreReadUnverified(@TempDir Path dir) throws IOException {
        List<RestartFile.NamedArray> state = List.of(new RestartFile.NamedArray("h", "m", new int[] {4, 8}, new double[32]),
                new RestartFile.NamedArray("u", "m s-1", new int[] {4, 8}, new double[32]),
                new RestartFile.NamedArray("v", "m s-1", new int[] {4, 8}, new double[32]));
        RestartFile.Restart r = new RestartFile.Restart(7, 70.0, 2, "abc", "name: x\n", state,
                List.of(new RestartFile.NamedArray("gravity", "m/s^2", new int[] {}, new double[] {9.8})));
        Path file = dir.resolve(RestartFile.fileName(7));
        RestartFile.write(file, r);
        double[] h = new double[32];
        h[5] = Math.ulp(0.0);
        RestartFile.Restart other = new RestartFile.Restart(7, 70.0, 2, "abc", "name: x\n", List.of(
                new RestartFile.NamedArray("h", "m", new int[] {4, 8}, h), state.get(1), state.get(2)), r.parameters());
        org.junit.jupiter.api.Assertions.assertNotEquals(RestartFile.checksum(r), RestartFile.checksum(other), "one bit of h");
        RestartFile.Restart later = new RestartFile.Restart(8, 70.0, 2, "abc", "name: x\n", state, r.parameters());
        org.junit.jupiter.api.Assertions.assertNotEquals(RestartFile.checksum(r), RestartFile.checksum(later), "the step");
        assertEquals(RestartFile.checksum(r), RestartFile.checksum(RestartFile.read(file)));

        // a file of layout version 1 (no checksum): change a value and drop the attribute, it is still read
        ucar.nc2.NetcdfFileWriter w = ucar.nc2.NetcdfFileWriter.openExisting(file.toString());
        try {
            w.setRedefineMode(true);
            w.deleteGroupAttribute(null, RestartFile.CHECKSUM_ATTRIBUTE);
            w.addGroupAttribute(null, new ucar.nc2.Attribute("ferrel_restart_version", 1));
            w.setRedefineMode(false);
            w.write(w.findVariable("h"), ucar.ma2.Array.factory(ucar.ma2.DataType.DOUBLE, new int[] {4, 8}, h));
        } catch (ucar.ma2.InvalidRangeException e) {
            throw new IOException(e);
        } finally {
            w.close();
        }
        assertArrayEquals(h, RestartFile.read(file).stateField("h").values());
    }

    @Test
    void notARestartIsNamed(@TempDir Path dir) throws IOException {
        Path other = dir.resolve("other.nc");
        LatLonFieldWriter.write(other, new org.ferrel.dycore.grid.LatLonGrid(8, 4, 1, 1),
                List.of(new GriddedField("h", new double[32], "m", "h", null)), java.util.Map.of());
        IOException e = assertThrows(IOException.class, () -> RestartFile.read(other));
        assertTrue(e.getMessage().contains("not a Ferrel restart file"), e.getMessage());
    }
}
