package org.ferrel.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CF time decoding in each calendar, and the time index parser. */
class CfTimeTest {
    private static String date(String units, String calendar, double value) {
        return CfTime.of(units, calendar).orElseThrow(() -> new AssertionError("not decoded: " + units)).format(value);
    }

    @Test
    void standardCalendarIsJulianBefore1582() {
        // NCEP climatologies: year 1 in the mixed calendar, as cftime and ncdump -t decode it
        assertEquals("0001-01-01", date("days since 1800-01-01 00:00:0.0", null, -657073));
        assertEquals("0001-12-01", date("days since 1800-01-01 00:00:0.0", "gregorian", -656739));
        assertEquals("1582-10-15", date("days since 1582-10-04", "standard", 1));
        assertEquals("1981-01-01", date("hours since 1-1-1 00:00:0.0", null, 17356368));
    }

    @Test
    void gregorianAndJulianCalendars() {
        assertEquals("2000-02-29", date("days since 2000-01-01", "proleptic_gregorian", 59));
        assertEquals("1900-03-01", date("days since 1900-01-01", "proleptic_gregorian", 59));
        assertEquals("1900-02-29", date("days since 1900-01-01", "julian", 59));
        assertEquals("1970-01-01", date("seconds since 1970-01-01T00:00:00Z", null, 0));
        assertEquals("2024-05-17", date("seconds since 1970-01-01T00:00:00Z", null, 1715904000));
    }

    @Test
    void modelCalendars() {
        assertEquals("2001-03-01", date("days since 2001-01-01", "noleap", 59));
        assertEquals("2001-01-01", date("days since 2000-01-01", "365_day", 365));
        assertEquals("2000-02-29", date("days since 2000-01-01", "all_leap", 59));
        assertEquals("2000-02-30", date("days since 2000-01-01", "360_day", 59));
        assertEquals("2001-01-01", date("days since 2000-01-01", "360_day", 360));
        assertEquals("2001-02-01", date("months since 2000-01-01", "360_day", 13));
        assertEquals("1999-11-01", date("months since 2000-01-01", "noleap", -2));
    }

    @Test
    void timesOfDayAndZones() {
        assertEquals("2000-01-01 01:30", date("minutes since 2000-01-01 00:00", null, 90));
        assertEquals("2000-01-02 00:00:01", date("seconds since 2000-01-01", null, 86401));
        assertEquals("2000-01-01 06:00", date("hours since 2000-01-01", null, 6));
        assertEquals("1999-12-31 23:00", date("hours since 2000-01-01 00:00 +01:00", null, 0));
        assertEquals("2000-01-01 12:00", date("days since 2000-01-01", null, 0.5));
    }

    @Test
    void notTimeUnits() {
        assertTrue(CfTime.of("m", null).isEmpty());
        assertTrue(CfTime.of(null, null).isEmpty());
        assertTrue(CfTime.of("days since 2000-01-01", "martian").isEmpty());
    }

    @Test
    void timeIndexParsesFirstLastAndIndices() {
        assertEquals(TimeIndex.first(), TimeIndex.parse("first"));
        assertEquals(TimeIndex.last(), TimeIndex.parse(" LAST "));
        assertEquals(TimeIndex.at(12), TimeIndex.parse("12"));
        assertEquals(0, TimeIndex.first().resolve(5));
        assertEquals(4, TimeIndex.last().resolve(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeIndex.parse("-1"));
        assertTrue(e.getMessage().contains("'first', 'last' or an index"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimeIndex.parse("tomorrow"));
    }
}
