package org.ferrel.io.netcdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrel.io.files.AtomicFiles;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

/**
 * A NetCDF-3 (64-bit offset) file of named double arrays, each on named dimensions and with text
 * attributes, plus text global attributes: the generic container for training data and network
 * weights. Writing goes to a temporary sibling that is renamed when complete; values round-trip
 * bitwise. NetCDF-Java types stay inside this class.
 */
public final class ArrayFile {
    private ArrayFile() {
    }

    /**
     * One variable.
     *
     * @param name       variable name (NetCDF-safe: letters, digits, '_', '.', '-')
     * @param dimensions one dimension name per axis (empty for a scalar)
     * @param shape      extent per axis
     * @param values     row-major values, {@code product(shape)} of them
     * @param attributes text attributes (e.g. units, long_name), in order
     */
    public record Variable(String name, List<String> dimensions, int[] shape, double[] values,
                           Map<String, String> attributes) {
        public Variable {
            dimensions = List.copyOf(dimensions);
            attributes = inFixedOrder(attributes);
            if (dimensions.size() != shape.length) {
                throw new IllegalArgumentException(name + ": " + dimensions.size() + " dimension names for " + shape.length + " axes");
            }
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            if (n != values.length) {
                throw new IllegalArgumentException(name + ": shape " + java.util.Arrays.toString(shape) + " needs " + n
                        + " values, got " + values.length);
            }
        }

        public String attribute(String key) {
            return attributes.get(key);
        }
    }

    /** The whole file: global attributes and variables, both in order. */
    /**
     * Attributes in the map's own order when it has one (a LinkedHashMap, a TreeMap), otherwise
     * sorted by name: unordered maps such as {@code Map.of} iterate differently from one JVM start to
     * the next, which would make the same content give different file bytes.
     */
    static Map<String, String> inFixedOrder(Map<String, String> attributes) {
        return new LinkedHashMap<>(attributes instanceof java.util.SequencedMap<String, String> ? attributes
                : new java.util.TreeMap<>(attributes));
    }

    public record Content(Map<String, String> attributes, List<Variable> variables) {
        public Content {
            attributes = inFixedOrder(attributes);
            variables = List.copyOf(variables);
        }

        /** The variable of this name, or null. */
        public Variable variable(String name) {
            return variables.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
        }

        public String attribute(String key) {
            return attributes.get(key);
        }
    }

    /** Writes the content atomically; dimensions of the same name must have the same extent. */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = AtomicFiles.temporarySibling(target);
        try {
            NetcdfFileWriter w = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, temporary.toString());
            try {
                w.setLargeFile(true);
                w.setFill(false);
                Map<String, Integer> dims = new LinkedHashMap<>();
                for (Variable v : content.variables()) {
                    for (int a = 0; a < v.shape().length; a++) {
                        Integer known = dims.putIfAbsent(v.dimensions().get(a), v.shape()[a]);
                        if (known != null && known != v.shape()[a]) {
                            throw new IllegalArgumentException(v.name() + ": dimension " + v.dimensions().get(a) + " has extent "
                                    + v.shape()[a] + ", another variable gives it " + known);
                        }
                    }
                }
                for (Map.Entry<String, Integer> d : dims.entrySet()) {
                    w.addDimension(null, d.getKey(), d.getValue());
                }
                List<ucar.nc2.Variable> written = new ArrayList<>();
                for (Variable v : content.variables()) {
                    ucar.nc2.Variable nv = w.addVariable(null, v.name(), DataType.DOUBLE, String.join(" ", v.dimensions()));
                    for (Map.Entry<String, String> a : v.attributes().entrySet()) {
                        nv.addAttribute(new Attribute(a.getKey(), a.getValue()));
                    }
                    written.add(nv);
                }
                for (Map.Entry<String, String> a : content.attributes().entrySet()) {
                    w.addGroupAttribute(null, new Attribute(a.getKey(), a.getValue()));
                }
                w.create();
                for (int i = 0; i < written.size(); i++) {
                    Variable v = content.variables().get(i);
                    w.write(written.get(i), Array.factory(DataType.DOUBLE, v.shape(), v.values().clone()));
                }
            } finally {
                w.close();
            }
            AtomicFiles.commit(temporary, target);
        } catch (InvalidRangeException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads every variable (as doubles) and every text or numeric attribute (as text).
     *
     * @throws NetcdfFileException naming the file when it is missing or not NetCDF
     */
    public static Content read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        try (NetcdfFile f = NetcdfFiles.open(file).file()) {
            Map<String, String> global = new LinkedHashMap<>();
            for (Attribute a : f.getGlobalAttributes()) {
                global.put(a.getShortName(), text(a));
            }
            List<Variable> variables = new ArrayList<>();
            for (ucar.nc2.Variable v : f.getVariables()) {
                Map<String, String> attributes = new LinkedHashMap<>();
                for (Attribute a : v.getAttributes()) {
                    attributes.put(a.getShortName(), text(a));
                }
                List<String> dims = v.getDimensions().stream().map(Dimension::getShortName).toList();
                double[] values = (double[]) v.read().get1DJavaArray(double.class);
                variables.add(new Variable(v.getShortName(), dims, v.getShape(), values, attributes));
            }
            return new Content(global, variables);
        } catch (RuntimeException e) {
            throw new NetcdfFileException(file, "damaged file (" + e + ")", e);
        }
    }

    private static String text(Attribute a) {
        return a.isString() ? a.getStringValue() : String.valueOf(a.getNumericValue());
    }
}
