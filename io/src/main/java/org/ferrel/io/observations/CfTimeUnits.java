package org.ferrel.io.observations;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CF time units, {@code <unit> since <reference date>} with a calendar (CF conventions 1.8, section
 * 4.4): e.g. {@code days since 1800-01-01 00:00:0.0}, {@code hours since 1-1-1 00:00:0.0},
 * {@code seconds since 1970-01-01T00:00:00Z}.
 *
 * <p>Units: days (day, d), hours (hour, hr, h), minutes (minute, min), seconds (second, sec, s) and
 * milliseconds (msec, ms); months and years are refused, since CF defines them as fractions of a
 * tropical year, which is not what files that use them mean. The reference date is
 * {@code Y-M-D} (year of any length, a leading minus allowed), optionally followed by {@code h:m}
 * or {@code h:m:s.f} (separated by a blank or {@code T}) and a time zone ({@code Z}, {@code UTC},
 * {@code GMT} or an offset such as {@code +05:30}, {@code -6}); a zone shifts the reference to UTC.
 * Negative offsets are allowed: the NCEP long-term-mean files put their climatological year at
 * year 1 with {@code days since 1800-01-01} and values near -657,000.
 *
 * @param unitSeconds length of one unit in seconds
 * @param origin      reference date (in UTC) in the calendar
 * @param calendar    the calendar the dates are in
 */
public record CfTimeUnits(double unitSeconds, CalendarDate origin, CfCalendar calendar) {
    private static final Pattern UNITS = Pattern.compile("\\s*([A-Za-z]+)\\s+since\\s+(.+?)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile(
            "(-?\\d+)-(\\d{1,2})-(\\d{1,2})"
                    + "(?:[ T]+(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}(?:\\.\\d*)?))?)?"
                    + "\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?)?", Pattern.CASE_INSENSITIVE);

    /** Whether a units string has the form {@code <word> since <something>}. */
    public static boolean looksLikeTime(String units) {
        return units != null && UNITS.matcher(units).matches();
    }

    /**
     * Parses CF time units in a calendar.
     *
     * @throws IllegalArgumentException naming the units and what was expected when they cannot be read
     */
    public static CfTimeUnits parse(String units, CfCalendar calendar) {
        Matcher u = units == null ? null : UNITS.matcher(units);
        if (u == null || !u.matches()) {
            throw new IllegalArgumentException("time units '" + units + "' are not of the form '<unit> since <date>'");
        }
        double unitSeconds = switch (u.group(1).toLowerCase(Locale.ROOT)) {
            case "days", "day", "d" -> 86_400;
            case "hours", "hour", "hrs", "hr", "h" -> 3_600;
            case "minutes", "minute", "mins", "min" -> 60;
            case "seconds", "second", "secs", "sec", "s" -> 1;
            case "milliseconds", "millisecond", "msecs", "msec", "ms" -> 0.001;
            case "months", "month", "years", "year", "yr", "common_years", "common_year" ->
                    throw new IllegalArgumentException("time units '" + units + "': months and years are not"
                            + " supported (CF defines them as fractions of a tropical year); expected days, hours,"
                            + " minutes or seconds since a date");
            default -> throw new IllegalArgumentException("time units '" + units + "': unknown unit '" + u.group(1)
                    + "', expected days, hours, minutes or seconds");
        };
        Matcher d = DATE.matcher(u.group(2));
        if (!d.matches()) {
            throw new IllegalArgumentException("time units '" + units + "': reference date '" + u.group(2)
                    + "' is not of the form Y-M-D [h:m[:s]] [zone]");
        }
        int hour = d.group(4) == null ? 0 : Integer.parseInt(d.group(4));
        int minute = d.group(5) == null ? 0 : Integer.parseInt(d.group(5));
        double second = d.group(6) == null ? 0 : Double.parseDouble(d.group(6));
        CalendarDate origin;
        try {
            origin = new CalendarDate(Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2)),
                    Integer.parseInt(d.group(3)), hour, minute, second);
            calendar.dayNumber(origin); // checks that the date exists in the calendar
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("time units '" + units + "': " + e.getMessage(), e);
        }
        int zoneMinutes = zoneMinutes(d.group(7));
        if (zoneMinutes != 0) {
            origin = calendar.plusDays(origin, -zoneMinutes / 1440.0);
        }
        return new CfTimeUnits(unitSeconds, origin, calendar);
    }

    private static int zoneMinutes(String zone) {
        if (zone == null || !(zone.startsWith("+") || zone.startsWith("-"))) {
            return 0;
        }
        int sign = zone.startsWith("-") ? -1 : 1;
        String z = zone.substring(1).replace(":", "");
        int hours;
        int minutes = 0;
        if (z.length() <= 2) {
            hours = Integer.parseInt(z);
        } else {
            hours = Integer.parseInt(z.substring(0, z.length() - 2));
            minutes = Integer.parseInt(z.substring(z.length() - 2));
        }
        return sign * (hours * 60 + minutes);
    }

    /** Days (of 86,400 s) since {@link #origin} of a value in these units. */
    public double toDays(double value) {
        return value * unitSeconds / 86_400.0;
    }

    /** The date of a value in these units, rounded to the millisecond. */
    public CalendarDate decode(double value) {
        return calendar.plusDays(origin, toDays(value));
    }
}
