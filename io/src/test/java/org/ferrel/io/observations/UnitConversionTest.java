package org.ferrel.io.observations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Unit spellings and conversions. */
class UnitConversionTest {
    @Test
    void temperatureSpellingsConvertBothWays() {
        for (String celsius : new String[] {"degC", "deg C", "C", "Celsius", "celsius", "degree_Celsius", "degrees_C",
                "°C"}) {
            for (String kelvin : new String[] {"K", "Kelvin", "kelvin", "degK"}) {
                assertEquals(287.21, UnitConversion.between(celsius, kelvin).apply(14.06), 1e-12, celsius);
                assertEquals(14.06, UnitConversion.between(kelvin, celsius).apply(287.21), 1e-12, kelvin);
            }
        }
        assertEquals(1.0, UnitConversion.between("deg C", "degC").scale(), 0.0);
        assertEquals(0.0, UnitConversion.between("deg C", "degC").offset(), 0.0);
    }

    @Test
    void geopotentialBecomesGeopotentialHeightThroughStandardGravity() {
        UnitConversion c = UnitConversion.between("m**2 s**-2", "m");
        assertEquals(5000.0, c.apply(49033.25), 1e-9, "49,033.25 m2 s-2 / 9.80665 = 5,000 m");
        assertEquals(49033.25, UnitConversion.between("gpm", "m2 s-2").apply(5000), 1e-9);
        assertEquals("m2 s-2", UnitConversion.canonical("m^2/s^2"));
        assertEquals("W m-2", UnitConversion.canonical("W/m^2"));
        assertEquals("m s-1", UnitConversion.canonical("m s**-1"));
        assertEquals(50000.0, UnitConversion.between("millibars", "Pa").apply(500), 0.0);
    }

    @Test
    void anUnknownConversionNamesBothUnits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnitConversion.between("W/m^2", "K"));
        assertTrue(e.getMessage().contains("'W/m^2'") && e.getMessage().contains("'K'"), e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> UnitConversion.between("furlongs", "m"));
        assertTrue(unknown.getMessage().contains("'furlongs' is not a known unit"), unknown.getMessage());
    }
}
