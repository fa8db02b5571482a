package org.ferrel.io.observations;

/**
 * A date and time of day in some {@link CfCalendar}, as the calendar writes it: {@code 0001-01-01}
 * in the standard calendar is a Julian date, {@code 2000-02-30} exists in the 360_day calendar. The
 * fields are not checked against a calendar here; {@link CfCalendar#dayNumber} checks them.
 *
 * <p>Years follow CF: in the standard and julian calendars there is no year 0 (year -1 precedes
 * year 1); in proleptic_gregorian and the idealized calendars year 0 exists (ISO 8601, as in
 * {@code java.time} and cftime's defaults).
 *
 * @param year   year as the calendar numbers it
 * @param month  1 to 12
 * @param day    1 to the month's length in the calendar
 * @param hour   0 to 23
 * @param minute 0 to 59
 * @param second 0 (inclusive) to 60 (exclusive), milliseconds kept when decoded from a time axis
 */
public record CalendarDate(int year, int month, int day, int hour, int minute, double second) {
    public CalendarDate {
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || !(second >= 0 && second < 60)) {
            throw new IllegalArgumentException("not a date and time: " + year + "-" + month + "-" + day + " " + hour
                    + ":" + minute + ":" + second);
        }
    }

    /** Midnight of the given day. */
    public static CalendarDate of(int year, int month, int day) {
        return new CalendarDate(year, month, day, 0, 0, 0);
    }

    /** ISO-8601-like text, e.g. {@code 0001-01-01T00:00:00}, with milliseconds when present. */
    @Override
    public String toString() {
        String y = year < 0 ? String.format("-%04d", -year) : String.format("%04d", year);
        long millis = Math.round(second * 1000);
        String s = millis % 1000 == 0 ? String.format("%02d", millis / 1000)
                : String.format("%02d.%03d", millis / 1000, millis % 1000);
        return String.format("%s-%02d-%02dT%02d:%02d:%s", y, month, day, hour, minute, s);
    }
}
