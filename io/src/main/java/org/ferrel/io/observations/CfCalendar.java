package org.ferrel.io.observations;

import java.time.Instant;
import java.util.Locale;

/**
 * The CF calendars (CF conventions 1.8, section 4.4.1) with their date arithmetic. Every calendar
 * has days of 86,400 s; they differ in which dates exist.
 *
 * <ul>
 * <li>{@link #STANDARD} ({@code standard}, {@code gregorian}, or no calendar attribute): Julian
 * before 1582-10-15, Gregorian from then on; 1582-10-05 to 1582-10-14 do not exist. No year 0.
 * <li>{@link #PROLEPTIC_GREGORIAN}: Gregorian rules for all dates; year 0 exists.
 * <li>{@link #JULIAN}: Julian rules (a leap year every 4 years) for all dates. No year 0.
 * <li>{@link #NOLEAP} ({@code noleap}, {@code 365_day}), {@link #ALL_LEAP} ({@code all_leap},
 * {@code 366_day}): every year 365 (366) days, February 28 (29) days.
 * <li>{@link #DAY_360} ({@code 360_day}): twelve months of 30 days.
 * </ul>
 *
 * A date maps to a day number: for the real-world calendars (standard, proleptic_gregorian,
 * julian) the Julian Day Number, so that such dates convert to an {@link Instant}; for the
 * idealized ones a count with no meaning outside the calendar.
 */
public enum CfCalendar {
    STANDARD("standard"),
    PROLEPTIC_GREGORIAN("proleptic_gregorian"),
    JULIAN("julian"),
    NOLEAP("noleap"),
    ALL_LEAP("all_leap"),
    DAY_360("360_day");

    /** Julian Day Number of 1582-10-15, the first Gregorian day of the standard calendar. */
    private static final long GREGORIAN_START = 2_299_161;
    /** Julian Day Number of 1970-01-01. */
    private static final long UNIX_EPOCH_DAY = 2_440_588;
    private static final int[] DAYS_365 = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private final String cfName;

    CfCalendar(String cfName) {
        this.cfName = cfName;
    }

    /** The calendar's CF name, e.g. {@code 360_day}. */
    public String cfName() {
        return cfName;
    }

    @Override
    public String toString() {
        return cfName;
    }

    /**
     * The calendar of a CF {@code calendar} attribute (case-insensitive, aliases accepted); {@code null}
     * or blank gives {@link #STANDARD}, the CF default.
     *
     * @throws IllegalArgumentException for {@code none} and unknown names, listing the known ones
     */
    public static CfCalendar of(String name) {
        if (name == null || name.isBlank()) {
            return STANDARD;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "standard", "gregorian" -> STANDARD;
            case "proleptic_gregorian" -> PROLEPTIC_GREGORIAN;
            case "julian" -> JULIAN;
            case "noleap", "365_day" -> NOLEAP;
            case "all_leap", "366_day" -> ALL_LEAP;
            case "360_day" -> DAY_360;
            default -> throw new IllegalArgumentException("unknown calendar '" + name + "': expected one of standard,"
                    + " gregorian, proleptic_gregorian, julian, noleap, 365_day, all_leap, 366_day, 360_day");
        };
    }

    /** Whether dates of this calendar are dates of the real world (convertible to {@link Instant}). */
    public boolean isRealWorld() {
        return this == STANDARD || this == PROLEPTIC_GREGORIAN || this == JULIAN;
    }

    /** Whether the calendar numbers a year 0 (see the class comment). */
    public boolean hasYearZero() {
        return this != STANDARD && this != JULIAN;
    }

