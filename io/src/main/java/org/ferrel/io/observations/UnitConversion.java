package org.ferrel.io.observations;

import java.util.Locale;
import java.util.Map;

/**
 * A linear conversion between two units, {@code to = scale * from + offset}, for the few units that
 * observations come in. Spellings are recognised case-insensitively (blanks, {@code **}, {@code ^}
 * and {@code .} between factors allowed):
 *
 * <table>
 * <caption>recognised units</caption>
 * <tr><th>unit</th><th>spellings</th></tr>
 * <tr><td>K</td><td>K, Kelvin, degK, deg K, degree_K, degrees_K</td></tr>
 * <tr><td>degC</td><td>degC, deg C, C, Celsius, degree_C, degrees_C, degree_Celsius, degrees_Celsius, °C</td></tr>
 * <tr><td>m2 s-2 (geopotential)</td><td>m2 s-2, m**2 s**-2, m^2 s^-2, m2/s2, m^2/s^2, J kg-1, J/kg</td></tr>
 * <tr><td>m (geopotential height)</td><td>m, meter(s), metre(s), gpm</td></tr>
 * <tr><td>W m-2</td><td>W m-2, W m**-2, W/m^2, W/m2</td></tr>
 * <tr><td>m s-1</td><td>m s-1, m s**-1, m/s</td></tr>
 * <tr><td>Pa, hPa</td><td>Pa; hPa, mbar, millibar(s)</td></tr>
 * </table>
 *
 * Conversions: K and degC (offset 273.15); geopotential m2 s-2 and geopotential height m (divide by
 * standard gravity {@link #STANDARD_GRAVITY}, WMO's g0); Pa and hPa; any unit to itself.
 *
 * @param from   source units as given
 * @param to     target units as given
 * @param scale  factor applied first
 * @param offset added after scaling
 */
public record UnitConversion(String from, String to, double scale, double offset) {
    /** Standard gravity g0 [m s-2] (WMO), which defines geopotential height as geopotential / g0. */
    public static final double STANDARD_GRAVITY = 9.80665;
    private static final double ZERO_CELSIUS = 273.15;

    private static final Map<String, String> CANONICAL = canonicalNames();

    private static Map<String, String> canonicalNames() {
        var m = new java.util.HashMap<String, String>();
        for (String s : new String[] {"k", "kelvin", "kelvins", "degk", "deg k", "degree_k", "degrees_k",
                "degree k", "degrees k"}) {
            m.put(s, "K");
        }
        for (String s : new String[] {"degc", "deg c", "c", "celsius", "degree_c", "degrees_c", "degree c",
                "degrees c", "degree_celsius", "degrees_celsius", "degree celsius", "degrees celsius", "°c",
                "deg_c"}) {
            m.put(s, "degC");
        }
        for (String s : new String[] {"m2 s-2", "m2/s2", "j kg-1", "j/kg"}) {
            m.put(s, "m2 s-2");
        }
        for (String s : new String[] {"m", "meter", "meters", "metre", "metres", "gpm"}) {
            m.put(s, "m");
        }
        for (String s : new String[] {"w m-2", "w/m2"}) {
            m.put(s, "W m-2");
        }
        for (String s : new String[] {"m s-1", "m/s"}) {
            m.put(s, "m s-1");
        }
        m.put("pa", "Pa");
        for (String s : new String[] {"hpa", "mbar", "mb", "millibar", "millibars"}) {
            m.put(s, "hPa");
        }
        return Map.copyOf(m);
    }

    /**
     * The canonical name of a unit spelling ({@code K}, {@code degC}, {@code m2 s-2}, {@code m},
     * {@code W m-2}, {@code m s-1}, {@code Pa}, {@code hPa}), or {@code null} when not recognised.
     */
    public static String canonical(String units) {
        if (units == null) {
            return null;
        }
        String s = units.trim().toLowerCase(Locale.ROOT).replace("**", "").replace("^", "").replace('.', ' ')
                .replaceAll("\\s+", " ");
        return CANONICAL.get(s);
    }

    /**
     * The conversion from one unit to another.
     *
     * @throws IllegalArgumentException naming both units when no conversion is known
     */
    public static UnitConversion between(String from, String to) {
        if (from != null && from.trim().equals(to == null ? null : to.trim())) {
            return new UnitConversion(from, to, 1, 0);
        }
        String a = canonical(from);
        String b = canonical(to);
        if (a != null && a.equals(b)) {
            return new UnitConversion(from, to, 1, 0);
        }
        String pair = a + " -> " + b;
        return switch (pair) {
            case "K -> degC" -> new UnitConversion(from, to, 1, -ZERO_CELSIUS);
            case "degC -> K" -> new UnitConversion(from, to, 1, ZERO_CELSIUS);
            case "m2 s-2 -> m" -> new UnitConversion(from, to, 1 / STANDARD_GRAVITY, 0);
            case "m -> m2 s-2" -> new UnitConversion(from, to, STANDARD_GRAVITY, 0);
            case "Pa -> hPa" -> new UnitConversion(from, to, 0.01, 0);
            case "hPa -> Pa" -> new UnitConversion(from, to, 100, 0);
            default -> throw new IllegalArgumentException("no conversion from '" + from + "' to '" + to + "'"
                    + (a == null ? " ('" + from + "' is not a known unit)" : "")
                    + (b == null ? " ('" + to + "' is not a known unit)" : "")
                    + "; known: K <-> degC, geopotential m2 s-2 <-> geopotential height m, Pa <-> hPa,"
                    + " and spellings of the same unit");
        };
    }

    /** Converts one value (NaN stays NaN). */
    public double apply(double value) {
        return value * scale + offset;
    }

    /** Converts values in place. */
    public void applyInPlace(double[] values) {
        if (scale == 1 && offset == 0) {
            return;
        }
        for (int k = 0; k < values.length; k++) {
            values[k] = values[k] * scale + offset;
        }
    }
}
