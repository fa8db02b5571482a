package org.ferrel.io.observations;

import java.util.Locale;
import java.util.Map;
import ucar.units.ConversionException;
import ucar.units.Converter;
import ucar.units.DerivedUnit;
import ucar.units.Factor;
import ucar.units.PrefixDBException;
import ucar.units.SpecificationException;
import ucar.units.Unit;
import ucar.units.UnitDBException;
import ucar.units.UnitFormat;
import ucar.units.UnitFormatManager;
import ucar.units.UnitSystemException;
import ucar.units.UnknownUnit;

/**
 * An affine conversion between two units, {@code to = scale * from + offset}, computed by UDUNITS
 * ({@code ucar.units}, the units library of NetCDF-Java), so any unit UDUNITS knows converts to any
 * other of the same dimension: K, degC and degF (with their offsets), m and km, m s-1, km/h and knots,
 * Pa, hPa and mbar, W m-2, m2 s-2, and the prefixes and products of all of them.
 *
 * <p>Spellings: {@code **} between a unit and its exponent is dropped ({@code m**2 s**-2} is
 * {@code m2 s-2}); a few spellings that UDUNITS reads as something else are read as observation files
 * mean them: {@code C}, {@code deg C}, {@code degrees_C}, {@code degrees_Celsius}, {@code °C} are
 * degrees Celsius (UDUNITS: coulomb, degree times coulomb, or an unknown unit), {@code deg F},
 * {@code degrees_F}, {@code °F} degrees Fahrenheit, and {@code mb} millibar (UDUNITS: millibarn).
 * A name UDUNITS does not know ({@code furlongs} is known; {@code psu} is not) is an error, never a
 * new unit.
 *
 * <p>Geopotential height: {@code gpm} (also {@code geopotential_metre}, {@code geopotential_meter})
 * is the geopotential metre, a length equal to the metre, that also converts from and to geopotential
 * (m2 s-2) through standard gravity g0 ({@link #STANDARD_GRAVITY}, WMO): naming {@code gpm} asks for
 * that division. Geopotential to plain {@code m} is refused, since the two are different quantities.
 *
 * @param from   source units as given
 * @param to     target units as given
 * @param scale  factor applied first
 * @param offset added after scaling
 */
public record UnitConversion(String from, String to, double scale, double offset) {
    /** Standard gravity g0 [m s-2] (WMO), which defines geopotential height as geopotential / g0. */
    public static final double STANDARD_GRAVITY = 9.80665;

    /** Spellings (lower case, blanks and underscores as one blank) read differently from UDUNITS. */
    private static final Map<String, String> SPELLINGS = spellings();
    private static final String GEOPOTENTIAL_HEIGHT = "gpm";

    private static Map<String, String> spellings() {
        var m = new java.util.HashMap<String, String>();
        for (String s : new String[] {"c", "deg c", "degc", "degree c", "degrees c", "degree celsius", "degrees celsius",
                "celsius", "°c"}) {
            m.put(s, "degC");
        }
        for (String s : new String[] {"deg f", "degf", "degree f", "degrees f", "degree fahrenheit",
                "degrees fahrenheit", "fahrenheit", "°f"}) {
            m.put(s, "degF");
        }
        for (String s : new String[] {"deg k", "degk", "degree k", "degrees k", "kelvin", "kelvins"}) {
            m.put(s, "K");
        }
        m.put("mb", "mbar");
        for (String s : new String[] {"gpm", "geopotential metre", "geopotential metres", "geopotential meter",
                "geopotential meters"}) {
            m.put(s, GEOPOTENTIAL_HEIGHT);
        }
        return Map.copyOf(m);
    }

    /** A unit as UDUNITS reads it, and whether it was named as geopotential height. */
    private record Parsed(String given, Unit unit, boolean geopotentialHeight) {
    }

