package org.ferrel.io.netcdf;

/**
 * How the fields of an output file are stored: their precision, optional bit rounding, and the
 * file format (NetCDF-3, or NetCDF-4 with deflate compression). Coordinates, time, time bounds and
 * the scalar series always stay double precision and unrounded.
 *
 * @param precision    {@link Precision#FLOAT64} (default) or {@link Precision#FLOAT32}
 * @param keepBits     mantissa bits kept by {@link BitRounding} (round to nearest, ties to even), or
 *                     {@link #NO_ROUNDING}; at most {@link Precision#mantissaBits()}
 * @param format       NetCDF-3 (64-bit offset) or NetCDF-4 (HDF5, compressed)
 * @param deflateLevel zlib level 1 to 9 of NetCDF-4 output (ignored for NetCDF-3)
 * @param shuffle      the HDF5 shuffle filter before deflate (NetCDF-4 only)
 */
public record OutputEncoding(Precision precision, int keepBits, Format format, int deflateLevel, boolean shuffle) {
    /** {@code keepBits} when values are not rounded. */
    public static final int NO_ROUNDING = -1;

    /** What Ferrel wrote before these options: NetCDF-3, double precision, no rounding. */
    public static final OutputEncoding DEFAULT = new OutputEncoding(Precision.FLOAT64, NO_ROUNDING, Format.NETCDF3, 4, true);

    /** The precision of the stored fields. */
    public enum Precision {
        FLOAT32(23), FLOAT64(52);

        private final int mantissaBits;

        Precision(int mantissaBits) {
            this.mantissaBits = mantissaBits;
        }

        /** Explicit mantissa bits of the type (23 for float32, 52 for float64). */
        public int mantissaBits() {
            return mantissaBits;
        }
    }

    /** The file format. */
    public enum Format {
        /** NetCDF-3 64-bit offset (CDF-2), written by NetCDF-Java itself. */
        NETCDF3,
        /** NetCDF-4 (HDF5) with deflate and shuffle, written through the NetCDF-C library. */
        NETCDF4
    }

    public OutputEncoding {
        java.util.Objects.requireNonNull(precision, "precision");
        java.util.Objects.requireNonNull(format, "format");
        if (keepBits != NO_ROUNDING && (keepBits < 0 || keepBits > precision.mantissaBits())) {
            throw new IllegalArgumentException("keepBits: expected 0 to " + precision.mantissaBits() + " for "
                    + precision + ", got " + keepBits);
        }
        if (deflateLevel < 1 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflateLevel: expected 1 to 9, got " + deflateLevel);
        }
    }

    /** Whether values are bit-rounded. */
    public boolean rounds() {
        return keepBits != NO_ROUNDING;
    }

    /** The same encoding in another format (NetCDF-3 where the NetCDF-C library is missing). */
    public OutputEncoding withFormat(Format f) {
        return new OutputEncoding(precision, keepBits, f, deflateLevel, shuffle);
    }

    /** For people, e.g. "NetCDF-4 (deflate 4, shuffle), float32, 10 mantissa bits kept". */
    public String describe() {
        String f = format == Format.NETCDF3 ? "NetCDF-3 (64-bit offset)"
                : "NetCDF-4 (deflate " + deflateLevel + (shuffle ? ", shuffle" : "") + ")";
        return f + ", " + precision.name().toLowerCase(java.util.Locale.ROOT)
                + (rounds() ? ", " + keepBits + " mantissa bits kept" : "");
    }
}
