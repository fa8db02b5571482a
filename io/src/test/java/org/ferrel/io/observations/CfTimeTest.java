package org.ferrel.io.observations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ucar.ma2.DataType;

/** CF time units and calendars: known dates, against java.time, the NCEP climatological axis, refusals. */
class CfTimeTest {
    @TempDir
    Path dir;

    private static CalendarDate decode(String units, String calendar, double value) {
        return CfTimeUnits.parse(units, CfCalendar.of(calendar)).decode(value);
    }

    @Test
    void ncepLongTermMeanTimesAreInYearOneOfTheStandardCalendar() {
        // JDN(1800-01-01, Gregorian) = 2,378,497; JDN(0001-01-01, Julian) = 1,721,424; difference 657,073
        assertEquals(CalendarDate.of(1, 1, 1), decode("days since 1800-01-01 00:00:0.0", "standard", -657073));
        assertEquals(CalendarDate.of(1, 12, 1), decode("days since 1800-01-01 00:00:0.0", null, -656739));
        assertEquals(CalendarDate.of(1, 1, 1), decode("hours since 1800-01-01 00:00:0.0", "gregorian", -15769752));
        // the same number in proleptic Gregorian is two days earlier, in year 0 (1 BC)
        assertEquals(CalendarDate.of(0, 12, 30),
                decode("days since 1800-01-01 00:00:0.0", "proleptic_gregorian", -657073));
        // NCEP climatology bounds: hours since 1-1-1 (Julian) to the Gregorian 1981-01-01 and 2010-01-01
        assertEquals(CalendarDate.of(1, 1, 1), decode("hours since 1-1-1 00:00:0.0", "standard", 0));
        assertEquals(CalendarDate.of(1981, 1, 1), decode("hours since 1-1-1 00:00:0.0", "standard", 17356368));
        assertEquals(CalendarDate.of(2010, 1, 1), decode("hours since 1-1-1 00:00:0.0", "standard", 17610576));
    }

    @ParameterizedTest(name = "{0}: {1} days since 1900-01-01 is {2}")
    @CsvSource({
        "standard, 59, 1900-03-01", "standard, 365, 1901-01-01",
        "gregorian, 59, 1900-03-01",
        "proleptic_gregorian, 59, 1900-03-01", "proleptic_gregorian, 365, 1901-01-01",
        "julian, 59, 1900-02-29", "julian, 365, 1900-12-31",
        "noleap, 59, 1900-03-01", "365_day, 365, 1901-01-01", "noleap, -1, 1899-12-31",
        "all_leap, 59, 1900-02-29", "366_day, 365, 1900-12-31", "all_leap, 366, 1901-01-01",
        "360_day, 59, 1900-02-30", "360_day, 365, 1901-01-06", "360_day, -1, 1899-12-30"})
    void eachCalendarGivesItsDateInASyntheticFile(String calendar, int days, String expected) throws Exception {
        Path file = new SyntheticFile()
                .coordinate("time", new double[] {0, days}, "units", "days since 1900-01-01", "calendar", calendar)
                .coordinate("lat", new double[] {0}, "units", "degrees_north")
                .coordinate("lon", new double[] {0}, "units", "degrees_east")
                .variable("x", DataType.DOUBLE, "time lat lon", new double[] {1, 2}).write(dir.resolve("cal.nc"));
        GriddedObservation o = ObservationReader.read(file, "x");
        assertEquals(CfCalendar.of(calendar), o.calendar());
        assertEquals(CalendarDate.of(1900, 1, 1), o.date(0));
        String[] ymd = expected.split("-");
        assertEquals(CalendarDate.of(Integer.parseInt(ymd[0]), Integer.parseInt(ymd[1]), Integer.parseInt(ymd[2])),
                o.date(1));
    }

