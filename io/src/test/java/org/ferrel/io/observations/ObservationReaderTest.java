package org.ferrel.io.observations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ucar.ma2.DataType;
import ucar.nc2.Attribute;

/** The reader on small synthetic files written with NetCDF-Java: axes, orders, selections, grid, packing, errors. */
class ObservationReaderTest {
    @TempDir
    Path dir;

    private static final double[] LAT_DESCENDING = {80, 30, 0, -45, -60};
    private static final double[] LON = {0, 90, 180, 270};
    private static final double[] TIME = {0, 31, 60};

    /** The value written at a point: distinct for every record, latitude and longitude. */
    private static double f(double time, double lat, double lon) {
        return 1e4 * time + 10 * lat + 0.01 * lon;
    }

    /** A (time?, lat, lon) variable 'x' in the given dimension order, latitudes descending. */
    private Path fileInOrder(String order) throws Exception {
        String[] names = order.split(" ");
        int[] shape = new int[names.length];
        double[][] coords = new double[names.length][];
        for (int k = 0; k < names.length; k++) {
            coords[k] = switch (names[k]) {
                case "lat" -> LAT_DESCENDING;
                case "lon" -> LON;
                default -> TIME;
            };
            shape[k] = coords[k].length;
        }
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        double[] data = new double[n];
        for (int flat = 0; flat < n; flat++) {
            double time = 0;
            double lat = 0;
            double lon = 0;
            for (int k = names.length - 1, rest = flat; k >= 0; k--) {
                double c = coords[k][rest % shape[k]];
                rest /= shape[k];
                switch (names[k]) {
                    case "lat" -> lat = c;
                    case "lon" -> lon = c;
                    default -> time = c;
                }
            }
            data[flat] = f(time, lat, lon);
        }
        SyntheticFile file = new SyntheticFile();
        for (String name : names) {
            switch (name) {
                case "lat" -> file.coordinate("lat", LAT_DESCENDING, "units", "degrees_north");
                case "lon" -> file.coordinate("lon", LON, "units", "degrees_east");
                default -> file.coordinate("time", TIME, "units", "days since 2000-01-01 00:00:00");
            }
        }
        file.variable("x", DataType.DOUBLE, order, data, new Attribute("units", "K"));
        return file.write(dir.resolve(order.replace(' ', '_') + ".nc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"time lat lon", "lat lon", "lon lat time", "lat time lon", "lon lat", "time lon lat"})
    void everyDimensionOrderGivesTimeLatLon(String order) throws Exception {
        GriddedObservation o = ObservationReader.read(fileInOrder(order), "x");
        boolean hasTime = order.contains("time");
        assertEquals(hasTime, o.hasTime());
        assertEquals(hasTime ? 3 : 1, o.nt());
        assertArrayEquals(new double[] {-60, -45, 0, 30, 80}, o.latitudes(), "ascending");
        assertArrayEquals(LON, o.longitudes());
        for (int t = 0; t < o.nt(); t++) {
            for (int j = 0; j < o.ny(); j++) {
                for (int i = 0; i < o.nx(); i++) {
                    double time = hasTime ? o.times()[t] : 0;
                    assertEquals(f(time, o.latitudes()[j], o.longitudes()[i]), o.value(t, j, i), 1e-9,
                            order + " at " + t + "," + j + "," + i);
                }
            }
        }
        if (hasTime) {
            assertArrayEquals(TIME, o.times());
            assertEquals(CalendarDate.of(2000, 3, 1), o.date(2));
        }
    }

    @Test
    void descendingLatitudesAreFlippedWithTheirRows() throws Exception {
        double[] lat = {90, 45, 0, -45, -90};
        double[] lon = {0, 120, 240};
        double[] data = new double[15];
        for (int j = 0; j < 5; j++) {
            for (int i = 0; i < 3; i++) {
                data[3 * j + i] = lat[j] + i;
            }
        }
        Path file = new SyntheticFile().coordinate("latitude", lat, "standard_name", "latitude")
                .coordinate("longitude", lon, "standard_name", "longitude")
                .variable("h", DataType.DOUBLE, "latitude longitude", data).write(dir.resolve("desc.nc"));
        GriddedObservation o = ObservationReader.read(file, "h");
        assertArrayEquals(new double[] {-90, -45, 0, 45, 90}, o.latitudes());
        assertArrayEquals(new double[] {-90, -89, -88, -45, -44, -43, 0, 1, 2, 45, 46, 47, 90, 91, 92}, o.values());
        assertEquals("", o.units(), "no units attribute");
    }

    /** A field on longitudes -180..174 (6 degree steps) whose value is its longitude, and a second row. */
    private Path signedLongitudeFile(String name) throws Exception {
        double[] lon = new double[60];
        double[] data = new double[120];
        for (int i = 0; i < 60; i++) {
            lon[i] = -180 + 6 * i;
            data[i] = lon[i];
            data[60 + i] = 1000 + lon[i];
        }
        return new SyntheticFile().coordinate("lat", new double[] {-10, 10}, "units", "degrees_north")
                .coordinate("lon", lon, "units", "degrees_east")
                .variable("w", DataType.DOUBLE, "lat lon", data).write(dir.resolve(name));
    }

    @Test
    void longitudesAreWrappedToTheRequestedRangeWithTheDataRotated() throws Exception {
        Path file = signedLongitudeFile("signed.nc");
        GriddedObservation east = ObservationReader.read(file, "w");
        assertEquals(60, east.nx());
        for (int i = 0; i < 60; i++) {
            assertEquals(6.0 * i, east.longitudes()[i], 0.0);
            double original = i < 30 ? 6.0 * i : 6.0 * i - 360; // the file's longitude of this point
            assertEquals(original, east.value(0, 0, i), 0.0);
            assertEquals(1000 + original, east.value(0, 1, i), 0.0);
        }
        GriddedObservation signed = ObservationReader.read(file, "w",
                ReadOptions.defaults().longitudes(LongitudeRange.MINUS_180_TO_180));
        assertEquals(-180.0, signed.longitudes()[0], 0.0);
        assertEquals(174.0, signed.longitudes()[59], 0.0);
        assertArrayEquals(signed.longitudes(), java.util.Arrays.copyOf(signed.field(0), 60),
                "not rotated: the value is the longitude");
    }

    @Test
    void longitudeConversionRoundTrips() throws Exception {
        Path signedFile = signedLongitudeFile("round.nc");
        GriddedObservation original = ObservationReader.read(signedFile, "w",
                ReadOptions.defaults().longitudes(LongitudeRange.MINUS_180_TO_180));
        GriddedObservation east = ObservationReader.read(signedFile, "w");
        // write the 0..360 version, read it back as -180..180
        Path eastFile = new SyntheticFile().coordinate("lat", east.latitudes(), "units", "degrees_north")
                .coordinate("lon", east.longitudes(), "units", "degrees_east")
                .variable("w", DataType.DOUBLE, "lat lon", east.values()).write(dir.resolve("east.nc"));
        GriddedObservation back = ObservationReader.read(eastFile, "w",
                ReadOptions.defaults().longitudes(LongitudeRange.MINUS_180_TO_180));
        assertArrayEquals(original.longitudes(), back.longitudes());
        assertArrayEquals(original.values(), back.values());
        assertArrayEquals(east.values(), ObservationReader.read(eastFile, "w").values());
    }

    @Test
    void aCyclicLongitudeColumnIsDropped() throws Exception {
        double[] lon = {0, 90, 180, 270, 360};
        Path file = new SyntheticFile().coordinate("lat", new double[] {0}, "units", "degrees_north")
                .coordinate("lon", lon, "units", "degrees_east")
                .variable("c", DataType.DOUBLE, "lat lon", new double[] {1, 2, 3, 4, 1}).write(dir.resolve("cyc.nc"));
        GriddedObservation o = ObservationReader.read(file, "c");
        assertArrayEquals(new double[] {0, 90, 180, 270}, o.longitudes());
        assertArrayEquals(new double[] {1, 2, 3, 4}, o.values());
        GriddedObservation s = ObservationReader.read(file, "c",
                ReadOptions.defaults().longitudes(LongitudeRange.MINUS_180_TO_180));
        assertArrayEquals(new double[] {-180, -90, 0, 90}, s.longitudes());
        assertArrayEquals(new double[] {3, 4, 1, 2}, s.values());
    }

    /** (time, level, lat, lon) with levels 1000, 850, 500 hPa; value = 1000 * record + level. */
    private Path levelFile() throws Exception {
        double[] level = {1000, 850, 500};
        double[] data = new double[2 * 3 * 2 * 3];
        for (int t = 0; t < 2; t++) {
            for (int l = 0; l < 3; l++) {
                for (int p = 0; p < 6; p++) {
                    data[(t * 3 + l) * 6 + p] = 1000 * t + level[l];
                }
            }
        }
        return new SyntheticFile().coordinate("time", new double[] {0, 1}, "units", "hours since 2000-01-01")
                .coordinate("level", level, "units", "hPa", "positive", "down")
                .coordinate("lat", new double[] {-30, 30}, "units", "degrees_north")
                .coordinate("lon", new double[] {0, 120, 240}, "units", "degrees_east")
                .variable("ta", DataType.DOUBLE, "time level lat lon", data, new Attribute("units", "K"))
                .write(dir.resolve("levels.nc"));
    }

    @Test
    void anExtraDimensionIsSelectedByValueOrByIndex() throws Exception {
        Path file = levelFile();
        GriddedObservation byValue = ObservationReader.read(file, "ta", ReadOptions.defaults().select("level", 500));
        assertEquals(2, byValue.nt());
        assertEquals(500.0, byValue.value(0, 1, 2), 0.0);
        assertEquals(1500.0, byValue.value(1, 0, 0), 0.0);
        assertEquals(Map.of("level", 500.0), byValue.selected());
        GriddedObservation byIndex = ObservationReader.read(file, "ta", ReadOptions.defaults().selectIndex("level", 1));
        assertEquals(850.0, byIndex.value(0, 0, 0), 0.0);
        // the time axis may be selected too, and stays a time axis of one record
        GriddedObservation one = ObservationReader.read(file, "ta",
                ReadOptions.defaults().select("level", 850).selectIndex("time", 1));
        assertEquals(1, one.nt());
        assertArrayEquals(new double[] {1 / 24.0}, one.times(), 1e-15);
        assertEquals(new CalendarDate(2000, 1, 1, 1, 0, 0), one.date(0));
        assertEquals(1850.0, one.value(0, 1, 1), 0.0);
    }

    @Test
    void badSelectionsNameTheFileTheVariableAndWhatIsAvailable() throws Exception {
        Path file = levelFile();
        IllegalArgumentException unselected = assertThrows(IllegalArgumentException.class,
                () -> ObservationReader.read(file, "ta"));
        assertMentions(unselected, "levels.nc", "'ta'", "level", "1000, 850, 500 hPa");
        IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class,
                () -> ObservationReader.read(file, "ta", ReadOptions.defaults().select("level", 300)));
        assertMentions(noValue, "levels.nc", "'ta'", "300", "1000, 850, 500 hPa");
        IllegalArgumentException badIndex = assertThrows(IllegalArgumentException.class,
                () -> ObservationReader.read(file, "ta", ReadOptions.defaults().selectIndex("level", 3)));
        assertMentions(badIndex, "levels.nc", "'ta'", "index 3", "0 to 2");
        IllegalArgumentException noDimension = assertThrows(IllegalArgumentException.class,
                () -> ObservationReader.read(file, "ta", ReadOptions.defaults().select("plev", 500)));
        assertMentions(noDimension, "levels.nc", "'ta'", "plev", "(time, level, lat, lon)");
        IllegalArgumentException latitude = assertThrows(IllegalArgumentException.class,
                () -> ObservationReader.read(file, "ta", ReadOptions.defaults().select("level", 500).select("lat", 30)));
        assertMentions(latitude, "levels.nc", "'ta'", "lat");
    }

    @Test
    void aDimensionOfLengthOneNeedsNoSelectionAndOneWithoutCoordinatesIsSelectedByIndex() throws Exception {
        double[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        Path file = new SyntheticFile().coordinate("height", new double[] {2}, "units", "m")
                .dimension("member", 2)
                .coordinate("lat", new double[] {0, 10}, "units", "degrees_north")
                .coordinate("lon", new double[] {0, 180}, "units", "degrees_east")
                .variable("tas", DataType.DOUBLE, "height member lat lon", data).write(dir.resolve("one.nc"));
        GriddedObservation o = ObservationReader.read(file, "tas", ReadOptions.defaults().selectIndex("member", 1));
        assertArrayEquals(new double[] {5, 6, 7, 8}, o.values());
        assertEquals(2.0, o.selected().get("height"), 0.0);
        assertEquals(1.0, o.selected().get("member"), 0.0);
        IllegalArgumentException byValue = assertThrows(IllegalArgumentException.class,
                () -> ObservationReader.read(file, "tas", ReadOptions.defaults().select("member", 1)));
        assertMentions(byValue, "one.nc", "'tas'", "member", "no coordinate variable");
    }

    @Test
    void axesAreFoundByStandardNameUnitsAxisAndName() throws Exception {
        double[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        Path byStandardName = new SyntheticFile()
                .coordinate("y", new double[] {10, 20}, "standard_name", "latitude", "units", "degrees")
                .coordinate("x", new double[] {10, 20}, "standard_name", "longitude", "units", "degrees")
                .coordinate("t", new double[] {0, 1}, "units", "days since 2000-1-1")
                .variable("a", DataType.DOUBLE, "x t y", data).write(dir.resolve("sn.nc"));
        GriddedObservation a = ObservationReader.read(byStandardName, "a");
        assertTrue(a.hasTime());
        assertEquals(3.0, a.value(1, 0, 0), 0.0, "(x=0, t=1, y=0) is flat index 2");
        assertEquals(5.0, a.value(0, 0, 1), 0.0, "(x=1, t=0, y=0) is flat index 4");
        Path byUnits = new SyntheticFile().coordinate("row", new double[] {10, 20}, "units", "degree_N")
                .coordinate("col", new double[] {10, 20}, "units", "degreesE")
                .variable("b", DataType.DOUBLE, "row col", new double[] {1, 2, 3, 4}).write(dir.resolve("units.nc"));
        assertArrayEquals(new double[] {1, 2, 3, 4}, ObservationReader.read(byUnits, "b").values());
        Path byAxis = new SyntheticFile().coordinate("j", new double[] {10, 20}, "axis", "Y", "units", "degrees")
                .coordinate("i", new double[] {10, 20}, "axis", "X")
                .variable("c", DataType.DOUBLE, "i j", new double[] {1, 2, 3, 4}).write(dir.resolve("axis.nc"));
        assertArrayEquals(new double[] {1, 3, 2, 4}, ObservationReader.read(byAxis, "c").values());
        Path byName = new SyntheticFile().coordinate("latitude", new double[] {10, 20})
                .coordinate("longitude", new double[] {10, 20})
                .variable("d", DataType.DOUBLE, "latitude longitude", new double[] {1, 2, 3, 4})
                .write(dir.resolve("name.nc"));
        assertArrayEquals(new double[] {1, 2, 3, 4}, ObservationReader.read(byName, "d").values());
    }

    @Test
    void aTimeNamedDimensionWithoutCfUnitsIsAnOrdinaryDimension() throws Exception {
        Path file = new SyntheticFile().coordinate("time", new double[] {1, 7})
                .coordinate("lat", new double[] {0}, "units", "degrees_north")
                .coordinate("lon", new double[] {0}, "units", "degrees_east")
                .variable("m", DataType.DOUBLE, "time lat lon", new double[] {10, 70}).write(dir.resolve("month.nc"));
        GriddedObservation o = ObservationReader.read(file, "m", ReadOptions.defaults().select("time", 7));
        assertFalse(o.hasTime());
        assertArrayEquals(new double[] {70}, o.values());
        assertEquals(Map.of("time", 7.0), o.selected());
    }

    @Test
    void packedShortsAreUnpackedAndMaskedAsComputedByHand() throws Exception {
        short[] raw = {0, 1, -2, -32767, 32767, 200};
        Path file = new SyntheticFile().coordinate("lat", new double[] {0}, "units", "degrees_north")
                .coordinate("lon", new double[] {0, 60, 120, 180, 240, 300}, "units", "degrees_east")
                .variable("p", DataType.SHORT, "lat lon", raw, new Attribute("scale_factor", -0.5),
                        new Attribute("add_offset", 100.0), new Attribute("_FillValue", (short) -32767),
                        new Attribute("missing_value", (short) 32767))
                .variable("q", DataType.SHORT, "lat lon", raw, new Attribute("scale_factor", 0.25),
                        new Attribute("_FillValue", Double.NaN), new Attribute("valid_range",
                                ucar.ma2.Array.factory(DataType.FLOAT, new int[] {2}, new float[] {-1000f, 1000f})))
                .write(dir.resolve("packed.nc"));
        // p = raw * -0.5 + 100: 0 -> 100, 1 -> 99.5, -2 -> 101, fill and missing -> NaN, 200 -> 0
        assertArrayEquals(new double[] {100, 99.5, 101, Double.NaN, Double.NaN, 0},
                ObservationReader.read(file, "p").values());
        // q = raw * 0.25, a NaN fill value masks nothing, valid_range in unpacked units (float on a short)
        // masks -8191.75 and 8191.75
        assertArrayEquals(new double[] {0, 0.25, -0.5, Double.NaN, Double.NaN, 50},
                ObservationReader.read(file, "q").values());
    }

    @Test
    void floatFillValuesUnsignedBytesAndTheDefaultFillAreHandled() throws Exception {
        float defaultFill = 9.96921e36f;
        Path file = new SyntheticFile().coordinate("lat", new double[] {0}, "units", "degrees_north")
                .coordinate("lon", new double[] {0, 90, 180, 270}, "units", "degrees_east")
                .variable("m", DataType.FLOAT, "lat lon", new float[] {1.5f, -9.96921e36f, Float.NaN, 2f},
                        new Attribute("missing_value", -9.96921e36f))
                .variable("d", DataType.FLOAT, "lat lon", new float[] {1f, defaultFill, 3f, 4f})
                .variable("b", DataType.BYTE, "lat lon", new byte[] {0, 1, -1, -128},
                        new Attribute("_Unsigned", "true"), new Attribute("scale_factor", 2.0))
                .write(dir.resolve("fills.nc"));
        assertArrayEquals(new double[] {1.5, Double.NaN, Double.NaN, 2}, ObservationReader.read(file, "m").values());
        assertArrayEquals(new double[] {1, Double.NaN, 3, 4}, ObservationReader.read(file, "d").values());
        assertArrayEquals(new double[] {0, 2, 510, 256}, ObservationReader.read(file, "b").values());
    }

    @Test
    void unitsAreConvertedOnRequestAndAnUnknownConversionNamesBothUnits() throws Exception {
        Path file = new SyntheticFile().coordinate("lat", new double[] {0}, "units", "degrees_north")
                .coordinate("lon", new double[] {0, 180}, "units", "degrees_east")
                .variable("t", DataType.DOUBLE, "lat lon", new double[] {-273.15, 14.06},
                        new Attribute("units", "deg C"))
                .write(dir.resolve("units.nc"));
        GriddedObservation k = ObservationReader.read(file, "t", ReadOptions.defaults().units("K"));
        assertEquals("K", k.units());
        assertArrayEquals(new double[] {0, 287.21}, k.values(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ObservationReader.read(file, "t", ReadOptions.defaults().units("W m-2")));
        assertMentions(e, "units.nc", "'t'", "'deg C'", "'W m-2'");
    }

    @Test
    void aMissingFileANonNetcdfFileAndATruncatedFileAreReportedWithTheFileAndVariable() throws Exception {
        ObservationException missing = assertThrows(ObservationException.class,
                () -> ObservationReader.read(dir.resolve("nowhere.nc"), "air"));
        assertMentions(missing, "nowhere.nc", "'air'", "no such file");
        Path text = Files.writeString(dir.resolve("notes.nc"), "not a NetCDF file\n".repeat(100));
        ObservationException notNetcdf = assertThrows(ObservationException.class,
                () -> ObservationReader.read(text, "air"));
        assertMentions(notNetcdf, "notes.nc", "'air'", "NetCDF-3 or NetCDF-4");
        for (String name : new String[] {ObservationSubsets.ERAINT, ObservationSubsets.AIR}) {
            byte[] whole = Files.readAllBytes(TestData.resource(name));
            Path truncated = Files.write(dir.resolve("truncated-" + name), java.util.Arrays.copyOf(whole,
                    whole.length / 2));
            String variable = name.equals(ObservationSubsets.AIR) ? "air" : "u";
            ReadOptions options = name.equals(ObservationSubsets.AIR) ? ReadOptions.defaults()
                    : ReadOptions.defaults().select("level", 850).select("month", 7);
            ObservationException e = assertThrows(ObservationException.class,
                    () -> ObservationReader.read(truncated, variable, options), name);
            assertMentions(e, "truncated-" + name, "'" + variable + "'");
        }
    }

    @Test
    void aMissingVariableListsTheAvailableOnesAndAMissingAxisSaysWhatWasExpected() throws Exception {
        Path file = new SyntheticFile().coordinate("y", new double[] {0, 1000}, "units", "m")
                .coordinate("x", new double[] {0, 1000}, "units", "m")
                .variable("h", DataType.DOUBLE, "y x", new double[4])
                .variable("u", DataType.DOUBLE, "y x", new double[4]).write(dir.resolve("plane.nc"));
        ObservationException noVariable = assertThrows(ObservationException.class,
                () -> ObservationReader.read(file, "zeta"));
        assertMentions(noVariable, "plane.nc", "'zeta'", "available: h, u");
        ObservationException noAxis = assertThrows(ObservationException.class, () -> ObservationReader.read(file, "h"));
        assertMentions(noAxis, "plane.nc", "'h'", "no latitude axis", "(y, x)", "degrees_north");
        assertEquals(java.util.List.of("h", "u"), ObservationReader.variables(file));
    }

    @Test
    void unreadableTimeUnitsAreReportedWithTheAxis() throws Exception {
        Path file = new SyntheticFile().coordinate("time", new double[] {0}, "units", "months since 2000-01-01")
                .coordinate("lat", new double[] {0}, "units", "degrees_north")
                .coordinate("lon", new double[] {0}, "units", "degrees_east")
                .variable("m", DataType.DOUBLE, "time lat lon", new double[] {1}).write(dir.resolve("months.nc"));
        ObservationException e = assertThrows(ObservationException.class, () -> ObservationReader.read(file, "m"));
        assertMentions(e, "months.nc", "'m'", "time axis 'time'", "months since 2000-01-01");
    }

    @Test
    void areaWeightedMeanWeighsByCosineOfLatitudeAndSkipsNaN() {
        double[] lat = {-60, 0, 60};
        // cos weights 0.5, 1, 0.5; rows of 2: mean of {1,1 | 3,3 | 5,NaN} = (0.5*2*1 + 1*2*3 + 0.5*5) / (1 + 2 + 0.5)
        double[] v = {1, 1, 3, 3, 5, Double.NaN};
        assertEquals((1 + 6 + 2.5) / 3.5, GlobalMean.areaWeighted(lat, 2, v, 0), 1e-15);
        assertTrue(Double.isNaN(GlobalMean.areaWeighted(new double[] {0}, 1, new double[] {Double.NaN}, 0)));
    }

    static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should mention " + p + ": " + e.getMessage());
        }
    }
}