    /**
     * The conversion from one unit to another.
     *
     * @throws IllegalArgumentException naming both units when one is unknown or they measure
     *                                  different quantities
     */
    public static UnitConversion between(String from, String to) {
        if (from != null && to != null && from.trim().equals(to.trim())) {
            return new UnitConversion(from, to, 1, 0);
        }
        Parsed a = parse(from, from, to);
        Parsed b = parse(to, from, to);
        if (a.unit().equals(b.unit())) {
            return new UnitConversion(from, to, 1, 0);
        }
        Unit geopotential = unit("m2 s-2", from, to);
        try {
            if (b.geopotentialHeight() && a.unit().isCompatible(geopotential)) {
                return affine(from, to, a.unit().getConverterTo(geopotential), 1 / STANDARD_GRAVITY);
            }
            if (a.geopotentialHeight() && b.unit().isCompatible(geopotential)) {
                return affine(from, to, geopotential.getConverterTo(b.unit()), STANDARD_GRAVITY);
            }
            return affine(from, to, a.unit().getConverterTo(b.unit()), 1);
        } catch (ConversionException e) {
            throw new IllegalArgumentException("no conversion from " + quoted(from) + " to " + quoted(to)
                    + ": different quantities (" + a.unit().getDerivedUnit() + " and " + b.unit().getDerivedUnit() + ")"
                    + (a.unit().isCompatible(geopotential) && b.unit().isCompatible(unit("m", from, to))
                            ? "; geopotential becomes geopotential height with the units '" + GEOPOTENTIAL_HEIGHT
                                    + "' (divided by g0 = " + STANDARD_GRAVITY + " m s-2)"
                            : ""), e);
        }
    }

    /** {@code converter} followed by a factor, as scale and offset; refused when not affine (logarithmic units). */
    private static UnitConversion affine(String from, String to, Converter converter, double factor) {
        double offset = converter.convert(0.0) * factor;
        // with an offset, the slope over a long interval keeps the offset's rounding out of the scale
        double scale = offset == 0 ? converter.convert(1.0) * factor : (converter.convert(1e6) * factor - offset) / 1e6;
        double probe = converter.convert(-40.0) * factor;
        if (!(Math.abs(probe - (-40 * scale + offset)) <= 1e-9 * Math.max(Math.abs(offset), Math.abs(40 * scale)))) {
            throw new IllegalArgumentException("no conversion from " + quoted(from) + " to " + quoted(to)
                    + ": not a linear relation (logarithmic units?)");
        }
        return new UnitConversion(from, to, scale, offset);
    }

    private static Parsed parse(String units, String from, String to) {
        String given = units == null ? "" : units.trim();
        String key = given.toLowerCase(Locale.ROOT).replace('_', ' ').replaceAll("\\s+", " ");
        String spelled = SPELLINGS.getOrDefault(key, given.replace("**", ""));
        if (spelled.equals(GEOPOTENTIAL_HEIGHT)) {
            return new Parsed(given, unit("m", from, to), true);
        }
        Unit u = unit(spelled, from, to);
        DerivedUnit derived = u.getDerivedUnit();
        for (Factor f : derived.getDimension().getFactors()) {
            if (f.getBase() instanceof UnknownUnit) {
                throw unknown(units, from, to, "'" + f.getBase() + "' is not a unit UDUNITS knows");
            }
        }
        return new Parsed(given, u, false);
    }

    private static Unit unit(String spelled, String from, String to) {
        try {
            UnitFormat format = UnitFormatManager.instance();
            synchronized (UnitConversion.class) {
                return format.parse(spelled);
            }
        } catch (SpecificationException | UnitDBException | PrefixDBException | UnitSystemException | RuntimeException e) {
            throw unknown(spelled, from, to, e.getMessage());
        }
    }

    private static IllegalArgumentException unknown(String units, String from, String to, String why) {
        return new IllegalArgumentException("no conversion from " + quoted(from) + " to " + quoted(to) + " ("
                + quoted(units) + " is not a known unit: " + why + ")");
    }

    private static String quoted(String units) {
        return units == null || units.isBlank() ? "'' (no units)" : "'" + units + "'";
    }

    /** Whether the conversion leaves values unchanged. */
    public boolean isIdentity() {
        return scale == 1 && offset == 0;
    }

    /** Converts one value (NaN stays NaN). */
    public double apply(double value) {
        return value * scale + offset;
    }

    /** Converts values in place. */
    public void applyInPlace(double[] values) {
        if (isIdentity()) {
            return;
        }
        for (int k = 0; k < values.length; k++) {
            values[k] = values[k] * scale + offset;
        }
    }
}
