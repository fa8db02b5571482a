package org.ferrel.io.netcdf;

import static org.ferrel.io.netcdf.SampleFiles.NX;
import static org.ferrel.io.netcdf.SampleFiles.NY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading one latitude-longitude slice: selection of time and levels, layout, errors. */
class LatLonSliceTest {

    @Test
    void lastTimeStepOfAVariable(@TempDir Path dir) throws IOException {
        Path file = SampleFiles.sample(dir);
        LatLonSlice s = LatLonSlice.read(file, LatLonSlice.Request.of("h").withTime(TimeIndex.last()));
        assertArrayEquals(SampleFiles.LAT, s.latitudes());
        assertArrayEquals(SampleFiles.LON, s.longitudes());
        for (int j = 0; j < NY; j++) {
            for (int i = 0; i < NX; i++) {
                double v = s.values()[j * NX + i];
                if (SampleFiles.hMissing(j, i)) {
                    assertTrue(Double.isNaN(v));
                } else {
                    assertEquals(SampleFiles.h(2, j, i), v);
                }
            }
        }
        assertEquals(1, s.missing());
        assertEquals("2000-03-01", s.time());
        assertEquals(2, s.timeIndex());
        assertEquals(3, s.timeCount());
        assertEquals(List.of("time = 2000-03-01 (index 2 of 0..2)"), s.selections());
        assertEquals("layer depth anomaly", s.label());
        assertEquals("m", s.units());
        // no time given: the last step too
        assertEquals(2, LatLonSlice.read(file, LatLonSlice.Request.of("h")).timeIndex());
        assertEquals("2000-02-01", LatLonSlice.read(file, LatLonSlice.Request.of("h").withTime(TimeIndex.at(1))).time());
    }

    @Test
    void packedValuesAndLevels(@TempDir Path dir) throws IOException {
        Path file = SampleFiles.sample(dir);
        LatLonSlice tp = LatLonSlice.read(file, LatLonSlice.Request.of("tp").withTime(TimeIndex.first()));
        assertEquals(SampleFiles.tp(0, 2, 3), tp.values()[2 * NX + 3]);
        assertTrue(Double.isNaN(tp.values()[3 * NX + 5]));
        LatLonSlice q = LatLonSlice.read(file, new LatLonSlice.Request("q", TimeIndex.at(1), Map.of("level", 1)));
        assertEquals(SampleFiles.q(1, 1, 3, 4), q.values()[3 * NX + 4], 1e-6);
        assertEquals(List.of("time = 2000-02-01 (index 1 of 0..2)", "level = 500 hPa (index 1 of 0..1)"),
                q.selections());
        // a level not given: the first, and said so
        LatLonSlice q0 = LatLonSlice.read(file, LatLonSlice.Request.of("q"));
        assertEquals(SampleFiles.q(2, 0, 0, 0), q0.values()[0], 1e-6);
        assertEquals("level = 850 hPa (index 0 of 0..1, by default)", q0.selections().get(1));
        // the time as a dimension index
        LatLonSlice q1 = LatLonSlice.read(file, LatLonSlice.Request.of("q").withIndices(Map.of("time", 0)));
        assertEquals(0, q1.timeIndex());
    }

    @Test
    void transposedDescendingGridComesOutRowByLatitude(@TempDir Path dir) throws IOException {
        Path file = SampleFiles.flipped(dir);
        LatLonSlice s = LatLonSlice.read(file, LatLonSlice.Request.of("w"));
        assertArrayEquals(SampleFiles.FLIPPED_LAT, s.latitudes());
        assertArrayEquals(SampleFiles.FLIPPED_LON, s.longitudes());
        int nx = SampleFiles.FLIPPED_LON.length;
        for (int r = 0; r < SampleFiles.FLIPPED_LAT.length; r++) {
            for (int c = 0; c < nx; c++) {
                assertEquals(SampleFiles.w(c, r), s.values()[r * nx + c]);
            }
        }
        assertNull(s.time());
        assertEquals(-1, s.timeIndex());
        assertTrue(s.selections().isEmpty());
        assertEquals("w", s.label());
    }

    private static String message(Path file, LatLonSlice.Request request) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatLonSlice.read(file,
                request));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void unknownVariableListsTheOthers(@TempDir Path dir) throws IOException {
        Path file = SampleFiles.sample(dir);
        String m = message(file, LatLonSlice.Request.of("hh"));
        assertTrue(m.contains("no variable 'hh'"), m);
        assertTrue(m.contains("variables on a latitude-longitude grid: h, tp, q, ub, vr"), m);
        assertTrue(m.contains("others: time, level, lat, lon, series"), m);
    }

    @Test
    void variableNotOnALatLonGrid(@TempDir Path dir) throws IOException {
        String m = message(SampleFiles.sample(dir), LatLonSlice.Request.of("series"));
        assertTrue(m.contains("variable 'series' is not on a latitude-longitude grid: its dimensions are (time=3)"), m);
        assertTrue(m.contains("degrees_north"), m);
    }

    @Test
    void indicesOutOfRangeSayTheValidRange(@TempDir Path dir) throws IOException {
        Path file = SampleFiles.sample(dir);
        String m = message(file, LatLonSlice.Request.of("h").withTime(TimeIndex.at(3)));
        assertTrue(m.contains("variable 'h': time index 3 is out of range"), m);
        assertTrue(m.contains("valid: 0..2, 'first' or 'last'"), m);
        m = message(file, LatLonSlice.Request.of("q").withIndices(Map.of("level", 2)));
        assertTrue(m.contains("index 2 of dimension 'level' is out of range; valid: 0..1"), m);
        m = message(file, LatLonSlice.Request.of("q").withIndices(Map.of("height", 0)));
        assertTrue(m.contains("has no dimension 'height'"), m);
        assertTrue(m.contains("you can choose an index of time, level"), m);
        m = message(file, LatLonSlice.Request.of("q").withIndices(Map.of("lat", 0)));
        assertTrue(m.contains("'lat' is an axis of the map"), m);
        m = message(SampleFiles.flipped(dir), LatLonSlice.Request.of("w").withTime(TimeIndex.first()));
        assertTrue(m.contains("variable 'w' has no time dimension"), m);
    }
}
