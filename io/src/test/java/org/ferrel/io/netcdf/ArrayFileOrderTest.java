package org.ferrel.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same content gives the same file bytes whatever map holds its attributes: unordered maps
 * ({@code Map.of}, HashMap) are written sorted by name, ordered ones in their own order.
 */
class ArrayFileOrderTest {
    @TempDir
    Path dir;

    private static ArrayFile.Content content(Map<String, String> variableAttributes, Map<String, String> global) {
        return new ArrayFile.Content(global, List.of(new ArrayFile.Variable("x", List.of("n"), new int[] {3},
                new double[] {1, 2, 3}, variableAttributes)));
    }

    @Test
    void unorderedAttributeMapsGiveTheSameBytes() throws Exception {
        Map<String, String> a = new HashMap<>();
        Map<String, String> b = new HashMap<>(64);
        String[] keys = {"units", "long_name", "standard_name", "comment", "source", "valid_min"};
        for (int i = 0; i < keys.length; i++) {
            a.put(keys[i], "value " + i);
        }
        for (int i = keys.length - 1; i >= 0; i--) {
            b.put(keys[i], "value " + i);
        }
        Path fa = dir.resolve("a.nc");
        Path fb = dir.resolve("b.nc");
        Path fc = dir.resolve("c.nc");
        ArrayFile.write(fa, content(a, Map.of("title", "t", "history", "h", "institution", "i")));
        ArrayFile.write(fb, content(b, new HashMap<>(Map.of("institution", "i", "title", "t", "history", "h"))));
        ArrayFile.write(fc, content(Map.copyOf(a), Map.of("history", "h", "institution", "i", "title", "t")));
        assertArrayEquals(Files.readAllBytes(fa), Files.readAllBytes(fb));
        assertArrayEquals(Files.readAllBytes(fa), Files.readAllBytes(fc));
        assertEquals(List.of("comment", "long_name", "source", "standard_name", "units", "valid_min"),
                List.copyOf(ArrayFile.read(fa).variable("x").attributes().keySet()));
    }

    @Test
    void orderedMapsKeepTheirOrder() throws Exception {
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("units", "m");
        ordered.put("long_name", "depth");
        Path f = dir.resolve("o.nc");
        ArrayFile.write(f, content(ordered, new LinkedHashMap<>()));
        assertEquals(List.of("units", "long_name"), List.copyOf(ArrayFile.read(f).variable("x").attributes().keySet()));
    }
}
