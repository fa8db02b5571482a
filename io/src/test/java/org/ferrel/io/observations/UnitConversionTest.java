package org.ferrel.io.observations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Unit spellings and conversions through UDUNITS, against values computed by hand from the unit definitions. */
class UnitConversionTest {
    @Test
    void temperaturesConvertWithTheirOffsets() {
        for (String celsius : new String[] {"degC", "deg C", "C", "Celsius", "celsius", "degree_Celsius", "degrees_Celsius",
                "degrees_C", "°C"}) {
            for (String kelvin : new String[] {"K", "Kelvin", "kelvin", "degK", "degrees_K"}) {
                // 15 degC = 15 + 273.15 K
                assertEquals(288.15, UnitConversion.between(celsius, kelvin).apply(15), 1e-12, celsius + " -> " + kelvin);
                assertEquals(14.06, UnitConversion.between(kelvin, celsius).apply(287.21), 1e-12, kelvin + " -> " + celsius);
            }
        }
        // degF: T[K] = (T[F] + 459.67) * 5/9, so 32 F = 273.15 K, 212 F = 373.15 K, -40 F = -40 C
        UnitConversion f = UnitConversion.between("degF", "K");
        assertEquals(273.15, f.apply(32), 1e-12);
        assertEquals(373.15, f.apply(212), 1e-12);
        assertEquals(5.0 / 9.0, f.scale(), 1e-15);
        assertEquals(-40.0, UnitConversion.between("degrees_F", "degC").apply(-40), 1e-12);
        assertEquals(59.0, UnitConversion.between("degC", "degF").apply(15), 1e-12);
        // spellings of one unit: exactly the identity
        assertEquals(1.0, UnitConversion.between("deg C", "degC").scale(), 0.0);
        assertEquals(0.0, UnitConversion.between("deg C", "degC").offset(), 0.0);
        assertTrue(UnitConversion.between("degree_Celsius", "degC").isIdentity());
    }

    @Test
    void heightsWindsPressuresAndFluxes() {
        assertEquals(5500.0, UnitConversion.between("km", "m").apply(5.5), 1e-12);
        assertEquals(5.5, UnitConversion.between("m", "km").apply(5500), 1e-15);
        assertEquals(5500.0, UnitConversion.between("gpm", "m").apply(5500), 0.0);
        assertEquals(5.5, UnitConversion.between("gpm", "km").apply(5500), 1e-15);
        // 1 knot = 1852 m per hour = 0.514444... m/s; 36 km/h = 10 m/s
        assertEquals(1852.0 / 3600.0, UnitConversion.between("knots", "m s-1").apply(1), 1e-15);
        assertEquals(0.514444, UnitConversion.between("knot", "m/s").apply(1), 5e-7);
        assertEquals(10.0, UnitConversion.between("km/h", "m s-1").apply(36), 1e-13);
        assertEquals(1.0, UnitConversion.between("m s**-1", "m/s").scale(), 0.0);
        assertEquals(50000.0, UnitConversion.between("millibars", "Pa").apply(500), 0.0);
        assertEquals(500.0, UnitConversion.between("hPa", "mbar").apply(500), 0.0);
        assertEquals(500.0, UnitConversion.between("mb", "hPa").apply(500), 0.0);
        assertEquals(850.0, UnitConversion.between("Pa", "hPa").apply(85000), 1e-12);
        assertTrue(UnitConversion.between("W/m^2", "W m-2").isIdentity());
        assertTrue(UnitConversion.between("W m**-2", "W m-2").isIdentity());
        assertEquals(1e-3, UnitConversion.between("mW m-2", "W m-2").apply(1), 1e-18);
    }

    @Test
    void geopotentialBecomesGeopotentialHeightOnlyWhenGpmIsNamed() {
        UnitConversion c = UnitConversion.between("m**2 s**-2", "gpm");
        assertEquals(5000.0, c.apply(49033.25), 1e-9, "49,033.25 m2 s-2 / 9.80665 = 5,000 gpm");
        assertEquals(49033.25, UnitConversion.between("gpm", "m2 s-2").apply(5000), 1e-9);
        assertEquals(5000.0, UnitConversion.between("J/kg", "geopotential_metre").apply(49033.25), 1e-9);
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> UnitConversion.between("m2 s-2", "m"));
        assertTrue(plain.getMessage().contains("'m2 s-2'") && plain.getMessage().contains("'m'")
                && plain.getMessage().contains("different quantities") && plain.getMessage().contains("'gpm'"),
                plain.getMessage());
    }

    @Test
    void unknownOrIncompatibleUnitsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnitConversion.between("W/m^2", "K"));
        assertTrue(e.getMessage().contains("'W/m^2'") && e.getMessage().contains("'K'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UnitConversion.between("degC", "m"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> UnitConversion.between("psu", "m"));
        assertTrue(unknown.getMessage().contains("'psu' is not a known unit"), unknown.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> UnitConversion.between("", "K"));
        assertTrue(none.getMessage().contains("'' (no units)"), none.getMessage());
        assertTrue(UnitConversion.between("psu", "psu").isIdentity(), "the same spelling needs no library");
    }
}
