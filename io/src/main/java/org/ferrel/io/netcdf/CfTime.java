package org.ferrel.io.netcdf;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes CF time coordinates ({@code "<unit> since <reference date>"} with a {@code calendar})
 * into date strings, without java.time, since CF calendars are not all ISO: {@code standard} and
 * {@code gregorian} (the default: Julian before 1582-10-15, Gregorian after, as CF and udunits
 * define it), {@code proleptic_gregorian}, {@code julian}, {@code noleap}/{@code 365_day},
 * {@code all_leap}/{@code 366_day} and {@code 360_day}. Units are seconds, minutes, hours, days
 * and weeks; months and years (which CF discourages) only for whole numbers of them, counted as
 * calendar months. Years are astronomical (year 0 is 1 BC).
 *
 * @param unitSeconds seconds per unit, or 0 for calendar months ({@code months since})
 * @param calendar    normalised calendar name
 * @param reference   the reference instant in seconds since the calendar's day 0
 */
public record CfTime(double unitSeconds, String calendar, double reference) {
    private static final Pattern UNITS = Pattern.compile(
            "\\s*(\\w+)\\s+since\\s+([-+]?\\d{1,5})-(\\d{1,2})-(\\d{1,2})"
                    + "(?:[T\\s]+(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}(?:\\.\\d*)?))?)?"
                    + "\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?)?\\s*", Pattern.CASE_INSENSITIVE);
    private static final int[] CUM = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
    private static final int[] CUM_LEAP = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366};
    private static final double DAY = 86400.0;

    /**
     * @param units    e.g. {@code "days since 1800-01-01 00:00:0.0"}
     * @param calendar the {@code calendar} attribute, or {@code null} for the default
     * @return empty when the units are not CF time units or the calendar is unknown
     */
    public static Optional<CfTime> of(String units, String calendar) {
        if (units == null) {
            return Optional.empty();
        }
        Matcher m = UNITS.matcher(units);
        if (!m.matches()) {
            return Optional.empty();
        }
        String cal = normalise(calendar);
        if (cal == null) {
            return Optional.empty();
        }
        double unit = switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "seconds", "second", "secs", "sec", "s" -> 1;
            case "minutes", "minute", "mins", "min" -> 60;
            case "hours", "hour", "hrs", "hr", "h" -> 3600;
            case "days", "day", "d" -> DAY;
            case "weeks", "week" -> 7 * DAY;
            case "months", "month" -> 0;
            case "years", "year" -> -1;
            default -> Double.NaN;
        };
        if (Double.isNaN(unit)) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(2));
        int month = Integer.parseInt(m.group(3));
        int day = Integer.parseInt(m.group(4));
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return Optional.empty();
        }
        double seconds = 0;
        if (m.group(5) != null) {
            seconds = Integer.parseInt(m.group(5)) * 3600.0 + Integer.parseInt(m.group(6)) * 60.0
                    + (m.group(7) == null ? 0 : Double.parseDouble(m.group(7)));
        }
        String zone = m.group(8);
        if (zone != null && (zone.startsWith("+") || zone.startsWith("-"))) {
            String z = zone.substring(1).replace(":", "");
            int hh = Integer.parseInt(z.length() <= 2 ? z : z.substring(0, z.length() - 2));
            int mm = z.length() <= 2 ? 0 : Integer.parseInt(z.substring(z.length() - 2));
            seconds -= (zone.startsWith("-") ? -1 : 1) * (hh * 3600.0 + mm * 60.0);
        }
        double ref = dayNumber(cal, year, month, day) * DAY + seconds;
        return Optional.of(new CfTime(unit, cal, ref));
    }

    private static String normalise(String calendar) {
        if (calendar == null || calendar.isBlank()) {
            return "standard";
        }
        return switch (calendar.trim().toLowerCase(Locale.ROOT)) {
            case "standard", "gregorian" -> "standard";
            case "proleptic_gregorian" -> "proleptic_gregorian";
            case "julian" -> "julian";
            case "noleap", "365_day" -> "noleap";
            case "all_leap", "366_day" -> "all_leap";
            case "360_day" -> "360_day";
            default -> null;
        };
    }

    /** The date of a coordinate value, e.g. {@code "1981-07-01"} or {@code "1981-07-01 06:00"}. */
    public String format(double value) {
        if (!Double.isFinite(value)) {
            return "undefined";
        }
        double t;
        if (unitSeconds == 0 || unitSeconds == -1) {
            // calendar months or years: whole numbers only
            if (value != Math.rint(value)) {
                return String.format(Locale.ROOT, "%s %s", value, unitSeconds == 0 ? "months" : "years");
            }
            long months = (long) value * (unitSeconds == 0 ? 1 : 12);
            int[] ymd = date((long) Math.floor(reference / DAY));
            long total = ymd[0] * 12L + (ymd[1] - 1) + months;
            int year = (int) Math.floorDiv(total, 12);
            int month = Math.floorMod(total, 12) + 1;
            t = dayNumber(calendar, year, month, ymd[2]) * DAY + (reference - Math.floor(reference / DAY) * DAY);
        } else {
            t = reference + value * unitSeconds;
        }
        // round to the second so that 23:59:59.9999 prints as the next day
        t = Math.rint(t);
        long days = (long) Math.floor(t / DAY);
        long sec = (long) (t - days * DAY);
        int[] ymd = date(days);
        String date = String.format(Locale.ROOT, "%s%04d-%02d-%02d", ymd[0] < 0 ? "-" : "", Math.abs(ymd[0]), ymd[1],
                ymd[2]);
        if (sec == 0) {
            return date;
        }
        long h = sec / 3600;
        long mi = sec / 60 % 60;
        long s = sec % 60;
        return s == 0 ? String.format(Locale.ROOT, "%s %02d:%02d", date, h, mi)
                : String.format(Locale.ROOT, "%s %02d:%02d:%02d", date, h, mi, s);
    }

    // ---- calendars: day numbers (days since an epoch of the calendar) ----

    /** Julian day number of a proleptic Gregorian date (Fliegel and Van Flandern). */
    private static long jdnGregorian(long y, int m, int d) {
        long a = Math.floorDiv(14 - m, 12);
        long yy = y + 4800 - a;
        long mm = m + 12 * a - 3;
        return d + Math.floorDiv(153 * mm + 2, 5) + 365 * yy + Math.floorDiv(yy, 4) - Math.floorDiv(yy, 100)
                + Math.floorDiv(yy, 400) - 32045;
    }

    private static long jdnJulian(long y, int m, int d) {
        long a = Math.floorDiv(14 - m, 12);
        long yy = y + 4800 - a;
        long mm = m + 12 * a - 3;
        return d + Math.floorDiv(153 * mm + 2, 5) + 365 * yy + Math.floorDiv(yy, 4) - 32083;
    }

    private static int[] fromJdnGregorian(long jdn) {
        long a = jdn + 32044;
        long b = Math.floorDiv(4 * a + 3, 146097);
        long c = a - Math.floorDiv(146097 * b, 4);
        return fromJdnTail(b * 100, c);
    }

    private static int[] fromJdnJulian(long jdn) {
        long c = jdn + 32082;
        return fromJdnTail(0, c);
    }

    private static int[] fromJdnTail(long century, long c) {
        long d = Math.floorDiv(4 * c + 3, 1461);
        long e = c - Math.floorDiv(1461 * d, 4);
        long m = Math.floorDiv(5 * e + 2, 153);
        int day = (int) (e - Math.floorDiv(153 * m + 2, 5) + 1);
        int month = (int) (m + 3 - 12 * Math.floorDiv(m, 10));
        long year = century + d - 4800 + Math.floorDiv(m, 10);
        return new int[] {(int) year, month, day};
    }

    private static final long GREGORIAN_START = 2299161; // JDN of 1582-10-15

    static long dayNumber(String calendar, long y, int m, int d) {
        return switch (calendar) {
            case "proleptic_gregorian" -> jdnGregorian(y, m, d);
            case "julian" -> jdnJulian(y, m, d);
            case "noleap" -> y * 365 + CUM[m - 1] + d - 1;
            case "all_leap" -> y * 366 + CUM_LEAP[m - 1] + d - 1;
            case "360_day" -> y * 360 + (m - 1) * 30L + d - 1;
            default -> {
                long g = jdnGregorian(y, m, d);
                yield g >= GREGORIAN_START ? g : jdnJulian(y, m, d);
            }
        };
    }

    private int[] date(long dayNumber) {
        return switch (calendar) {
            case "proleptic_gregorian" -> fromJdnGregorian(dayNumber);
            case "julian" -> fromJdnJulian(dayNumber);
            case "noleap" -> fixedYear(dayNumber, 365, CUM);
            case "all_leap" -> fixedYear(dayNumber, 366, CUM_LEAP);
            case "360_day" -> {
                long y = Math.floorDiv(dayNumber, 360);
                long r = dayNumber - y * 360;
                yield new int[] {(int) y, (int) (r / 30) + 1, (int) (r % 30) + 1};
            }
            default -> dayNumber >= GREGORIAN_START ? fromJdnGregorian(dayNumber) : fromJdnJulian(dayNumber);
        };
    }

    private static int[] fixedYear(long dayNumber, int length, int[] cum) {
        long y = Math.floorDiv(dayNumber, length);
        int r = (int) (dayNumber - y * length);
        int m = 1;
        while (m < 12 && cum[m] <= r) {
            m++;
        }
        return new int[] {(int) y, m, r - cum[m - 1] + 1};
    }
}
