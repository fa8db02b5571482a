package org.ferrel.io.netcdf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a NetCDF file holds, for {@code ferrel inspect}: its format, global attributes,
 * dimensions and variables, each numeric variable with the range of its physical values (after
 * {@code scale_factor}/{@code add_offset}; {@code _FillValue}, {@code missing_value}, values
 * outside {@code valid_min}/{@code valid_max}/{@code valid_range} and NaN counted as missing and
 * left out of the range). Variables are read in slabs of at most
 * {@link Options#slabElements()} values, so memory stays bounded for any variable size.
 *
 * @param file             the file as given
 * @param format           its on-disk format
 * @param sizeBytes        its size in bytes
 * @param globalAttributes attributes of the root group (and of nested groups, named {@code group/name})
 * @param dimensions       dimensions of all groups, in file order
 * @param variables        variables of all groups, in file order
 */
public record NetcdfSummary(Path file, NetcdfFormat format, long sizeBytes, List<AttributeInfo> globalAttributes,
        List<DimensionInfo> dimensions, List<VariableInfo> variables) {

    public NetcdfSummary {
        globalAttributes = List.copyOf(globalAttributes);
        dimensions = List.copyOf(dimensions);
        variables = List.copyOf(variables);
    }

    /**
     * An attribute.
     *
     * @param name   attribute name
     * @param type   CDL type name: {@code string}, {@code char}, {@code byte}, {@code short}, {@code int},
     *               {@code float}, {@code double}, ... (with a {@code u} prefix for unsigned types)
     * @param values the values: one {@link String} for text attributes, {@link Number}s otherwise
     */
    public record AttributeInfo(String name, String type, List<Object> values) {
        public AttributeInfo {
            values = List.copyOf(values);
        }

        /** The value as text: a string as is, numbers separated by ", ". */
        public String valueText() {
            return values.stream().map(v -> v instanceof Number n ? formatNumber(n) : String.valueOf(v))
                    .collect(Collectors.joining(", "));
        }

        /** The first value as text, or {@code null} for an attribute without values. */
        String firstText() {
            return values.isEmpty() ? null : String.valueOf(values.getFirst());
        }
    }

    /**
     * A dimension.
     *
     * @param name      full name ({@code group/name} in nested groups), {@code null} for an anonymous one
     * @param length    current length
     * @param unlimited whether it is the (or an) unlimited dimension
     */
    public record DimensionInfo(String name, int length, boolean unlimited) {
    }

    /**
     * Statistics of the physical values of a numeric variable.
     *
     * @param size    number of values (valid and missing)
     * @param missing values that are missing (fill, missing_value, out of the valid range, NaN)
     * @param min     smallest valid value (NaN when there is none)
     * @param max     largest valid value (NaN when there is none)
     * @param mean    mean of the valid values (NaN when there is none)
     */
    public record Statistics(long size, long missing, double min, double max, double mean) {
        /** Number of valid values. */
        public long valid() {
            return size - missing;
        }
    }

    /**
     * A variable.
     *
     * @param name         full name ({@code group/name} in nested groups)
     * @param dataType     CDL type name of the stored values ({@code short}, {@code float}, ...)
     * @param dimensions   its dimensions, in order, with their lengths
     * @param attributes   all its attributes
     * @param units        the {@code units} attribute, or {@code null}
     * @param longName     the {@code long_name} attribute, or {@code null}
     * @param standardName the {@code standard_name} attribute, or {@code null}
     * @param packed       whether it has {@code scale_factor} or {@code add_offset}
     * @param statistics   statistics of the physical values; {@code null} for non-numeric variables or when not
     *                     computed
     * @param dateRange    for a CF time coordinate, its first and last dates as text
     *                     ({@code "1981-01-01 .. 2010-12-01"}); {@code null} otherwise
     */
    public record VariableInfo(String name, String dataType, List<DimensionInfo> dimensions,
            List<AttributeInfo> attributes, String units, String longName, String standardName, boolean packed,
            Statistics statistics, String dateRange) {
        public VariableInfo {
            dimensions = List.copyOf(dimensions);
            attributes = List.copyOf(attributes);
        }

        /** The shape, one length per dimension. */
        public int[] shape() {
            return dimensions.stream().mapToInt(DimensionInfo::length).toArray();
        }

        /** An attribute by name. */
        public Optional<AttributeInfo> attribute(String name) {
            return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
        }
    }

    /**
     * How to summarise.
     *
     * @param statistics   whether to read the data for ranges (false: metadata only, fast)
     * @param slabElements the most values read at once per variable (bounds memory: about 16 bytes each)
     */
    public record Options(boolean statistics, int slabElements) {
        public static final Options DEFAULT = new Options(true, 1 << 22);

        public Options {
            if (slabElements < 1) {
                throw new IllegalArgumentException("slabElements must be at least 1, got " + slabElements);
            }
        }
    }

    /**
     * Reads the summary of a NetCDF-3 or NetCDF-4 file, with statistics.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such file
     * @throws NetcdfFileException                when it is not a NetCDF file, truncated or unreadable; the
     *                                            message names the file and the problem
     */
    public static NetcdfSummary read(Path file) throws IOException {
        return read(file, Options.DEFAULT);
    }

    /** As {@link #read(Path)}, with options. */
    public static NetcdfSummary read(Path file, Options options) throws IOException {
        return SummaryReader.read(file, options);
    }

    /** A variable by full name. */
    public Optional<VariableInfo> variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /**
     * A text block like {@code ncdump -h} with the value ranges added: a header line (file, format, size),
     * dimensions, variables with their attributes and ranges, then global attributes. Long attribute texts are
     * shortened to 300 characters; the record holds them in full.
     */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append(file.getFileName()).append(": ").append(format.description()).append(", ")
                .append(String.format(Locale.ROOT, "%,d", sizeBytes)).append(" bytes\n");
        b.append("dimensions:\n");
        int width = dimensions.stream().mapToInt(d -> String.valueOf(d.name()).length()).max().orElse(0);
        for (DimensionInfo d : dimensions) {
            b.append("  ").append(pad(String.valueOf(d.name()), width)).append(" = ").append(d.length());
            if (d.unlimited()) {
                b.append(" (unlimited)");
            }
            b.append('\n');
        }
        b.append("variables:\n");
        for (VariableInfo v : variables) {
            b.append("  ").append(v.dataType()).append(' ').append(v.name());
            if (!v.dimensions().isEmpty()) {
                b.append(v.dimensions().stream().map(d -> (d.name() == null ? "-" : d.name()) + "=" + d.length())
                        .collect(Collectors.joining(", ", "(", ")")));
            }
            b.append('\n');
            for (AttributeInfo a : v.attributes()) {
                b.append("      ").append(a.name()).append(" = ").append(attributeText(a)).append('\n');
            }
            Statistics s = v.statistics();
            if (s != null) {
                b.append("      -> ");
                if (s.valid() == 0) {
                    b.append("all ").append(s.size()).append(" values missing");
                } else {
                    b.append("min ").append(formatNumber(s.min())).append(", max ").append(formatNumber(s.max()))
                            .append(", mean ").append(formatNumber(s.mean()));
                    if (v.units() != null && !v.units().isBlank() && !v.units().trim().equals("1")
                            && v.dateRange() == null) {
                        b.append(' ').append(v.units());
                    }
                    if (v.packed()) {
                        b.append(" (unpacked)");
                    }
                    b.append("; ").append(s.missing()).append(" of ").append(s.size()).append(" missing");
                }
                b.append('\n');
            }
            if (v.dateRange() != null) {
                b.append("      -> dates ").append(v.dateRange()).append('\n');
            }
        }
        if (!globalAttributes.isEmpty()) {
            b.append("global attributes:\n");
            for (AttributeInfo a : globalAttributes) {
                b.append("  ").append(a.name()).append(" = ").append(attributeText(a)).append('\n');
            }
        }
        return b.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String attributeText(AttributeInfo a) {
        if (a.type().equals("string") || a.type().equals("char")) {
            String s = a.values().stream().map(String::valueOf).collect(Collectors.joining(", "));
            String shown = s.length() > 300 ? s.substring(0, 300) : s;
            String escaped = shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
            return "\"" + escaped + "\"" + (s.length() > 300 ? "... (" + s.length() + " characters)" : "");
        }
        return a.valueText();
    }

    /** A number in at most 6 significant digits, without trailing zeros; exponent form when very large or small. */
    static String formatNumber(Number n) {
        if (n instanceof Byte || n instanceof Short || n instanceof Integer || n instanceof Long) {
            return n.toString();
        }
        double v = n.doubleValue();
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e7 || a < 1e-4) {
            String s = String.format(Locale.ROOT, "%.5e", v);
            int e = s.indexOf('e');
            String mantissa = s.substring(0, e);
            if (mantissa.contains(".")) {
                mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return mantissa + "e" + Integer.parseInt(s.substring(e + 1));
        }
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        return s;
    }
}
