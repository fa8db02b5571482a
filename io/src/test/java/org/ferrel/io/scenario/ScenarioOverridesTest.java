package org.ferrel.io.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.netcdf.OutputEncoding;
import org.junit.jupiter.api.Test;

class ScenarioOverridesTest {
    private static final String TEXT = """
            name: jet   # a comment that stays
            grid:
              resolution: 5.625
            dynamics: {timeStep: 900 s}
            terms:
              drag:
            run:
              length: 6 days
            output:
              interval: 6 hours
              variables: [h, u]
            parameters:
              drag.rate: 2e-6
            """;

    private static Scenario apply(String... sets) {
        return ScenarioOverrides.apply(TEXT, "jet.yaml", ScenarioOverrides.parseAll(List.of(sets)));
    }

    @Test
    void replacesValuesInPlaceAndAddsMissingKeys() {
        Scenario s = apply("run.length=2 days", "output.format=netcdf4", "output.precision=float32", "dynamics.integrator=rk4",
                "restart.interval=12 hours", "parameters.drag.rate=3e-6", "terms.drag.rate=1e-6", "output.variables=[h, v]");
        assertEquals(2 * 86400.0, s.run().length());
        assertEquals(OutputEncoding.Format.NETCDF4, s.output().encoding().format());
        assertEquals(OutputEncoding.Precision.FLOAT32, s.output().encoding().precision());
        assertEquals("rk4", s.dynamics().integrator());
        assertEquals(900.0, s.dynamics().timeStep());
        assertEquals(12 * 3600.0, s.restart().interval());
        assertArrayEquals(new double[] {3e-6}, s.parameterValues().get("drag.rate"));
        assertEquals(List.of("h", "v"), s.output().variables());
        assertEquals("""
                name: jet   # a comment that stays
                grid:
                  resolution: 5.625
                dynamics: {timeStep: 900 s, integrator: rk4}
                terms:
                  drag: {rate: 1e-6}
                run:
                  length: 2 days
                output:
                  interval: 6 hours
                  variables: [h, v]
                  format: netcdf4
                  precision: float32
                parameters:
                  drag.rate: 3e-6
                restart: {interval: 12 hours}
                """, s.text(), "the text recorded with the run");
        assertEquals(TEXT, apply().text());
        assertEquals("x", apply("name=x").name());
        assertEquals(1.40625, apply("grid.resolution=1.40625").grid().resolution());
    }

    @Test
    void badValuesNameTheSetAndWhatWasExpected() {
        ConfigException e = assertThrows(ConfigException.class, () -> apply("output.format=netcdf5"));
        assertEquals("jet.yaml: --set output.format=netcdf5: expected one of netcdf3, netcdf4, netcdf3-64bit, got \"netcdf5\""
                + " (did you mean 'netcdf3'?)", e.getMessage());
        e = assertThrows(ConfigException.class, () -> apply("output.keepbits=3"));
        assertTrue(e.getMessage().startsWith("jet.yaml: --set output.keepbits=3: unknown key (did you mean 'keepBits'?)"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> apply("grid.resolution.x=3"));
        assertEquals("jet.yaml: --set grid.resolution.x=3: grid.resolution is a single value, not a section with keys", e.getMessage());
        e = assertThrows(ConfigException.class, () -> apply("run.length=2 days 3 hours"));
        assertTrue(e.getMessage().startsWith("jet.yaml: --set run.length=2 days 3 hours: "), e.getMessage());
        // a problem of the combination names the file with every --set
        e = assertThrows(ConfigException.class, () -> apply("output.interval=5 hours"));
        assertEquals("jet.yaml with --set output.interval=5 hours: run.length: expected a whole multiple of the output interval"
                + " (5 h), so that the run ends on an output time, got 6 days", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScenarioOverrides.Setting.parse("run.length"));
        assertThrows(IllegalArgumentException.class, () -> ScenarioOverrides.Setting.parse("run length=3"));
        assertThrows(IllegalArgumentException.class, () -> ScenarioOverrides.Setting.parse("run.length="));
    }
}
