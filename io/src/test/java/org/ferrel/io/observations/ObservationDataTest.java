package org.ferrel.io.observations;

import static org.ferrel.io.observations.ObservationReaderTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/**
 * The reader on real reanalysis data: the committed subsets in {@code src/test/resources/observations}
 * always, the whole files of {@code ../shared/data} when present (the sanity figures of its SOURCES.md).
 */
class ObservationDataTest {
    private static final Path ERAINT = TestData.resource(ObservationSubsets.ERAINT);
    private static final Path AIR = TestData.resource(ObservationSubsets.AIR);
    private static final Path SKT = TestData.resource(ObservationSubsets.SKT);
    private static final ReadOptions JULY_500 = ReadOptions.defaults().select("level", 500).select("month", 7);

    @Test
    void eraintPackedShortsUnpackAsComputedByHand() throws Exception {
        GriddedObservation z = ObservationReader.read(ERAINT, "z", JULY_500);
        assertEquals("m**2 s**-2", z.units());
        assertEquals(Map.of("level", 500.0, "month", 7.0), z.selected());
        assertEquals(31, z.ny());
        assertEquals(60, z.nx());
        // z = stored * scale_factor + add_offset, scale_factor = -1.7250274674967954, add_offset = 66825.5.
        // Stored 7793 at (July, 500 hPa, 90N, 0E): 7793 * -1.7250274674967954 + 66825.5 = 53382.360945797...
        assertEquals(53382.360945797474, z.value(0, 30, 0), 1e-9);
        assertEquals(7793 * -1.7250274674967954 + 66825.5, z.value(0, 30, 0), 0.0);
        // stored 5450 at (0N, 180W), which is 180E: 57424.100302142...
        assertEquals(57424.10030214247, z.value(0, 15, 30), 1e-9);
        // stored 10928 at (90S, 174E): 47974.399835195...
        assertEquals(47974.39983519502, z.value(0, 0, 29), 1e-9);
        // u in January at 200 hPa, 30N 90E (the subtropical jet): stored -16393,
        // -16393 * -0.001572704938045535 + 26.96875 = 52.750102049...
        GriddedObservation u = ObservationReader.read(ERAINT, "u",
                ReadOptions.defaults().select("level", 200).select("month", 1));
        assertEquals(52.75010204938046, u.value(0, 20, 15), 1e-12);
        assertEquals(30.0, u.latitudes()[20], 0.0);
        assertEquals(90.0, u.longitudes()[15], 0.0);
    }

    @Test
    void eraintEveryPointIsTheStoredShortUnpackedAndTheNaNFillValueMasksNothing() throws Exception {
        GriddedObservation v = ObservationReader.read(ERAINT, "v",
                ReadOptions.defaults().select("level", 850).select("month", 1).longitudes(LongitudeRange.MINUS_180_TO_180));
        try (NetcdfFile nc = NetcdfFile.open(ERAINT.toString())) {
            Variable raw = nc.findVariable("v");
            assertTrue(Double.isNaN(raw.findAttribute("_FillValue").getNumericValue().doubleValue()), "the quirk is kept");
            double scale = raw.findAttribute("scale_factor").getNumericValue().doubleValue();
            double offset = raw.findAttribute("add_offset").getNumericValue().doubleValue();
            assertTrue(scale < 0);
            short[] stored = (short[]) raw.read("0,2,:,:").copyTo1DJavaArray(); // January, 850 hPa, north first
            assertArrayEquals(new double[] {-180, -174}, Arrays.copyOf(v.longitudes(), 2), "file order kept");
            for (int j = 0; j < 31; j++) {
                for (int i = 0; i < 60; i++) {
                    assertEquals(stored[(30 - j) * 60 + i] * scale + offset, v.value(0, j, i), 0.0);
                }
            }
        }
        assertEquals(0, Arrays.stream(v.values()).filter(Double::isNaN).count());
    }

