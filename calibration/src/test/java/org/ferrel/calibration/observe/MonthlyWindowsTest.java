package org.ferrel.calibration.observe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Steps per calendar month, counted from the calendars' month lengths. */
class MonthlyWindowsTest {
    @Test
    void monthsHoldTheirLengthInStepsInEachCalendar() {
        // hourly steps over the year 2000 (366 days in the standard calendar): January 744, February 696 (leap year)
        MonthlyWindows standard = MonthlyWindows.of("2000-01-01", "standard", 3600);
        int[] january = standard.stepsInMonth(1, 366 * 24);
        assertEquals(31 * 24, january.length);
        assertEquals(1, january[0]);
        assertEquals(744, january[january.length - 1]);
        int[] february = standard.stepsInMonth(2, 366 * 24);
        assertEquals(29 * 24, february.length);
        assertEquals(745, february[0]);
        // noleap: February 28 days; 360_day: 30 days each month
        assertEquals(28 * 24, MonthlyWindows.of("2000-01-01", "noleap", 3600).stepsInMonth(2, 365 * 24).length);
        assertEquals(30 * 24, MonthlyWindows.of("2000-01-01", "360_day", 3600).stepsInMonth(2, 360 * 24).length);
        // two years of 15-minute steps: both Julys, 2 * 31 * 96
        assertEquals(2 * 31 * 96, MonthlyWindows.of("2001-01-01T00:00:00Z", null, 900).stepsInMonth(7, 730 * 96).length);
    }

    @Test
    void aStepBelongsToTheMonthOfItsMidpoint() {
        // a 6-hour step from 1999-12-31T21:00 to 2000-01-01T03:00 has its midpoint at midnight: January
        MonthlyWindows w = MonthlyWindows.of("1999-12-31T21:00", "proleptic_gregorian", 6 * 3600);
        assertArrayEquals(new int[] {1, 2, 3}, w.stepsInMonth(1, 3));
        assertEquals(0, w.stepsInMonth(12, 3).length);
        MonthlyWindows later = MonthlyWindows.of("1999-12-31T20:00", "proleptic_gregorian", 6 * 3600);
        assertArrayEquals(new int[] {1}, later.stepsInMonth(12, 3));
        assertEquals("1999-12-31T23:00:00", later.midpoint(1).toString());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> MonthlyWindows.of("January 2000", null, 900));
        assertTrue(text.getMessage().contains("start 'January 2000' is not an ISO 8601 date"), text.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> MonthlyWindows.of("2001-02-29", "standard", 900));
        assertTrue(missing.getMessage().contains("does not exist in the standard calendar"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MonthlyWindows.of("2001-02-01", "360_day", 0));
        assertThrows(IllegalArgumentException.class, () -> MonthlyWindows.of("2001-02-01", "360_day", 60).stepsInMonth(13, 10));
    }
}
