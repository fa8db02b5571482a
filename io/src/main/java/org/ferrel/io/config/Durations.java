package org.ferrel.io.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as a number and a unit: {@code "450 s"}, {@code "30 min"}, {@code "6 hours"},
 * {@code "1.5 days"}; a bare number is seconds.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([A-Za-z]*)\\s*");
    private static final Map<String, Double> UNITS = Map.ofEntries(
            Map.entry("", 1.0), Map.entry("s", 1.0), Map.entry("sec", 1.0), Map.entry("second", 1.0),
            Map.entry("seconds", 1.0), Map.entry("min", 60.0), Map.entry("minute", 60.0), Map.entry("minutes", 60.0),
            Map.entry("h", 3600.0), Map.entry("hour", 3600.0), Map.entry("hours", 3600.0), Map.entry("d", 86400.0),
            Map.entry("day", 86400.0), Map.entry("days", 86400.0));

    private Durations() {
    }

    /**
     * The duration in seconds.
     *
     * @throws IllegalArgumentException saying which forms are understood
     */
    public static double seconds(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as \"450 s\", \"30 min\", \"6 hours\" or \"15 days\", got \""
                    + text + "\"");
        }
        Double unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            throw new IllegalArgumentException("unknown time unit \"" + m.group(2)
                    + "\" in \"" + text + "\"; use s, min, h (hours) or d (days)");
        }
        return Double.parseDouble(m.group(1)) * unit;
    }

    /** A readable form: whole days, hours or minutes when exact, else seconds. */
    public static String format(double seconds) {
        if (seconds != 0 && seconds % 86400 == 0) {
            return (long) (seconds / 86400) + (seconds == 86400 ? " day" : " days");
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return (long) (seconds / 3600) + " h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return (long) (seconds / 60) + " min";
        }
        return (seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds)) + " s";
    }
}
