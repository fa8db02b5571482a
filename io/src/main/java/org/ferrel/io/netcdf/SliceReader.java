package org.ferrel.io.netcdf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

/** Reads a {@link LatLonSlice}; NetCDF-Java stays in here. */
final class SliceReader {
    private static final Set<String> LAT_UNITS = Set.of("degrees_north", "degree_north", "degree_n", "degrees_n",
            "degreen", "degreesn");
    private static final Set<String> LON_UNITS = Set.of("degrees_east", "degree_east", "degree_e", "degrees_e",
            "degreee", "degreese");

    private SliceReader() {
    }

    /** The roles a dimension of a variable can play in a map. */
    private enum Role {
        LAT,
        LON,
        TIME,
        OTHER
    }

    static LatLonSlice read(Path path, LatLonSlice.Request request) throws IOException {
        NetcdfFiles.Opened opened = NetcdfFiles.open(path);
        try (NetcdfFile nc = opened.file()) {
            return read(nc, path, request);
        } catch (NetcdfFileException | IllegalArgumentException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw NetcdfFiles.failure(path, "reading '" + request.variable() + "'", e);
        }
    }

    private static LatLonSlice read(NetcdfFile nc, Path path, LatLonSlice.Request request) throws IOException {
        String name = request.variable();
        Variable v = nc.findVariable(name);
        if (v == null) {
            v = nc.findVariable(NetcdfFile.makeValidPathName(name));
        }
        if (v == null) {
            throw new IllegalArgumentException(path + ": no variable '" + name + "'; " + listVariables(nc));
        }
        if (!Unpacker.isNumeric(v)) {
            throw new IllegalArgumentException(path + ": variable '" + name + "' holds "
                    + SummaryReader.typeName(v.getDataType(), false) + " values, not numbers; a map needs a numeric"
                    + " variable; " + listVariables(nc));
        }
        List<Dimension> dims = v.getDimensions();
        int rank = dims.size();
        Role[] roles = new Role[rank];
        Variable[] coords = new Variable[rank];
        int latDim = -1;
        int lonDim = -1;
        for (int d = 0; d < rank; d++) {
            coords[d] = coordinate(v, dims.get(d));
            roles[d] = role(coords[d], dims.get(d));
            if (roles[d] == Role.LAT) {
                latDim = latDim < 0 ? d : -2;
            } else if (roles[d] == Role.LON) {
                lonDim = lonDim < 0 ? d : -2;
            }
        }
        if (latDim < 0 || lonDim < 0) {
            throw notOnGrid(path, v, dims);
        }
        // the time dimension: by its coordinate's metadata, else the unlimited dimension
        int timeDim = -1;
        for (int d = 0; d < rank; d++) {
            if (roles[d] == Role.TIME) {
                timeDim = d;
                break;
            }
        }
        if (timeDim < 0) {
            for (int d = 0; d < rank; d++) {
                if (roles[d] == Role.OTHER && dims.get(d).isUnlimited()) {
                    timeDim = d;
                    roles[d] = Role.TIME;
                    break;
                }
            }
        }
        Map<String, Integer> wanted = new HashMap<>(request.indices());
        int[] origin = new int[rank];
        int[] count = new int[rank];
        List<String> selections = new ArrayList<>();
        String timeText = null;
        int timeIndex = -1;
        int timeCount = 0;
        for (int d = 0; d < rank; d++) {
            Dimension dim = dims.get(d);
            String dimName = dimName(dim, d);
            int length = dim.getLength();
            if (d == latDim || d == lonDim) {
                if (wanted.remove(dimName) != null) {
                    throw new IllegalArgumentException(path + ": variable '" + name + "': dimension '" + dimName
                            + "' is an axis of the map (" + (d == latDim ? "latitude" : "longitude")
                            + "); it cannot be fixed to one index");
                }
                origin[d] = 0;
                count[d] = length;
                continue;
            }
            if (length == 0) {
                throw new IllegalArgumentException(path + ": variable '" + name + "': dimension '" + dimName
                        + "' has length 0 (no data written yet)");
            }
            int index;
            Integer given = wanted.remove(dimName);
            if (d == timeDim) {
                TimeIndex t = request.time();
                if (t != null && given != null) {
                    throw new IllegalArgumentException(path + ": variable '" + name + "': the time is given twice (as '"
                            + t + "' and as " + dimName + "=" + given + "); give it once");
                }
                if (given != null) {
                    t = TimeIndex.at(given);
                }
                index = t == null ? length - 1 : t.resolve(length);
                if (index < 0 || index >= length) {
                    throw new IllegalArgumentException(path + ": variable '" + name + "': time index " + index
                            + " is out of range; dimension '" + dimName + "' has " + length + " steps, valid: 0.."
                            + (length - 1) + ", 'first' or 'last'");
                }
                timeIndex = index;
                timeCount = length;
                timeText = timeText(coords[d], index);
                selections.add(dimName + " = " + timeText + " (index " + index + " of 0.." + (length - 1) + ")");
            } else {
                index = given == null ? 0 : given;
                if (index < 0 || index >= length) {
                    throw new IllegalArgumentException(path + ": variable '" + name + "': index " + index
                            + " of dimension '" + dimName + "' is out of range; valid: 0.." + (length - 1));
                }
                if (length > 1 || given != null) {
                    selections.add(dimName + " = " + coordinateText(coords[d], index) + " (index " + index + " of 0.."
                            + (length - 1) + (given == null ? ", by default" : "")
                            + ")");
                }
            }
            origin[d] = index;
            count[d] = 1;
        }
        if (request.time() != null && timeDim < 0) {
            throw new IllegalArgumentException(path + ": variable '" + name + "' has no time dimension (its dimensions"
                    + " are " + dimList(dims) + "); leave the time out"
                    + (rank > 2 ? ", or choose along another dimension by index, e.g. " + firstOther(dims, latDim, lonDim)
                            + "=0" : ""));
        }
        if (!wanted.isEmpty()) {
            List<String> selectable = new ArrayList<>();
            for (int d = 0; d < rank; d++) {
                if (d != latDim && d != lonDim) {
                    selectable.add(dimName(dims.get(d), d));
                }
            }
            throw new IllegalArgumentException(path + ": variable '" + name + "' has no dimension "
                    + wanted.keySet().stream().sorted().map(s -> "'" + s + "'").collect(Collectors.joining(", "))
                    + "; its dimensions are " + dimList(dims)
                    + (selectable.isEmpty() ? ", none to choose an index of" : ", of which you can choose an index of "
                            + String.join(", ", selectable)));
        }
        int nLat = dims.get(latDim).getLength();
        int nLon = dims.get(lonDim).getLength();
        double[] raw = new double[nLat * nLon];
        long missing;
        try {
            Array a = v.read(origin, count);
            missing = Unpacker.of(v).unpack(a, raw);
        } catch (InvalidRangeException e) {
            throw new IllegalStateException(e);
        }
        double[] values = raw;
        if (lonDim < latDim) {
            values = new double[raw.length];
            for (int i = 0; i < nLon; i++) {
                for (int j = 0; j < nLat; j++) {
                    values[j * nLon + i] = raw[i * nLat + j];
                }
            }
        }
        double[] lat = coordinateValues(path, coords[latDim], "latitude");
        double[] lon = coordinateValues(path, coords[lonDim], "longitude");
        return new LatLonSlice(path, v.getFullName(), SummaryReader.text(v, "long_name"),
                SummaryReader.text(v, "standard_name"), SummaryReader.text(v, "units"), lon, lat, values, timeText,
                timeIndex, timeCount, selections, missing);
    }

