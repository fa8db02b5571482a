package org.ferrel.io.observations;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One variable of a gridded file on a latitude-longitude grid, as {@link ObservationReader} returns
 * it: unpacked to double, missing values as NaN, latitudes ascending, longitudes ascending in the
 * requested {@link LongitudeRange}, other dimensions (level, month, ...) reduced to the selected entry.
 *
 * <p>Time: {@code times[k]} is record k's time in days (of 86,400 s) since {@code timeUnits.origin()},
 * in the file's calendar {@code timeUnits.calendar()}; {@link #date(int)} gives the calendar date,
 * {@link #instant(int)} the instant for real-world calendars. A variable without a CF time axis
 * has no times and one record; {@code timeUnits} is then {@code null}.
 *
 * @param file       the file read, as given
 * @param variable   the variable's name in the file
 * @param units      units of {@code values} (the file's {@code units} attribute, empty when absent, or the
 *                   units converted to)
 * @param times      [nt] days since {@code timeUnits.origin()}; empty without a time axis
 * @param timeUnits  the time axis' units and calendar, or {@code null} without a time axis
 * @param latitudes  [ny] degrees north, strictly ascending
 * @param longitudes [nx] degrees east, strictly ascending, in the requested range
 * @param values     [nt][ny][nx] flattened (longitude fastest), NaN where missing; nt = 1 without a time axis
 * @param selected   each reduced dimension's name and the coordinate value of its selected entry (the
 *                   index when the dimension has no coordinate variable), in the file's dimension order
 */
public record GriddedObservation(String file, String variable, String units, double[] times, CfTimeUnits timeUnits,
        double[] latitudes, double[] longitudes, double[] values, Map<String, Double> selected) {
    public GriddedObservation {
        selected = Collections.unmodifiableMap(new LinkedHashMap<>(selected));
        int nt = Math.max(1, times.length);
        if (values.length != nt * latitudes.length * longitudes.length) {
            throw new IllegalArgumentException("GriddedObservation '" + variable + "': " + values.length + " values for "
                    + nt + " x " + latitudes.length + " x " + longitudes.length);
        }
        if ((timeUnits == null) != (times.length == 0)) {
            throw new IllegalArgumentException("GriddedObservation '" + variable + "': times and timeUnits must be"
                    + " given together");
        }
    }

    /** Number of time records (1 without a time axis). */
    public int nt() {
        return Math.max(1, times.length);
    }

    public int ny() {
        return latitudes.length;
    }

    public int nx() {
        return longitudes.length;
    }

    /** Whether the variable has a CF time axis. */
    public boolean hasTime() {
        return timeUnits != null;
    }

    /** The calendar of the time axis, or {@code null} without one. */
    public CfCalendar calendar() {
        return timeUnits == null ? null : timeUnits.calendar();
    }

    /** Value of record t at row j (from the south) and column i (from the west). */
    public double value(int t, int j, int i) {
        return values[(t * latitudes.length + j) * longitudes.length + i];
    }

    /** A copy of record t, [ny][nx] flattened. */
    public double[] field(int t) {
        int n = latitudes.length * longitudes.length;
        double[] f = new double[n];
        System.arraycopy(values, t * n, f, 0, n);
        return f;
    }

    /** Calendar date of record k, in the file's calendar. */
    public CalendarDate date(int k) {
        requireTime();
        return timeUnits.calendar().plusDays(timeUnits.origin(), times[k]);
    }

    /**
     * The instant of record k.
     *
     * @throws IllegalStateException for calendars whose dates are not instants (noleap, all_leap, 360_day)
     */
    public Instant instant(int k) {
        CalendarDate d = date(k);
        return timeUnits.calendar().toInstant(d);
    }

    /** Area-weighted (cos-latitude) global mean of record t, NaN skipped. */
    public double areaWeightedMean(int t) {
        return GlobalMean.areaWeighted(latitudes, longitudes.length, values, t * latitudes.length * longitudes.length);
    }

    /** Mean over records of {@link #areaWeightedMean(int)}, each record weighted equally. */
    public double areaWeightedMean() {
        double sum = 0;
        for (int t = 0; t < nt(); t++) {
            sum += areaWeightedMean(t);
        }
        return sum / nt();
    }

    private void requireTime() {
        if (timeUnits == null) {
            throw new IllegalStateException("variable '" + variable + "' of " + file + " has no time axis");
        }
    }
}
