package org.ferrel.io.observations;

import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.IndexIterator;
import ucar.nc2.Attribute;
import ucar.nc2.Variable;

/**
 * How the stored numbers of a variable become values (NetCDF User Guide and CF 1.8, section 8.1),
 * done here rather than by NetCDF-Java's enhance mode so that every rule is visible and tested:
 *
 * <ol>
 * <li>{@code _Unsigned = "true"} (or an unsigned type) reads bytes, shorts and ints as unsigned;
 * <li>a stored value equal to {@code _FillValue} or to one of {@code missing_value}, compared in the
 * stored type, is missing; a NaN fill value matches only NaN (so a NaN {@code _FillValue} on packed
 * shorts marks nothing); without either attribute, float and double variables treat the NetCDF
 * default fill value (9.96921e36) as missing;
 * <li>{@code valid_min}, {@code valid_max}, {@code valid_range} mark values outside as missing; they are
 * in stored units when of the variable's type, otherwise in unpacked units;
 * <li>packed values are unpacked as {@code stored * scale_factor + add_offset} (either may be absent,
 * a negative scale_factor is allowed).
 * </ol>
 */
final class Packing {
    private static final double DEFAULT_FLOAT_FILL = 9.9692099683868690e36;

    private final DataType type;
    private final boolean unsigned;
    private final double scale;
    private final double offset;
    private final double[] missing;
    private final double validMin;
    private final double validMax;
    private final boolean validInStoredUnits;

    private Packing(Variable v) {
        type = v.getDataType();
        unsigned = v.isUnsigned();
        scale = number(v, "scale_factor", 1.0);
        offset = number(v, "add_offset", 0.0);
        java.util.List<Double> miss = new java.util.ArrayList<>();
        Attribute fill = v.findAttribute("_FillValue");
        Attribute missingValue = v.findAttribute("missing_value");
        for (Attribute a : new Attribute[] {fill, missingValue}) {
            if (a != null && !a.isString()) {
                for (int k = 0; k < a.getLength(); k++) {
                    miss.add(inStoredType(a.getNumericValue(k).doubleValue(), a.getDataType()));
                }
            }
        }
        if (fill == null && missingValue == null && (type == DataType.FLOAT || type == DataType.DOUBLE)) {
            miss.add(inStoredType(DEFAULT_FLOAT_FILL, DataType.DOUBLE));
        }
        missing = miss.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).toArray();
        Attribute range = v.findAttribute("valid_range");
        Attribute min = v.findAttribute("valid_min");
        Attribute max = v.findAttribute("valid_max");
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        DataType rangeType = null;
        if (range != null && !range.isString() && range.getLength() == 2) {
            lo = range.getNumericValue(0).doubleValue();
            hi = range.getNumericValue(1).doubleValue();
            rangeType = range.getDataType();
        } else {
            if (min != null && !min.isString()) {
                lo = min.getNumericValue().doubleValue();
                rangeType = min.getDataType();
            }
            if (max != null && !max.isString()) {
                hi = max.getNumericValue().doubleValue();
                rangeType = max.getDataType();
            }
        }
        validInStoredUnits = rangeType == null || rangeType == type;
        validMin = lo;
        validMax = hi;
    }

    /** The packing attributes of a variable. */
    static Packing of(Variable v) {
        return new Packing(v);
    }

    private static double number(Variable v, String name, double absent) {
        Attribute a = v.findAttribute(name);
        return a == null || a.isString() ? absent : a.getNumericValue().doubleValue();
    }

    /** An attribute value as the stored type would hold it (float fill values compare as floats). */
    private double inStoredType(double value, DataType attributeType) {
        if (type == DataType.FLOAT) {
            return (float) value;
        }
        if (unsigned && attributeType == type) {
            return toUnsigned(value);
        }
        return value;
    }

    private double toUnsigned(double raw) {
        if (raw >= 0) {
            return raw;
        }
        return switch (type) {
            case BYTE -> raw + 256.0;
            case SHORT -> raw + 65_536.0;
            case INT -> raw + 4_294_967_296.0;
            default -> raw;
        };
    }

    /** Whether the variable holds numbers this class can unpack. */
    static boolean isNumeric(Variable v) {
        return v.getDataType().isNumeric();
    }

    /** The values of a stored array, in its canonical order. */
    double[] unpack(Array stored) {
        double[] out = new double[(int) stored.getSize()];
        IndexIterator it = stored.getIndexIterator();
        for (int k = 0; it.hasNext(); k++) {
            out[k] = value(it.getDoubleNext());
        }
        return out;
    }

    /** One stored number as a value, NaN when missing. */
    double value(double stored) {
        double raw = unsigned ? toUnsigned(stored) : stored;
        if (Double.isNaN(raw)) {
            return Double.NaN;
        }
        for (double m : missing) {
            if (raw == m) {
                return Double.NaN;
            }
        }
        if (validInStoredUnits && (raw < validMin || raw > validMax)) {
            return Double.NaN;
        }
        double v = raw * scale + offset;
        if (!validInStoredUnits && (v < validMin || v > validMax)) {
            return Double.NaN;
        }
        return v;
    }
}