    private static String firstOther(List<Dimension> dims, int latDim, int lonDim) {
        for (int d = 0; d < dims.size(); d++) {
            if (d != latDim && d != lonDim) {
                return dimName(dims.get(d), d);
            }
        }
        return "";
    }

    private static String dimName(Dimension d, int position) {
        return d.getShortName() == null ? "#" + position : d.getShortName();
    }

    private static String dimList(List<Dimension> dims) {
        List<String> names = new ArrayList<>();
        for (int d = 0; d < dims.size(); d++) {
            names.add(dimName(dims.get(d), d) + "=" + dims.get(d).getLength());
        }
        return "(" + String.join(", ", names) + ")";
    }

    private static IllegalArgumentException notOnGrid(Path path, Variable v, List<Dimension> dims) {
        String hint = "";
        Attribute c = v.findAttribute("coordinates");
        if (c != null && c.isString()) {
            for (String aux : c.getStringValue().trim().split("\\s+")) {
                Variable a = v.getParentGroup().findVariable(aux);
                if (a != null && a.getRank() >= 2 && (role(a, null) == Role.LAT || role(a, null) == Role.LON)) {
                    hint = "; its coordinates (" + c.getStringValue().trim() + ") are 2-D, a curvilinear grid, which"
                            + " maps do not support yet";
                    break;
                }
            }
        }
        return new IllegalArgumentException(path + ": variable '" + v.getFullName() + "' is not on a"
                + " latitude-longitude grid: its dimensions are " + (dims.isEmpty() ? "none (a scalar)" : dimList(dims))
                + "; a map needs one dimension with a latitude coordinate (units \"degrees_north\") and one with a"
                + " longitude coordinate (units \"degrees_east\")" + hint);
    }

    private static String listVariables(NetcdfFile nc) {
        List<String> mappable = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (Variable v : nc.getVariables()) {
            boolean lat = false;
            boolean lon = false;
            if (Unpacker.isNumeric(v)) {
                for (Dimension d : v.getDimensions()) {
                    Role r = role(coordinate(v, d), d);
                    lat |= r == Role.LAT;
                    lon |= r == Role.LON;
                }
            }
            (lat && lon ? mappable : other).add(v.getFullName());
        }
        String s = mappable.isEmpty() ? "no variable is on a latitude-longitude grid"
                : "variables on a latitude-longitude grid: " + String.join(", ", mappable);
        return other.isEmpty() ? s : s + "; others: " + String.join(", ", other);
    }