    @Test
    void eraintIsFlippedToAscendingLatitudesAndRotatedToZeroTo360() throws Exception {
        GriddedObservation east = ObservationReader.read(ERAINT, "z", JULY_500);
        GriddedObservation west = ObservationReader.read(ERAINT, "z", JULY_500.longitudes(LongitudeRange.MINUS_180_TO_180));
        assertEquals(-90.0, east.latitudes()[0], 0.0);
        assertEquals(90.0, east.latitudes()[30], 0.0);
        assertEquals(0.0, east.longitudes()[0], 0.0);
        assertEquals(354.0, east.longitudes()[59], 0.0);
        assertEquals(-180.0, west.longitudes()[0], 0.0);
        for (int j = 0; j < 31; j++) {
            for (int i = 0; i < 60; i++) {
                assertEquals(west.value(0, j, (i + 30) % 60), east.value(0, j, i), 0.0);
            }
        }
    }

    @Test
    void eraintGeopotentialBecomesGeopotentialHeight() throws Exception {
        GriddedObservation z = ObservationReader.read(ERAINT, "z", JULY_500);
        GriddedObservation h = ObservationReader.read(ERAINT, "z", JULY_500.units("gpm"));
        assertEquals("gpm", h.units());
        IllegalArgumentException plainMetres = assertThrows(IllegalArgumentException.class,
                () -> ObservationReader.read(ERAINT, "z", JULY_500.units("m")));
        assertMentions(plainMetres, ObservationSubsets.ERAINT, "'z'", "'m**2 s**-2'", "'m'", "different quantities");
        assertEquals(53382.360945797474 / 9.80665, h.value(0, 30, 0), 1e-9);
        for (int k = 0; k < z.values().length; k++) {
            assertEquals(z.values()[k] / UnitConversion.STANDARD_GRAVITY, h.values()[k], 1e-9);
        }
        // the July 500 hPa surface: 5,692.4 m on average on the whole 0.75 degree grid, 5,692.9 m on every
        // 8th point
        assertEquals(5692.4, h.areaWeightedMean(), 1.0);
    }

    @Test
    void eraintMonthIsAnOrdinaryDimensionSelectedByValue() throws Exception {
        IllegalArgumentException unselected = assertThrows(IllegalArgumentException.class,
                () -> ObservationReader.read(ERAINT, "z", ReadOptions.defaults().select("level", 500)));
        assertMentions(unselected, ObservationSubsets.ERAINT, "'z'", "month", "(1, 7)");
        IllegalArgumentException noLevel = assertThrows(IllegalArgumentException.class,
                () -> ObservationReader.read(ERAINT, "z", JULY_500.select("level", 300)));
        assertMentions(noLevel, ObservationSubsets.ERAINT, "'z'", "level", "300", "(200, 500, 850 millibars)");
        IllegalArgumentException noMonth = assertThrows(IllegalArgumentException.class,
                () -> ObservationReader.read(ERAINT, "z", JULY_500.select("month", 3)));
        assertMentions(noMonth, ObservationSubsets.ERAINT, "'z'", "month", "(1, 7)");
        IllegalArgumentException badIndex = assertThrows(IllegalArgumentException.class,
                () -> ObservationReader.read(ERAINT, "z", JULY_500.selectIndex("level", 3)));
        assertMentions(badIndex, ObservationSubsets.ERAINT, "'z'", "level", "0 to 2");
        ObservationException missing = assertThrows(ObservationException.class,
                () -> ObservationReader.read(ERAINT, "t", JULY_500));
        assertMentions(missing, ObservationSubsets.ERAINT, "'t'", "available: z, u, v");
        GriddedObservation january = ObservationReader.read(ERAINT, "z", ReadOptions.defaults().select("level", 500)
                .selectIndex("month", 0));
        assertEquals(1.0, january.selected().get("month"), 0.0);
        assertTrue(!january.hasTime());
    }

