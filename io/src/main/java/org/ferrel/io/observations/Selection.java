package org.ferrel.io.observations;

/**
 * The choice of one entry of a dimension other than latitude and longitude (a level, a month, an
 * ensemble member, or one time record), by index or by the value of its coordinate variable.
 */
public sealed interface Selection permits Selection.ByIndex, Selection.ByValue {
    /** The dimension's name in the file. */
    String dimension();

    /** Entry {@code index} (from 0) of the dimension. */
    record ByIndex(String dimension, int index) implements Selection {
    }

    /**
     * The entry whose coordinate equals {@code value} in the file's units (e.g. 500 for a level in
     * hPa), within a relative tolerance of 1e-6.
     */
    record ByValue(String dimension, double value) implements Selection {
    }
}