    @Test
    void theStandardCalendarSkipsTheTenDaysOf1582() {
        assertEquals(CalendarDate.of(1582, 10, 15), decode("days since 1582-10-04", "standard", 1));
        assertEquals(CalendarDate.of(1582, 10, 4), decode("days since 1582-10-15", "standard", -1));
        assertEquals(CalendarDate.of(1582, 10, 5), decode("days since 1582-10-04", "proleptic_gregorian", 1));
        assertEquals(CalendarDate.of(1582, 10, 5), decode("days since 1582-10-04", "julian", 1));
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> CfTimeUnits.parse("days since 1582-10-10", CfCalendar.STANDARD));
        assertEquals(true, gap.getMessage().contains("1582-10-10"), gap.getMessage());
    }

    @Test
    void realWorldCalendarsAgreeWithJavaTime() {
        CalendarDate epoch = CalendarDate.of(1970, 1, 1);
        for (long day = -800_000; day <= 800_000; day += 997) {
            LocalDate expected = LocalDate.ofEpochDay(day);
            CalendarDate d = CfCalendar.PROLEPTIC_GREGORIAN.plusDays(epoch, day);
            assertEquals(CalendarDate.of(expected.getYear(), expected.getMonthValue(), expected.getDayOfMonth()), d);
            assertEquals(Instant.ofEpochSecond(day * 86_400), CfCalendar.PROLEPTIC_GREGORIAN.toInstant(d));
            if (expected.getYear() > 1582) {
                assertEquals(d, CfCalendar.STANDARD.plusDays(epoch, day), "standard = Gregorian after 1582");
            }
            // every calendar's date arithmetic inverts
            for (CfCalendar c : CfCalendar.values()) {
                long n = day + 700_000;
                assertEquals(n, c.dayNumber(c.date(n)), c + " day " + n);
            }
        }
        // a Julian date of the standard calendar is the instant java.time writes 10 days later in 1582
        assertEquals(Instant.parse("1582-10-14T00:00:00Z"), CfCalendar.STANDARD.toInstant(CalendarDate.of(1582, 10, 4)));
        assertEquals(Instant.parse("0000-12-30T00:00:00Z"), CfCalendar.STANDARD.toInstant(CalendarDate.of(1, 1, 1)));
        assertEquals(2_451_545L, CfCalendar.STANDARD.dayNumber(CalendarDate.of(2000, 1, 1)), "Julian Day Number");
    }

    @Test
    void unitsTimeOfDayAndZonesAreDecoded() {
        assertEquals(new CalendarDate(1970, 1, 2, 12, 0, 0), decode("seconds since 1970-01-01 00:00:00 UTC", null,
                129_600));
        assertEquals(new CalendarDate(2000, 1, 1, 6, 30, 0), decode("minutes since 2000-01-01T06:00:00Z", null, 30));
        assertEquals(new CalendarDate(1999, 12, 31, 18, 0, 0), decode("hours since 2000-01-01 00:00 +06:00", null, 0));
        assertEquals(new CalendarDate(2000, 1, 1, 0, 0, 1.5), decode("ms since 2000-1-1", null, 1500));
        assertEquals(new CalendarDate(2000, 1, 1, 12, 0, 0), decode("days since 2000-01-01", "360_day", 0.5));
        assertEquals("0001-01-01T00:00:00", CalendarDate.of(1, 1, 1).toString());
        assertEquals(-657073.0, CfTimeUnits.parse("hours since 1800-1-1", CfCalendar.STANDARD).toDays(-15769752), 0.0);
    }

    @Test
    void idealizedCalendarsHaveNoInstantsAndBadUnitsOrDatesAreRefused() {
        assertThrows(IllegalStateException.class,
                () -> CfCalendar.DAY_360.toInstant(CalendarDate.of(2000, 2, 30)));
        for (String[] bad : new String[][] {{"months since 2000-01-01", "standard"}, {"fortnights since 2000-01-01",
                "standard"}, {"days after 2000-01-01", "standard"}, {"days since 2001-02-29", "noleap"},
                {"days since 2000-02-30", "standard"}, {"days since 0-1-1", "julian"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CfTimeUnits.parse(bad[0], CfCalendar.of(bad[1])), bad[0]);
            assertEquals(true, e.getMessage().contains(bad[0]), e.getMessage());
        }
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> CfCalendar.of("none"));
        assertEquals(true, none.getMessage().contains("'none'"), none.getMessage());
    }
}