    /** The 1-D coordinate of dimension {@code d}: the coordinate variable, else an auxiliary one along it. */
    private static Variable coordinate(Variable v, Dimension d) {
        if (d.getShortName() == null) {
            return null;
        }
        for (Group g = v.getParentGroup(); g != null; g = g.getParentGroup()) {
            Variable c = g.findVariable(d.getShortName());
            if (c != null && c.getRank() == 1 && c.getDimension(0).equals(d)) {
                return c;
            }
        }
        // an auxiliary coordinate named in `coordinates` that runs along d, e.g. lat(y)
        Attribute a = v.findAttribute("coordinates");
        if (a != null && a.isString()) {
            for (String aux : a.getStringValue().trim().split("\\s+")) {
                Variable c = v.getParentGroup().findVariable(aux);
                if (c != null && c.getRank() == 1 && c.getDimension(0).equals(d)) {
                    return c;
                }
            }
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static Role role(Variable c, Dimension d) {
        if (c == null) {
            String n = d == null ? null : lower(d.getShortName());
            return "time".equals(n) ? Role.TIME : Role.OTHER;
        }
        String units = lower(SummaryReader.text(c, "units"));
        String standard = lower(SummaryReader.text(c, "standard_name"));
        String axis = lower(SummaryReader.text(c, "axis"));
        String name = lower(c.getShortName());
        if ("latitude".equals(standard) || (units != null && LAT_UNITS.contains(units))) {
            return Role.LAT;
        }
        if ("longitude".equals(standard) || (units != null && LON_UNITS.contains(units))) {
            return Role.LON;
        }
        if (standard == null && (units == null || units.startsWith("degree"))) {
            if (name.equals("lat") || name.equals("latitude")) {
                return Role.LAT;
            }
            if (name.equals("lon") || name.equals("longitude")) {
                return Role.LON;
            }
        }
        if ("time".equals(standard) || "t".equals(axis) || (units != null && units.contains(" since "))
                || name.equals("time")) {
            return Role.TIME;
        }
        return Role.OTHER;
    }

    private static double[] coordinateValues(Path path, Variable c, String what) throws IOException {
        double[] out = new double[(int) c.getSize()];
        Unpacker.of(c).unpack(c.read(), out);
        for (double x : out) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException(path + ": the " + what + " coordinate '" + c.getFullName()
                        + "' has missing or non-finite values; cannot place the map");
            }
        }
        return out;
    }

    private static double valueAt(Variable c, int index) throws IOException {
        try {
            Array a = c.read(new int[] {index}, new int[] {1});
            double[] out = new double[1];
            Unpacker.of(c).unpack(a, out);
            return out[0];
        } catch (InvalidRangeException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String timeText(Variable c, int index) throws IOException {
        if (c == null) {
            return "step " + index;
        }
        double t = valueAt(c, index);
        String units = SummaryReader.text(c, "units");
        String text = CfTime.of(units, SummaryReader.text(c, "calendar")).map(ct -> ct.format(t))
                .orElse(NetcdfSummary.formatNumber(t) + (units == null ? "" : " " + units));
        Attribute climatology = c.findAttribute("climatology");
        if (climatology != null) {
            // a climatological time: its bounds say which years were averaged
            Variable bounds = climatology.isString() ? c.getParentGroup().findVariable(climatology.getStringValue())
                    : null;
            String period = null;
            if (bounds != null && bounds.getRank() == 2 && bounds.getShape(1) == 2 && bounds.getShape(0) > index) {
                try {
                    Array a = bounds.read(new int[] {index, 0}, new int[] {1, 2});
                    double[] b = new double[2];
                    Unpacker.of(bounds).unpack(a, b);
                    String bu = SummaryReader.text(bounds, "units");
                    CfTime bt = CfTime.of(bu != null ? bu : units, SummaryReader.text(c, "calendar")).orElse(null);
                    if (bt != null && !Double.isNaN(b[0]) && !Double.isNaN(b[1])) {
                        period = bt.format(b[0]) + " .. " + bt.format(b[1]);
                    }
                } catch (InvalidRangeException e) {
                    throw new IllegalStateException(e);
                }
            }
            text = period != null ? period + " (climatology)" : text + " (climatology)";
        }
        return text;
    }

    private static String coordinateText(Variable c, int index) throws IOException {
        if (c == null) {
            return "#" + index;
        }
        double x = valueAt(c, index);
        String units = SummaryReader.text(c, "units");
        return NetcdfSummary.formatNumber(x) + (units == null || units.isBlank() ? "" : " " + units);
    }
}
