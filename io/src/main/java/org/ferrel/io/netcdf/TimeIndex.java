package org.ferrel.io.netcdf;

import java.util.Locale;

/**
 * Which step along a time dimension: the first, the last, or a 0-based index.
 *
 * @param kind  first, last or at an index
 * @param index the index when {@code kind == AT}, else -1
 */
public record TimeIndex(Kind kind, int index) {
    public enum Kind {
        FIRST,
        LAST,
        AT
    }

    public TimeIndex {
        if (kind == Kind.AT && index < 0) {
            throw new IllegalArgumentException("time index must be 0 or more, got " + index);
        }
        if (kind != Kind.AT) {
            index = -1;
        }
    }

    public static TimeIndex first() {
        return new TimeIndex(Kind.FIRST, -1);
    }

    public static TimeIndex last() {
        return new TimeIndex(Kind.LAST, -1);
    }

    public static TimeIndex at(int index) {
        return new TimeIndex(Kind.AT, index);
    }

    /**
     * Parses {@code "first"}, {@code "last"} or a 0-based index such as {@code "12"}.
     *
     * @throws IllegalArgumentException with the accepted forms when {@code text} is none of them
     */
    public static TimeIndex parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "first":
                return first();
            case "last":
                return last();
            default:
                try {
                    int i = Integer.parseInt(t);
                    if (i >= 0) {
                        return at(i);
                    }
                } catch (NumberFormatException e) {
                    // fall through to the message
                }
                throw new IllegalArgumentException("time must be 'first', 'last' or an index 0, 1, 2, ...; got '"
                        + text + "'");
        }
    }

    /** The index along a dimension of {@code length} steps (may be out of range for AT). */
    public int resolve(int length) {
        return switch (kind) {
            case FIRST -> 0;
            case LAST -> length - 1;
            case AT -> index;
        };
    }

    @Override
    public String toString() {
        return kind == Kind.AT ? Integer.toString(index) : kind.name().toLowerCase(Locale.ROOT);
    }
}
