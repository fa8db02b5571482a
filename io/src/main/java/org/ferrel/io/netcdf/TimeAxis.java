package org.ferrel.io.netcdf;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A CF time axis in seconds since a reference date, in the proleptic Gregorian calendar (what
 * CF calls {@code proleptic_gregorian}; ISO 8601 dates).
 *
 * @param reference the date of time 0
 */
public record TimeAxis(LocalDateTime reference) {
    public static final String CALENDAR = "proleptic_gregorian";

    /** The CF units attribute, e.g. {@code seconds since 2000-01-01 00:00:00}. */
    public String units() {
        return "seconds since " + reference.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    /** The date of a time in seconds since the reference. */
    public LocalDateTime date(double seconds) {
        long whole = (long) Math.floor(seconds);
        return reference.plusSeconds(whole).plusNanos(Math.round((seconds - whole) * 1e9));
    }
}