    /** Length of a month in days; the year is numbered as the calendar numbers it. */
    public int monthLength(int year, int month) {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("month " + month + " is not 1 to 12");
        }
        return switch (this) {
            case DAY_360 -> 30;
            case NOLEAP -> DAYS_365[month - 1];
            case ALL_LEAP -> month == 2 ? 29 : DAYS_365[month - 1];
            case PROLEPTIC_GREGORIAN -> month == 2 && gregorianLeap(year) ? 29 : DAYS_365[month - 1];
            case JULIAN -> month == 2 && julianLeap(astronomical(year)) ? 29 : DAYS_365[month - 1];
            case STANDARD -> month == 2 && (year > 1582 ? gregorianLeap(year) : julianLeap(astronomical(year)))
                    ? 29 : DAYS_365[month - 1];
        };
    }

    /**
     * Day number of a date (its time of day is ignored).
     *
     * @throws IllegalArgumentException when the date does not exist in this calendar (February 29 of a
     *                                  non-leap year, year 0 in standard or julian, 1582-10-10 in standard)
     */
    public long dayNumber(CalendarDate date) {
        int y = date.year();
        int m = date.month();
        int d = date.day();
        if (y == 0 && !hasYearZero()) {
            throw new IllegalArgumentException("year 0 does not exist in the " + cfName + " calendar (" + date + ")");
        }
        if (d > monthLength(y, m)) {
            throw new IllegalArgumentException(date + " does not exist in the " + cfName + " calendar");
        }
        return switch (this) {
            case DAY_360 -> 360L * y + 30L * (m - 1) + (d - 1);
            case NOLEAP -> 365L * y + dayOfYear(m, d, false);
            case ALL_LEAP -> 366L * y + dayOfYear(m, d, true);
            case PROLEPTIC_GREGORIAN -> gregorianJdn(y, m, d);
            case JULIAN -> julianJdn(astronomical(y), m, d);
            case STANDARD -> {
                if (y > 1582 || y == 1582 && (m > 10 || m == 10 && d >= 15)) {
                    yield gregorianJdn(y, m, d);
                }
                if (y == 1582 && m == 10 && d > 4) {
                    throw new IllegalArgumentException(date + " does not exist in the standard calendar"
                            + " (1582-10-04 is followed by 1582-10-15)");
                }
                yield julianJdn(astronomical(y), m, d);
            }
        };
    }

    /** The date of a day number (midnight), the inverse of {@link #dayNumber}. */
    public CalendarDate date(long dayNumber) {
        return switch (this) {
            case DAY_360 -> {
                long y = Math.floorDiv(dayNumber, 360);
                int r = Math.floorMod(dayNumber, 360);
                yield CalendarDate.of(Math.toIntExact(y), r / 30 + 1, r % 30 + 1);
            }
            case NOLEAP, ALL_LEAP -> {
                int length = this == NOLEAP ? 365 : 366;
                long y = Math.floorDiv(dayNumber, length);
                int r = Math.floorMod(dayNumber, length);
                int m = 1;
                while (r >= monthLength(0, m)) {
                    r -= monthLength(0, m);
                    m++;
                }
                yield CalendarDate.of(Math.toIntExact(y), m, r + 1);
            }
            case PROLEPTIC_GREGORIAN -> fromGregorianJdn(dayNumber);
            case JULIAN -> fromJulianJdn(dayNumber);
            case STANDARD -> dayNumber >= GREGORIAN_START ? fromGregorianJdn(dayNumber) : fromJulianJdn(dayNumber);
        };
    }

    /** The date {@code days} days (fractional, of 86,400 s) after {@code origin}, rounded to the millisecond. */
    public CalendarDate plusDays(CalendarDate origin, double days) {
        long originMillis = Math.round(((origin.hour() * 60L + origin.minute()) * 60 + origin.second()) * 1000);
        long total = originMillis + Math.round(days * 86_400_000.0);
        long day = dayNumber(origin) + Math.floorDiv(total, 86_400_000L);
        long millis = Math.floorMod(total, 86_400_000L);
        CalendarDate d = date(day);
        return new CalendarDate(d.year(), d.month(), d.day(), (int) (millis / 3_600_000),
                (int) (millis / 60_000 % 60), millis % 60_000 / 1000.0);
    }

    /** Days (fractional) from {@code from} to {@code to}. */
    public double daysBetween(CalendarDate from, CalendarDate to) {
        return dayNumber(to) - dayNumber(from) + (secondOfDay(to) - secondOfDay(from)) / 86_400.0;
    }

    /**
     * The instant of a date of a real-world calendar (a Julian date of the standard calendar gives the
     * instant of that day, which {@code java.time} writes in proleptic Gregorian).
     *
     * @throws IllegalStateException for noleap, all_leap and 360_day, whose dates are not instants
     */
    public Instant toInstant(CalendarDate date) {
        if (!isRealWorld()) {
            throw new IllegalStateException("dates of the " + cfName + " calendar are not instants of the real world ("
                    + date + ")");
        }
        long millis = Math.round(secondOfDay(date) * 1000);
        return Instant.ofEpochSecond((dayNumber(date) - UNIX_EPOCH_DAY) * 86_400L).plusMillis(millis);
    }

    private static double secondOfDay(CalendarDate d) {
        return (d.hour() * 60.0 + d.minute()) * 60.0 + d.second();
    }

    /** Astronomical year (1 BC = 0) of a year of a calendar without year 0. */
    private static int astronomical(int year) {
        return year < 0 ? year + 1 : year;
    }

    private static int fromAstronomical(long year) {
        return Math.toIntExact(year <= 0 ? year - 1 : year);
    }

    private static boolean gregorianLeap(int y) {
        return Math.floorMod(y, 4) == 0 && (Math.floorMod(y, 100) != 0 || Math.floorMod(y, 400) == 0);
    }

    private static boolean julianLeap(int astronomicalYear) {
        return Math.floorMod(astronomicalYear, 4) == 0;
    }

    private static int dayOfYear(int month, int day, boolean leap) {
        int n = day - 1;
        for (int k = 1; k < month; k++) {
            n += k == 2 && leap ? 29 : DAYS_365[k - 1];
        }
        return n;
    }

    // Julian Day Number algorithms (Fliegel and Van Flandern 1968; Richards 2013), floor division
    // so that they hold for any year.
    private static long gregorianJdn(long y, int m, int d) {
        long a = (14 - m) / 12;
        long yy = y + 4800 - a;
        long mm = m + 12 * a - 3;
        return d + (153 * mm + 2) / 5 + 365 * yy + Math.floorDiv(yy, 4) - Math.floorDiv(yy, 100)
                + Math.floorDiv(yy, 400) - 32045;
    }

    private static long julianJdn(long y, int m, int d) {
        long a = (14 - m) / 12;
        long yy = y + 4800 - a;
        long mm = m + 12 * a - 3;
        return d + (153 * mm + 2) / 5 + 365 * yy + Math.floorDiv(yy, 4) - 32083;
    }

    private static CalendarDate fromGregorianJdn(long jdn) {
        long a = jdn + 32044;
        long b = Math.floorDiv(4 * a + 3, 146097);
        long c = a - Math.floorDiv(146097 * b, 4);
        return fromDayOfEra(c, 100 * b, true);
    }

    private static CalendarDate fromJulianJdn(long jdn) {
        return fromDayOfEra(jdn + 32082, 0, false);
    }

    private static CalendarDate fromDayOfEra(long c, long centuries, boolean gregorian) {
        long d = Math.floorDiv(4 * c + 3, 1461);
        long e = c - Math.floorDiv(1461 * d, 4);
        long m = (5 * e + 2) / 153;
        int day = (int) (e - (153 * m + 2) / 5 + 1);
        int month = (int) (m + 3 - 12 * (m / 10));
        long year = centuries + d - 4800 + m / 10;
        return CalendarDate.of(gregorian ? Math.toIntExact(year) : fromAstronomical(year), month, day);
    }
}
