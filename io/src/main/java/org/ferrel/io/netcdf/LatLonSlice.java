package org.ferrel.io.netcdf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One latitude-longitude slice of a NetCDF variable, in physical units with missing values as NaN,
 * for maps: the variable's time dimension at one step, every other non-horizontal dimension (a
 * level, a month, an ensemble member) at one index.
 *
 * @param file          the file it came from
 * @param variable      variable name
 * @param longName      its {@code long_name}, or {@code null}
 * @param standardName  its {@code standard_name}, or {@code null}
 * @param units         its {@code units}, or {@code null}
 * @param longitudes    longitudes of the columns [degrees east], as stored (any direction, 0..360 or -180..180)
 * @param latitudes     latitudes of the rows [degrees north], as stored (south-north or north-south)
 * @param values        [latitudes.length * longitudes.length], row r (latitude r) then column c (longitude c);
 *                      NaN where missing
 * @param time          the time of the slice as text (a date from CF time units, else the coordinate value), or
 *                      {@code null} when the variable has no time dimension
 * @param timeIndex     the index along the time dimension, or -1 when there is none
 * @param timeCount     the length of the time dimension, or 0 when there is none
 * @param selections    one line per dimension that was fixed, for people: {@code "time = 1981-07-01 (index 6
 *                      of 0..11)"}, {@code "level = 500 millibars (index 1 of 0..2)"}
 * @param missing       number of missing values in the slice
 */
public record LatLonSlice(Path file, String variable, String longName, String standardName, String units,
        double[] longitudes, double[] latitudes, double[] values, String time, int timeIndex, int timeCount,
        List<String> selections, long missing) {

    public LatLonSlice {
        selections = List.copyOf(selections);
        if (values.length != longitudes.length * latitudes.length) {
            throw new IllegalArgumentException("values: " + values.length + ", expected " + latitudes.length + " x "
                    + longitudes.length);
        }
    }

    /**
     * What to read.
     *
     * @param variable variable name (full name in nested groups)
     * @param time     the time step; {@code null} means the last step when the variable has a time dimension
     *                 (and no error when it has none)
     * @param indices  0-based indices of other dimensions by name, e.g. {@code level=2}; a dimension of length >
     *                 1 not given is read at index 0 (and said so in {@link LatLonSlice#selections()})
     */
    public record Request(String variable, TimeIndex time, Map<String, Integer> indices) {
        public Request {
            indices = indices == null ? Map.of() : Map.copyOf(indices);
            if (variable == null || variable.isBlank()) {
                throw new IllegalArgumentException("no variable given");
            }
        }

        public static Request of(String variable) {
            return new Request(variable, null, Map.of());
        }

        public Request withTime(TimeIndex t) {
            return new Request(variable, t, indices);
        }

        public Request withIndices(Map<String, Integer> i) {
            return new Request(variable, time, i);
        }
    }

    /**
     * Reads a slice.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such file
     * @throws NetcdfFileException                when the file is not NetCDF, truncated or unreadable
     * @throws IllegalArgumentException           naming the file, the variable and what was expected, when the
     *                                            variable does not exist (the message lists those that do), is not
     *                                            on a latitude-longitude grid, or an index is out of range (the
     *                                            message gives the valid range)
     */
    public static LatLonSlice read(Path file, Request request) throws IOException {
        return SliceReader.read(file, request);
    }

    /** The title a figure would use: the long name, else the standard name, else the variable name. */
    public String label() {
        if (longName != null && !longName.isBlank()) {
            return longName;
        }
        return standardName != null && !standardName.isBlank() ? standardName : variable;
    }
}
