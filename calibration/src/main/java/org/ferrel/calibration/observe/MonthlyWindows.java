package org.ferrel.calibration.observe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ferrel.io.observations.CalendarDate;
import org.ferrel.io.observations.CfCalendar;

/**
 * Which time steps of a run make up each calendar month, for comparing the model's monthly means with
 * a monthly climatology. Step k (from 1) covers {@code [start + (k-1) dt, start + k dt]} and belongs to
 * the month that contains its midpoint, as a time mean over an interval is dated in CF; so when dt
 * divides a day, month m of a year holds exactly {@code days(m) * 86,400 / dt} steps.
 *
 * @param start    the run's start date and time
 * @param calendar the run's calendar (the model's: {@code 360_day}, {@code noleap}, {@code standard}, ...)
 * @param timeStep dt [s], positive
 */
public record MonthlyWindows(CalendarDate start, CfCalendar calendar, double timeStep) {
    private static final Pattern ISO = Pattern.compile(
            "(-?\\d{1,4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2}(?:\\.\\d+)?))?)?Z?");

    public MonthlyWindows {
        if (!(timeStep > 0) || !Double.isFinite(timeStep)) {
            throw new IllegalArgumentException("monthly windows: time step " + timeStep + " s; expected a positive number of seconds");
        }
        calendar.dayNumber(start);
    }

    /**
     * The windows of a run starting at an ISO 8601 date ({@code 2000-01-01}, {@code 2000-01-01T06:00},
     * {@code 2000-01-01T06:00:00Z}) in a CF calendar ({@code null}: standard).
     *
     * @throws IllegalArgumentException naming the text when the date is malformed or not in the calendar
     */
    public static MonthlyWindows of(String isoStart, String calendar, double timeStepSeconds) {
        Matcher m = ISO.matcher(isoStart == null ? "" : isoStart.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("monthly windows: start '" + isoStart + "' is not an ISO 8601 date"
                    + " (expected e.g. 2000-01-01 or 2000-01-01T06:00:00)");
        }
        CalendarDate date = new CalendarDate(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                m.group(5) == null ? 0 : Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Double.parseDouble(m.group(6)));
        return new MonthlyWindows(date, CfCalendar.of(calendar), timeStepSeconds);
    }

    /** The calendar date of the midpoint of step k (k from 1). */
    public CalendarDate midpoint(int step) {
        return calendar.plusDays(start, (step - 0.5) * timeStep / 86_400.0);
    }

    /**
     * The steps, among 1 to {@code steps}, that belong to calendar month {@code month} (1 to 12) of any
     * year, ascending.
     */
    public int[] stepsInMonth(int month, int steps) {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("monthly windows: month " + month + "; expected 1 to 12");
        }
        int[] found = new int[steps];
        int n = 0;
        for (int k = 1; k <= steps; k++) {
            if (midpoint(k).month() == month) {
                found[n++] = k;
            }
        }
        return java.util.Arrays.copyOf(found, n);
    }
}
