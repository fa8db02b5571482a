package org.ferrel.io.netcdf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ferrel.io.netcdf.NetcdfSummary.AttributeInfo;
import org.ferrel.io.netcdf.NetcdfSummary.DimensionInfo;
import org.ferrel.io.netcdf.NetcdfSummary.Statistics;
import org.ferrel.io.netcdf.NetcdfSummary.VariableInfo;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.Group;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/** Reads a {@link NetcdfSummary}; NetCDF-Java stays in here. */
final class SummaryReader {
    private SummaryReader() {
    }

    static NetcdfSummary read(Path path, NetcdfSummary.Options options) throws IOException {
        NetcdfFiles.Opened opened = NetcdfFiles.open(path);
        try (NetcdfFile nc = opened.file()) {
            List<AttributeInfo> globals = new ArrayList<>();
            List<DimensionInfo> dims = new ArrayList<>();
            List<VariableInfo> vars = new ArrayList<>();
            collect(nc.getRootGroup(), globals, dims, vars, path, options);
            return new NetcdfSummary(path, opened.format(), opened.size(), globals, dims, vars);
        } catch (NetcdfFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw NetcdfFiles.failure(path, "reading", e);
        }
    }

    private static String prefix(Group g) {
        return g.isRoot() ? "" : g.getFullName() + "/";
    }

    private static void collect(Group g, List<AttributeInfo> globals, List<DimensionInfo> dims, List<VariableInfo> vars,
            Path path, NetcdfSummary.Options options) throws IOException {
        for (Attribute a : g.getAttributes()) {
            globals.add(attribute(prefix(g), a));
        }
        for (Dimension d : g.getDimensions()) {
            dims.add(new DimensionInfo(prefix(g) + d.getShortName(), d.getLength(), d.isUnlimited()));
        }
        for (Variable v : g.getVariables()) {
            vars.add(variable(v, path, options));
        }
        for (Group child : g.getGroups()) {
            collect(child, globals, dims, vars, path, options);
        }
    }

    static AttributeInfo attribute(String prefix, Attribute a) {
        List<Object> values = new ArrayList<>();
        if (a.isString()) {
            for (int k = 0; k < a.getLength(); k++) {
                values.add(a.getStringValue(k));
            }
        } else {
            for (int k = 0; k < a.getLength(); k++) {
                values.add(a.getNumericValue(k));
            }
        }
        return new AttributeInfo(prefix + a.getShortName(), typeName(a.getDataType(), a.isUnsigned()), values);
    }

    static String typeName(DataType t, boolean unsigned) {
        String base = switch (t) {
            case BYTE -> "byte";
            case CHAR -> "char";
            case SHORT -> "short";
            case INT -> "int";
            case LONG -> "int64";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case STRING -> "string";
            default -> t.toString().toLowerCase(java.util.Locale.ROOT);
        };
        if (unsigned && t.isIntegral()) {
            return base.equals("int64") ? "uint64" : "u" + base;
        }
        return base;
    }

    static String text(Variable v, String attribute) {
        Attribute a = v.findAttribute(attribute);
        return a == null ? null : a.isString() ? a.getStringValue() : String.valueOf(a.getNumericValue());
    }

    private static VariableInfo variable(Variable v, Path path, NetcdfSummary.Options options) throws IOException {
        List<DimensionInfo> dims = new ArrayList<>();
        for (Dimension d : v.getDimensions()) {
            String name = d.getShortName() == null ? null
                    : d.getGroup() == null ? d.getShortName() : prefix(d.getGroup()) + d.getShortName();
            dims.add(new DimensionInfo(name, d.getLength(), d.isUnlimited()));
        }
        List<AttributeInfo> attrs = new ArrayList<>();
        for (Attribute a : v.getAttributes()) {
            attrs.add(attribute("", a));
        }
        Unpacker unpacker = Unpacker.isNumeric(v) ? Unpacker.of(v) : null;
        Statistics stats = null;
        if (options.statistics() && unpacker != null) {
            stats = statistics(v, unpacker, options.slabElements(), path);
        }
        String units = text(v, "units");
        String dateRange = null;
        if (stats != null && stats.valid() > 0) {
            CfTime time = CfTime.of(units, text(v, "calendar")).orElse(null);
            if (time != null) {
                dateRange = time.format(stats.min()) + " .. " + time.format(stats.max());
            }
        }
        return new VariableInfo(v.getFullName(), typeName(v.getDataType(), v.isUnsigned()), dims, attrs, units,
                text(v, "long_name"), text(v, "standard_name"), unpacker != null && unpacker.packed(), stats, dateRange);
    }

    /**
     * Min, max and mean of the physical values, reading slabs of whole trailing dimensions (or, when one row
     * alone is too large, chunks of the last dimension) of at most {@code limit} values.
     */
    static Statistics statistics(Variable v, Unpacker unpacker, int limit, Path path) throws IOException {
        int[] shape = v.getShape();
        int rank = shape.length;
        long size = 1;
        for (int n : shape) {
            size *= n;
        }
        if (size == 0) {
            return new Statistics(0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        // k: first dimension of the block read whole; dimension k-1 is read in chunks of `chunk`
        int k = rank;
        long inner = 1;
        while (k > 0 && inner * shape[k - 1] <= limit) {
            inner *= shape[k - 1];
            k--;
        }
        int chunk;
        if (k == 0) {
            chunk = 0;
        } else {
            chunk = (int) Math.max(1, limit / inner);
        }
        double[] buffer = new double[(int) Math.min(size, Math.max(1, (long) Math.max(chunk, 1) * inner))];
        int[] origin = new int[rank];
        int[] count = shape.clone();
        long missing = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double compensation = 0;
        long valid = 0;
        try {
            while (true) {
                if (k > 0) {
                    count[k - 1] = Math.min(chunk, shape[k - 1] - origin[k - 1]);
                    for (int d = 0; d < k - 1; d++) {
                        count[d] = 1;
                    }
                }
                Array a = rank == 0 ? v.read() : v.read(origin, count);
                int n = (int) a.getSize();
                missing += unpacker.unpack(a, buffer);
                for (int i = 0; i < n; i++) {
                    double x = buffer[i];
                    if (x == x) {
                        if (x < min) {
                            min = x;
                        }
                        if (x > max) {
                            max = x;
                        }
                        // Neumaier summation
                        double t = sum + x;
                        compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
                        sum = t;
                        valid++;
                    }
                }
                // advance the odometer over dimensions 0..k-1 (dimension k-1 by chunks)
                if (k == 0) {
                    break;
                }
                int d = k - 1;
                origin[d] += count[d];
                while (d > 0 && origin[d] >= shape[d]) {
                    origin[d] = 0;
                    d--;
                    origin[d] += 1;
                }
                if (origin[0] >= shape[0]) {
                    break;
                }
            }
        } catch (InvalidRangeException e) {
            throw new IllegalStateException(e);
        } catch (IOException | RuntimeException e) {
            throw NetcdfFiles.failure(path, "reading variable '" + v.getFullName() + "'", e);
        }
        if (valid == 0) {
            return new Statistics(size, missing, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Statistics(size, missing, min, max, (sum + compensation) / valid);
    }
}
