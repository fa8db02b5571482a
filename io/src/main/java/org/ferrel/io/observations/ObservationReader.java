package org.ferrel.io.observations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import ucar.ma2.Array;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.Group;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;
import ucar.nc2.iosp.netcdf3.N3header;

/**
 * Reads one variable of a gridded NetCDF file (NetCDF-3 classic or 64-bit offset, NetCDF-4/HDF5) on
 * a latitude-longitude grid into a {@link GriddedObservation}.
 *
 * <p><b>Axes.</b> Each dimension of the variable is classified by its coordinate variable (the
 * 1-D variable of the same name), the first decisive clue winning: {@code standard_name}
 * ({@code latitude}, {@code longitude}, {@code time}); {@code units} ({@code degrees_north} and
 * its spellings, {@code degrees_east} and its spellings, {@code <unit> since <date>});
 * {@code axis} ({@code Y} and {@code X} with degree units, {@code T}); the dimension's name
 * ({@code lat}, {@code latitude}, {@code lon}, {@code longitude}, {@code time}, ...). A time-like
 * dimension without CF time units (ERA-Interim's integer {@code month}) is an ordinary dimension.
 * The axes may come in any order, e.g. (time, lat, lon), (lat, lon), (lon, lat, time),
 * (month, level, lat, lon); every other dimension must be reduced to one entry with a
 * {@link Selection} unless it has length 1. The time axis may be selected too (it then keeps one
 * record).
 *
 * <p><b>Values.</b> Stored numbers are unpacked and masked as {@code Packing} documents:
 * {@code _FillValue} and {@code missing_value} (a NaN fill value included), {@code valid_range},
 * {@code scale_factor} and {@code add_offset} (negative scales included), {@code _Unsigned}.
 *
 * <p><b>Grid.</b> Latitudes are returned ascending (descending files are flipped), longitudes
 * wrapped into the requested {@link LongitudeRange} and sorted ascending, with the data rotated
 * along; a repeated (cyclic) longitude column is dropped.
 *
 * <p><b>Errors.</b> A missing, non-NetCDF or truncated file, a missing variable (the available
 * ones are listed) or a missing latitude or longitude axis give an {@link ObservationException}; a
 * selection that matches nothing, a dimension left unselected and an unknown units conversion give
 * an {@link IllegalArgumentException}. Every message names the file and the variable.
 *
 * <p>NetCDF-Java types stay inside this class and {@code Packing}. Loading this class turns on
 * NetCDF-Java's strict check of NetCDF-3 file sizes ({@code N3header.disallowFileTruncation}),
 * since by default it reads the missing part of a truncated file as zeros.
 */
public final class ObservationReader {
    static {
        N3header.disallowFileTruncation = true;
    }

    private static final Set<String> LATITUDE_UNITS = Set.of("degrees_north", "degree_north", "degree_n",
            "degrees_n", "degreen", "degreesn");
    private static final Set<String> LONGITUDE_UNITS = Set.of("degrees_east", "degree_east", "degree_e",
            "degrees_e", "degreee", "degreese");
    private static final Set<String> LATITUDE_NAMES = Set.of("lat", "lats", "latitude", "latitudes", "nav_lat");
    private static final Set<String> LONGITUDE_NAMES = Set.of("lon", "lons", "long", "longitude", "longitudes",
            "nav_lon");
    private static final Set<String> TIME_NAMES = Set.of("time", "t", "times");

    private enum Role { LATITUDE, LONGITUDE, TIME, OTHER }

    private ObservationReader() {
    }

    /** Reads a variable with {@link ReadOptions#defaults()}. */
    public static GriddedObservation read(Path file, String variable) throws IOException {
        return read(file, variable, ReadOptions.defaults());
    }

