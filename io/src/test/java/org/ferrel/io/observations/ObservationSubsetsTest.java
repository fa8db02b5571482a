package org.ferrel.io.observations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/**
 * The committed subsets are what {@link ObservationSubsets} makes of the shared files (checked when
 * {@code ../shared/data} is present), and how to remake them:
 * {@code ./mvnw -B -o -q -pl io -am test -Dtest=ObservationSubsetsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dferrel.writeSubsets=true}.
 */
class ObservationSubsetsTest {
    @Test
    @EnabledIfSystemProperty(named = "ferrel.writeSubsets", matches = "true")
    void writeSubsets() throws Exception {
        Path shared = TestData.shared().orElseThrow(() -> new IllegalStateException("no shared/data folder found"));
        ObservationSubsets.writeAll(shared, Path.of("src/test/resources/observations"));
    }

    @Test
    void eraintSubsetHoldsTheSharedFilesStoredShortsAndAttributes() throws Exception {
        assertSubsetOf("eraint_uvz.nc", ObservationSubsets.ERAINT, ObservationSubsets.ERAINT_STRIDES);
    }

    @Test
    void sktSubsetHoldsTheSharedFilesValuesAndAttributes() throws Exception {
        assertSubsetOf("skt.sfc.mon.ltm.1991-2020.nc", ObservationSubsets.SKT, ObservationSubsets.SKT_STRIDES);
    }

    @Test
    void airFileIsTheSharedFile() throws Exception {
        var shared = TestData.shared(ObservationSubsets.AIR);
        assumeTrue(shared.isPresent(), "../shared/data not present");
        assertEquals(-1L, Files.mismatch(shared.get(), TestData.resource(ObservationSubsets.AIR)));
    }

    private static void assertSubsetOf(String original, String subset, Map<String, Integer> strides) throws Exception {
        var shared = TestData.shared(original);
        assumeTrue(shared.isPresent(), "../shared/data not present");
        try (NetcdfFile in = NetcdfFile.open(shared.get().toString());
                NetcdfFile out = NetcdfFile.open(TestData.resource(subset).toString())) {
            assertEquals("netCDF", out.getFileTypeId(), "subsets are NetCDF-3");
            for (Variable s : out.getVariables()) {
                Variable v = in.findVariable(s.getShortName());
                assertEquals(v.getDataType(), s.getDataType(), s.getShortName());
                Object expected = v.read(ObservationSubsets.section(v, strides)).copyTo1DJavaArray();
                Object actual = s.read().copyTo1DJavaArray();
                switch (expected) {
                    case short[] e -> assertArrayEquals(e, (short[]) actual, s.getShortName());
                    case int[] e -> assertArrayEquals(e, (int[]) actual, s.getShortName());
                    case float[] e -> assertArrayEquals(e, (float[]) actual, s.getShortName());
                    case double[] e -> assertArrayEquals(e, (double[]) actual, s.getShortName());
                    default -> throw new AssertionError("unexpected type " + expected.getClass());
                }
                for (Attribute a : v.getAttributes()) {
                    if (!a.getShortName().startsWith("_Chunk")) {
                        Attribute b = s.findAttribute(a.getShortName());
                        assertTrue(b != null, s.getShortName() + ":" + a.getShortName() + " kept");
                        assertEquals(a.getDataType(), b.getDataType(), a.getShortName());
                        assertEquals(a.getValues().toString(), b.getValues().toString(), a.getShortName());
                    }
                }
            }
        }
    }
}