    @Test
    void ncepAirNetcdf4HasTheSanityMeanAndAClimatologicalTimeAxisInYearOne() throws Exception {
        try (NetcdfFile nc = NetcdfFile.open(AIR.toString())) {
            assertEquals("netCDF-4", nc.getFileTypeId());
        }
        GriddedObservation air = ObservationReader.read(AIR, "air");
        assertEquals("degC", air.units());
        assertEquals(12, air.nt());
        // SOURCES.md: area-weighted annual global mean 14.06 degC (months weighted equally)
        assertEquals(14.06, air.areaWeightedMean(), 0.005);
        assertEquals(287.21, ObservationReader.read(AIR, "air", ReadOptions.defaults().units("K")).areaWeightedMean(),
                0.005);
        assertEquals(CfCalendar.STANDARD, air.calendar());
        assertEquals(CalendarDate.of(1800, 1, 1), air.timeUnits().origin());
        assertEquals(-657073.0, air.times()[0], 0.0);
        assertEquals(CalendarDate.of(1, 1, 1), air.date(0));
        assertEquals(CalendarDate.of(1, 7, 1), air.date(6));
        assertEquals(CalendarDate.of(1, 12, 1), air.date(11));
        assertEquals(Instant.parse("0000-12-30T00:00:00Z"), air.instant(0), "Julian 1 January 1 AD");
        // latitudes were descending: stored air[0, 72, 0] = -23.410442 is at 90S, now row 0;
        // stored air[6, 36, 72] = 27.415363 is July at the equator, 180E
        assertEquals(-90.0, air.latitudes()[0], 0.0);
        assertEquals((double) -23.410442f, air.value(0, 0, 0), 0.0);
        assertEquals((double) 27.415363f, air.value(6, 36, 72), 0.0);
        GriddedObservation west = ObservationReader.read(AIR, "air",
                ReadOptions.defaults().longitudes(LongitudeRange.MINUS_180_TO_180));
        assertEquals((double) 27.415363f, west.value(6, 36, 0), 0.0);
        assertEquals(air.areaWeightedMean(), west.areaWeightedMean(), 1e-12);
    }

    @Test
    void ncepSktSubsetKeepsTheNcepTimeAxisInNetcdf3() throws Exception {
        try (NetcdfFile nc = NetcdfFile.open(SKT.toString())) {
            assertEquals("netCDF", nc.getFileTypeId());
            assertEquals("hours since 1800-01-01 00:00:0.0",
                    nc.findVariable("time").findAttribute("units").getStringValue());
        }
        GriddedObservation skt = ObservationReader.read(SKT, "skt");
        assertEquals(-657073.0, skt.times()[0], 0.0);
        for (int m = 0; m < 12; m++) {
            assertEquals(CalendarDate.of(1, m + 1, 1), skt.date(m));
        }
        assertEquals(-86.6531, skt.latitudes()[0], 1e-4);
        assertEquals((double) -32.340157f, skt.value(0, 23, 0), 0.0, "stored skt[0, 0, 0] at 88.542N, 0E");
        // every 4th point of the Gaussian grid (rows not symmetric about the equator): 14.74 degC, close to
        // the 14.80 degC of the whole grid
        assertEquals(14.8, skt.areaWeightedMean(), 0.1);
        assertEquals(0, Arrays.stream(skt.values()).filter(Double::isNaN).count());
    }

    @Test
    void sharedNcepFilesHaveTheSanityFiguresOfSourcesMd() throws Exception {
        var skt = TestData.shared("skt.sfc.mon.ltm.1991-2020.nc");
        var olr = TestData.shared("ulwrf.ntat.mon.ltm.1991-2020.nc");
        assumeTrue(skt.isPresent() && olr.isPresent(), "../shared/data not present");
        GriddedObservation s = ObservationReader.read(skt.get(), "skt");
        assertEquals(14.8, s.areaWeightedMean(), 0.05);
        assertEquals(CalendarDate.of(1, 1, 1), s.date(0));
        GriddedObservation o = ObservationReader.read(olr.get(), "ulwrf");
        assertEquals("W/m^2", o.units());
        assertEquals(237.7, o.areaWeightedMean(), 0.05);
        assertEquals(94, o.ny());
        assertEquals(192, o.nx());
    }

    @Test
    void sharedEraintReadsLikeItsSubset() throws Exception {
        var full = TestData.shared("eraint_uvz.nc");
        assumeTrue(full.isPresent(), "../shared/data not present");
        GriddedObservation whole = ObservationReader.read(full.get(), "u", JULY_500);
        GriddedObservation sub = ObservationReader.read(ERAINT, "u", JULY_500);
        assertEquals(241, whole.ny());
        assertEquals(480, whole.nx());
        for (int j = 0; j < sub.ny(); j++) {
            for (int i = 0; i < sub.nx(); i++) {
                assertEquals(whole.value(0, 8 * j, 8 * i), sub.value(0, j, i), 0.0);
            }
        }
    }
}