    /**
     * Reads a variable.
     *
     * @throws ObservationException     when the file cannot be read, lacks the variable, or the variable
     *                                  lacks a latitude or longitude axis
     * @throws IllegalArgumentException when the options do not fit the variable (unknown dimension, no
     *                                  entry matching a selection, a dimension left unselected, no known
     *                                  conversion to the requested units)
     */
    public static GriddedObservation read(Path file, String variable, ReadOptions options) throws IOException {
        String where = "'" + variable + "' of " + file;
        try (NetcdfFile nc = open(file, "variable '" + variable + "'")) {
            Variable v = nc.findVariable(variable);
            if (v == null) {
                throw new ObservationException(file + " has no variable '" + variable + "'; available: "
                        + String.join(", ", dataVariables(nc)));
            }
            if (!Packing.isNumeric(v)) {
                throw new ObservationException("variable " + where + " holds " + v.getDataType()
                        + ", expected numbers");
            }
            return read(file, v, where, options);
        } catch (InvalidRangeException e) {
            throw new ObservationException("cannot read " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The names of the data variables of a file (those that are not coordinate variables).
     *
     * @throws ObservationException when the file is missing or not NetCDF
     */
    public static List<String> variables(Path file) throws IOException {
        try (NetcdfFile nc = open(file, "its variables")) {
            return dataVariables(nc);
        }
    }

    private static NetcdfFile open(Path file, String what) throws ObservationException {
        if (!Files.isRegularFile(file)) {
            throw new ObservationException("cannot read " + what + " from " + file + ": "
                    + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        try {
            return NetcdfFile.open(file.toAbsolutePath().toString());
        } catch (IOException | RuntimeException e) {
            throw new ObservationException("cannot read " + what + " from " + file
                    + ": not a readable NetCDF file (expected NetCDF-3 or NetCDF-4/HDF5; truncated or another"
                    + " format?): " + e.getMessage(), e);
        }
    }

    private static List<String> dataVariables(NetcdfFile nc) {
        return nc.getVariables().stream().filter(x -> !x.isCoordinateVariable()).map(Variable::getFullName).toList();
    }

    /** A dimension of the variable with its coordinate variable (null when there is none) and role. */
    private record Axis(String name, int length, Variable coordinate, Role role) {
    }

    private static GriddedObservation read(Path file, Variable v, String where, ReadOptions options)
            throws IOException, InvalidRangeException {
        List<Dimension> dims = v.getDimensions();
        int rank = dims.size();
        Axis[] axes = new Axis[rank];
        for (int k = 0; k < rank; k++) {
            Dimension d = dims.get(k);
            String name = d.getShortName() == null ? "(anonymous " + k + ")" : d.getShortName();
            Variable c = d.getShortName() == null ? null : coordinateVariable(v.getParentGroup(), name);
            axes[k] = new Axis(name, d.getLength(), c, role(name, c));
        }
        int latPos = single(axes, Role.LATITUDE, where);
        int lonPos = single(axes, Role.LONGITUDE, where);
        int timePos = single(axes, Role.TIME, where);
        String dimensionList = Arrays.stream(axes).map(Axis::name).collect(Collectors.joining(", ", "(", ")"));
        if (latPos < 0) {
            throw new ObservationException("variable " + where + " has no latitude axis among its dimensions "
                    + dimensionList + "; expected a dimension whose coordinate variable has standard_name 'latitude',"
                    + " units 'degrees_north' or axis 'Y', or is named lat or latitude");
        }
        if (lonPos < 0) {
            throw new ObservationException("variable " + where + " has no longitude axis among its dimensions "
                    + dimensionList + "; expected a dimension whose coordinate variable has standard_name"
                    + " 'longitude', units 'degrees_east' or axis 'X', or is named lon or longitude");
        }
        for (int k : new int[] {latPos, lonPos}) {
            if (axes[k].coordinate() == null) {
                throw new ObservationException("variable " + where + ": dimension '" + axes[k].name()
                        + "' has no coordinate variable; expected a 1-D variable '" + axes[k].name()
                        + "' with its " + (k == latPos ? "latitudes" : "longitudes"));
            }
        }

        // selections: origin and shape of the slab to read
        int[] origin = new int[rank];
        int[] shape = new int[rank];
        for (int k = 0; k < rank; k++) {
            shape[k] = axes[k].length();
        }
        Map<Integer, Selection> chosen = new LinkedHashMap<>();
        for (Selection s : options.selections()) {
            int k = dimensionIndex(axes, s.dimension());
            if (k < 0) {
                throw new IllegalArgumentException("cannot select " + s.dimension() + " of " + where
                        + ": the variable has no such dimension; its dimensions are " + dimensionList);
            }
            if (k == latPos || k == lonPos) {
                throw new IllegalArgumentException("cannot select " + s.dimension() + " of " + where
                        + ": latitude and longitude are read whole (subset the result instead)");
            }
            chosen.put(k, s);
        }
        Map<String, Double> selected = new LinkedHashMap<>();
        for (int k = 0; k < rank; k++) {
            Axis a = axes[k];
            if (k == latPos || k == lonPos) {
                continue;
            }
            Selection s = chosen.get(k);
            if (s == null && (k == timePos || a.length() == 1)) {
                if (k != timePos) {
                    selected.put(a.name(), a.coordinate() == null ? 0.0 : coordinates(a.coordinate(), where)[0]);
                }
                continue;
            }
            if (s == null) {
                throw new IllegalArgumentException("dimension '" + a.name() + "' of " + where + " has " + a.length()
                        + " entries " + entries(a, where) + "; select one of them, by coordinate value (in a campaign file:"
                        + " select: {" + a.name() + ": VALUE}; in Java: ReadOptions.select(\"" + a.name() + "\", value))");
            }
            int index = index(a, s, where);
            origin[k] = index;
            shape[k] = 1;
            if (k != timePos) {
                selected.put(a.name(), a.coordinate() == null ? index : coordinates(a.coordinate(), where)[index]);
            }
        }

        // grid
        double[] latitudes = coordinates(axes[latPos].coordinate(), where);
        int[] latOrder = ascendingLatitudes(latitudes, where, axes[latPos].name());
        double[] lat = new double[latOrder.length];
        for (int j = 0; j < lat.length; j++) {
            lat[j] = latitudes[latOrder[j]];
        }
        double[] longitudes = coordinates(axes[lonPos].coordinate(), where);
        int[] lonOrder = longitudeOrder(longitudes, options.longitudes(), where, axes[lonPos].name());
        double[] lon = new double[lonOrder.length];
        for (int i = 0; i < lon.length; i++) {
            lon[i] = options.longitudes().wrap(longitudes[lonOrder[i]]);
        }

        // time
        double[] times = new double[0];
        CfTimeUnits timeUnits = null;
        if (timePos >= 0) {
            Variable tc = axes[timePos].coordinate();
            try {
                timeUnits = CfTimeUnits.parse(stringAttribute(tc, "units"),
                        CfCalendar.of(stringAttribute(tc, "calendar")));
            } catch (IllegalArgumentException e) {
                throw new ObservationException("time axis '" + axes[timePos].name() + "' of " + where + ": "
                        + e.getMessage(), e);
            }
            double[] raw = coordinates(tc, where);
            times = new double[shape[timePos]];
            for (int t = 0; t < times.length; t++) {
                times[t] = timeUnits.toDays(raw[origin[timePos] + t]);
            }
        }

        // values: read the slab, unpack, and reorder to [time][lat][lon]
        double[] slab;
        try {
            slab = Packing.of(v).unpack(v.read(origin, shape));
        } catch (IOException | RuntimeException e) {
            throw new ObservationException("cannot read the data of " + where + " (truncated or corrupt file?): "
                    + e.getMessage(), e);
        }
        int[] stride = new int[rank];
        for (int k = rank - 1, s = 1; k >= 0; k--) {
            stride[k] = s;
            s *= shape[k];
        }
        int nt = Math.max(1, times.length);
        int ny = lat.length;
        int nx = lon.length;
        double[] values = new double[nt * ny * nx];
        for (int t = 0; t < nt; t++) {
            int tOffset = timePos < 0 ? 0 : t * stride[timePos];
            for (int j = 0; j < ny; j++) {
                int rowOffset = tOffset + latOrder[j] * stride[latPos];
                int out = (t * ny + j) * nx;
                for (int i = 0; i < nx; i++) {
                    values[out + i] = slab[rowOffset + lonOrder[i] * stride[lonPos]];
                }
            }
        }

        String units = stringAttribute(v, "units");
        units = units == null ? "" : units;
        if (options.units() != null) {
            UnitConversion conversion;
            try {
                conversion = UnitConversion.between(units, options.units());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot convert " + where + " to '" + options.units() + "': "
                        + e.getMessage(), e);
            }
            conversion.applyInPlace(values);
            units = options.units();
        }
        return new GriddedObservation(file.toString(), v.getFullName(), units, times, timeUnits, lat, lon, values,
                selected);
    }

    private static Variable coordinateVariable(Group group, String name) {
        for (Group g = group; g != null; g = g.getParentGroup()) {
            Variable c = g.findVariable(name);
            if (c != null && c.getRank() == 1 && name.equals(c.getDimension(0).getShortName())) {
                return c;
            }
        }
        return null;
    }

    private static Role role(String name, Variable c) {
        String n = name.toLowerCase(Locale.ROOT);
        String standardName = lower(stringAttribute(c, "standard_name"));
        String units = stringAttribute(c, "units");
        String unitsLower = lower(units);
        String axis = lower(stringAttribute(c, "axis"));
        if (standardName != null) {
            switch (standardName) {
                case "latitude" -> {
                    return Role.LATITUDE;
                }
                case "longitude" -> {
                    return Role.LONGITUDE;
                }
                case "time" -> {
                    return CfTimeUnits.looksLikeTime(units) ? Role.TIME : Role.OTHER;
                }
                default -> {
                    // grid_latitude, air_pressure, ...: decided below
                }
            }
        }
        if (unitsLower != null) {
            if (LATITUDE_UNITS.contains(unitsLower)) {
                return Role.LATITUDE;
            }
            if (LONGITUDE_UNITS.contains(unitsLower)) {
                return Role.LONGITUDE;
            }
            if (CfTimeUnits.looksLikeTime(units)) {
                return Role.TIME;
            }
        }
        boolean degrees = unitsLower == null || unitsLower.startsWith("degree");
        if ("y".equals(axis) && degrees) {
            return Role.LATITUDE;
        }
        if ("x".equals(axis) && degrees) {
            return Role.LONGITUDE;
        }
        if (c != null && LATITUDE_NAMES.contains(n) && degrees) {
            return Role.LATITUDE;
        }
        if (c != null && LONGITUDE_NAMES.contains(n) && degrees) {
            return Role.LONGITUDE;
        }
        if (c == null && LATITUDE_NAMES.contains(n)) {
            return Role.LATITUDE; // refused later for want of coordinates, with a message saying so
        }
        if (c == null && LONGITUDE_NAMES.contains(n)) {
            return Role.LONGITUDE;
        }
        return Role.OTHER; // includes "time"-named axes without CF time units, and axis T without them
    }

    private static int single(Axis[] axes, Role role, String where) throws ObservationException {
        int found = -1;
        for (int k = 0; k < axes.length; k++) {
            if (axes[k].role() == role) {
                if (found >= 0) {
                    throw new ObservationException("variable " + where + " has two " + role.name().toLowerCase(Locale.ROOT)
                            + " axes, '" + axes[found].name() + "' and '" + axes[k].name() + "'; expected one");
                }
                found = k;
            }
        }
        return found;
    }

    private static int dimensionIndex(Axis[] axes, String name) {
        for (int k = 0; k < axes.length; k++) {
            if (axes[k].name().equals(name)) {
                return k;
            }
        }
        for (int k = 0; k < axes.length; k++) {
            if (axes[k].name().equalsIgnoreCase(name)) {
                return k;
            }
        }
        return -1;
    }

    private static int index(Axis a, Selection s, String where) throws ObservationException {
        switch (s) {
            case Selection.ByIndex(var _, int index) -> {
                if (index < 0 || index >= a.length()) {
                    throw new IllegalArgumentException("index " + index + " of dimension '" + a.name() + "' of "
                            + where + " is out of range: expected 0 to " + (a.length() - 1) + " for the entries "
                            + entries(a, where));
                }
                return index;
            }
            case Selection.ByValue(var _, double value) -> {
                if (a.coordinate() == null) {
                    throw new IllegalArgumentException("cannot select " + a.name() + " = " + value + " of " + where
                            + ": the dimension has no coordinate variable; select by index (0 to "
                            + (a.length() - 1) + ")");
                }
                double[] c = coordinates(a.coordinate(), where);
                double tolerance = 1e-6 * Math.max(1.0, Math.abs(value));
                for (int k = 0; k < c.length; k++) {
                    if (Math.abs(c[k] - value) <= tolerance) {
                        return k;
                    }
                }
                throw new IllegalArgumentException("no entry of dimension '" + a.name() + "' of " + where
                        + " equals " + format(value) + ": expected one of " + entries(a, where));
            }
        }
    }

    private static String entries(Axis a, String where) throws ObservationException {
        if (a.coordinate() == null) {
            return "(no coordinate variable: indices 0 to " + (a.length() - 1) + ")";
        }
        double[] c = coordinates(a.coordinate(), where);
        String list = Arrays.stream(c).limit(20).mapToObj(ObservationReader::format)
                .collect(Collectors.joining(", ", "", c.length > 20 ? ", ..." : ""));
        String units = stringAttribute(a.coordinate(), "units");
        return "(" + list + (units == null ? "" : " " + units) + ")";
    }

    private static String format(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    private static double[] coordinates(Variable c, String where) throws ObservationException {
        try {
            return Packing.of(c).unpack(c.read());
        } catch (IOException | RuntimeException e) {
            throw new ObservationException("cannot read coordinate '" + c.getFullName() + "' for " + where + ": "
                    + e.getMessage(), e);
        }
    }

    private static int[] ascendingLatitudes(double[] lat, String where, String name) throws ObservationException {
        int n = lat.length;
        for (double y : lat) {
            if (!(Math.abs(y) <= 90.0 + 1e-6)) {
                throw new ObservationException("latitude '" + name + "' of " + where + " has the value " + y
                        + "; expected degrees between -90 and 90");
            }
        }
        boolean ascending = true;
        boolean descending = true;
        for (int j = 1; j < n; j++) {
            ascending &= lat[j] > lat[j - 1];
            descending &= lat[j] < lat[j - 1];
        }
        if (!ascending && !descending) {
            throw new ObservationException("latitude '" + name + "' of " + where + " is not monotonic; expected"
                    + " latitudes in ascending or descending order");
        }
        int[] order = new int[n];
        for (int j = 0; j < n; j++) {
            order[j] = ascending ? j : n - 1 - j;
        }
        return order;
    }

    private static int[] longitudeOrder(double[] lon, LongitudeRange range, String where, String name)
            throws ObservationException {
        Integer[] idx = new Integer[lon.length];
        double[] wrapped = new double[lon.length];
        for (int i = 0; i < lon.length; i++) {
            if (!Double.isFinite(lon[i])) {
                throw new ObservationException("longitude '" + name + "' of " + where + " has the value " + lon[i]
                        + "; expected degrees east");
            }
            idx[i] = i;
            wrapped[i] = range.wrap(lon[i]);
        }
        Arrays.sort(idx, (a, b) -> Double.compare(wrapped[a], wrapped[b])); // stable: a cyclic copy comes second
        List<Integer> kept = new ArrayList<>();
        for (Integer i : idx) {
            if (kept.isEmpty() || Math.abs(wrapped[i] - wrapped[kept.getLast()]) > 1e-9) {
                kept.add(i);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String stringAttribute(Variable v, String name) {
        if (v == null) {
            return null;
        }
        Attribute a = v.findAttribute(name);
        return a != null && a.isString() ? a.getStringValue().trim() : null;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
