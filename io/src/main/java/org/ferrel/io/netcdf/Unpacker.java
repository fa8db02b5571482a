package org.ferrel.io.netcdf;

import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.nc2.Attribute;
import ucar.nc2.Variable;

/**
 * Turns the stored values of a numeric variable into physical values following CF and the
 * NetCDF User Guide: a stored value is missing when it is NaN, equals {@code _FillValue} or one of
 * the {@code missing_value}s (compared in the stored type, so a float fill matches exactly and an
 * unsigned fill matches whichever way its sign was written), or lies outside {@code valid_min},
 * {@code valid_max} or {@code valid_range} (in stored units when the attribute has the variable's
 * type, else in physical units); the others become {@code stored * scale_factor + add_offset}.
 * {@code _Unsigned = "true"} makes integer types unsigned. Missing values come out as NaN.
 */
final class Unpacker {
    private final DataType type;
    private final boolean unsigned;
    private final long mask;
    private final boolean integer;
    private final double scale;
    private final double offset;
    private final boolean packed;
    private final double[] missing; // stored values that mean missing, as doubles in the stored type's domain
    private final double validMin;
    private final double validMax;
    private final boolean validInStoredUnits;

    private Unpacker(Variable v) {
        type = v.getDataType();
        integer = type == DataType.BYTE || type == DataType.SHORT || type == DataType.INT || type == DataType.LONG;
        Attribute u = v.findAttribute("_Unsigned");
        unsigned = integer && (v.isUnsigned() || (u != null && "true".equalsIgnoreCase(u.getStringValue())));
        mask = switch (type) {
            case BYTE -> 0xffL;
            case SHORT -> 0xffffL;
            case INT -> 0xffffffffL;
            default -> -1L;
        };
        Number s = number(v, "scale_factor");
        Number o = number(v, "add_offset");
        scale = s == null ? 1.0 : s.doubleValue();
        offset = o == null ? 0.0 : o.doubleValue();
        packed = s != null || o != null;
        double[] fills = values(v.findAttribute("_FillValue"));
        double[] miss = values(v.findAttribute("missing_value"));
        double[] all = new double[fills.length + miss.length];
        int n = 0;
        for (double f : fills) {
            all[n++] = stored(f);
        }
        for (double m : miss) {
            all[n++] = stored(m);
        }
        missing = java.util.Arrays.stream(all, 0, n).filter(d -> !Double.isNaN(d)).distinct().toArray();
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        Attribute range = v.findAttribute("valid_range");
        Attribute min = v.findAttribute("valid_min");
        Attribute max = v.findAttribute("valid_max");
        Attribute any = range != null ? range : min != null ? min : max;
        if (range != null && !range.isString() && range.getLength() >= 2) {
            lo = range.getNumericValue(0).doubleValue();
            hi = range.getNumericValue(1).doubleValue();
        } else {
            if (min != null && !min.isString() && min.getLength() >= 1) {
                lo = min.getNumericValue().doubleValue();
            }
            if (max != null && !max.isString() && max.getLength() >= 1) {
                hi = max.getNumericValue().doubleValue();
            }
        }
        validInStoredUnits = any == null || !packed || any.getDataType() == type;
        if (validInStoredUnits && unsigned) {
            lo = Double.isInfinite(lo) ? lo : stored(lo);
            hi = Double.isInfinite(hi) ? hi : stored(hi);
        }
        validMin = lo;
        validMax = hi;
    }

    static Unpacker of(Variable v) {
        return new Unpacker(v);
    }

    /** Whether values can be unpacked to doubles (numeric types). */
    static boolean isNumeric(Variable v) {
        DataType t = v.getDataType();
        return t.isNumeric();
    }

    boolean packed() {
        return packed;
    }

    private static Number number(Variable v, String name) {
        Attribute a = v.findAttribute(name);
        return a == null || a.isString() || a.getLength() < 1 ? null : a.getNumericValue();
    }

    private static double[] values(Attribute a) {
        if (a == null || a.isString()) {
            return new double[0];
        }
        double[] d = new double[a.getLength()];
        for (int k = 0; k < d.length; k++) {
            d[k] = a.getNumericValue(k).doubleValue();
        }
        return d;
    }

    /** An attribute value as the variable would store it, in the domain {@link #raw} returns. */
    private double stored(double value) {
        if (Double.isNaN(value)) {
            return value;
        }
        return switch (type) {
            case FLOAT -> (float) value;
            case BYTE, SHORT, INT -> unsigned ? (double) (((long) value) & mask) : (double) signExtend((long) value);
            default -> value;
        };
    }

    private long signExtend(long bits) {
        return switch (type) {
            case BYTE -> (byte) bits;
            case SHORT -> (short) bits;
            case INT -> (int) bits;
            default -> bits;
        };
    }

    /**
     * Unpacks {@code array} (any shape, read in logical order) into {@code out[0..size)};
     * returns the number of missing values.
     */
    long unpack(Array array, double[] out) {
        int n = (int) array.getSize();
        Object storage = array.get1DJavaArray(array.getElementType());
        switch (storage) {
            case double[] d -> System.arraycopy(d, 0, out, 0, n);
            case float[] f -> {
                for (int k = 0; k < n; k++) {
                    out[k] = f[k];
                }
            }
            case byte[] b -> {
                for (int k = 0; k < n; k++) {
                    out[k] = unsigned ? b[k] & 0xff : b[k];
                }
            }
            case short[] s -> {
                for (int k = 0; k < n; k++) {
                    out[k] = unsigned ? s[k] & 0xffff : s[k];
                }
            }
            case int[] i -> {
                for (int k = 0; k < n; k++) {
                    out[k] = unsigned ? i[k] & 0xffffffffL : i[k];
                }
            }
            case long[] l -> {
                for (int k = 0; k < n; k++) {
                    out[k] = unsigned && l[k] < 0 ? Double.parseDouble(Long.toUnsignedString(l[k])) : l[k];
                }
            }
            default -> throw new IllegalStateException("not numeric: " + storage.getClass().getSimpleName());
        }
        long nMissing = 0;
        for (int k = 0; k < n; k++) {
            double raw = out[k];
            double value;
            if (isMissing(raw)) {
                value = Double.NaN;
            } else {
                value = packed ? raw * scale + offset : raw;
                if (!validInStoredUnits && (value < validMin || value > validMax)) {
                    value = Double.NaN;
                }
            }
            if (Double.isNaN(value)) {
                nMissing++;
            }
            out[k] = value;
        }
        return nMissing;
    }

    private boolean isMissing(double raw) {
        if (Double.isNaN(raw)) {
            return true;
        }
        for (double m : missing) {
            if (raw == m) {
                return true;
            }
        }
        return validInStoredUnits && (raw < validMin || raw > validMax);
    }
}
