package org.ferrel.io.observations;

import java.util.ArrayList;
import java.util.List;

/**
 * What to read besides the variable: selections of the dimensions other than time, latitude and
 * longitude, the longitude range, and the units to convert to.
 *
 * <pre>{@code
 * ReadOptions.defaults().select("level", 500).select("month", 7).longitudes(LongitudeRange.MINUS_180_TO_180)
 *         .units("m")
 * }</pre>
 *
 * @param selections one per dimension to reduce; a dimension of length 1 needs none
 * @param longitudes range of the returned longitudes ({@link LongitudeRange#ZERO_TO_360} by default)
 * @param units      units to convert the values to (see {@link UnitConversion}), or {@code null} to keep
 *                   the file's
 */
public record ReadOptions(List<Selection> selections, LongitudeRange longitudes, String units) {
    public ReadOptions {
        selections = List.copyOf(selections);
        if (longitudes == null) {
            throw new IllegalArgumentException("ReadOptions: longitudes must not be null");
        }
    }

    /** No selections, longitudes in [0, 360), the file's units. */
    public static ReadOptions defaults() {
        return new ReadOptions(List.of(), LongitudeRange.ZERO_TO_360, null);
    }

    /** Also select the entry of {@code dimension} whose coordinate is {@code value}. */
    public ReadOptions select(String dimension, double value) {
        return with(new Selection.ByValue(dimension, value));
    }

    /** Also select entry {@code index} (from 0) of {@code dimension}. */
    public ReadOptions selectIndex(String dimension, int index) {
        return with(new Selection.ByIndex(dimension, index));
    }

    /** The same options with the given longitude range. */
    public ReadOptions longitudes(LongitudeRange range) {
        return new ReadOptions(selections, range, units);
    }

    /** The same options converting to {@code targetUnits}. */
    public ReadOptions units(String targetUnits) {
        return new ReadOptions(selections, longitudes, targetUnits);
    }

    private ReadOptions with(Selection s) {
        List<Selection> list = new ArrayList<>(selections);
        list.removeIf(old -> old.dimension().equals(s.dimension()));
        list.add(s);
        return new ReadOptions(list, longitudes, units);
    }
}
