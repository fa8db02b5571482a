package org.ferrel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferrel sensitivity} as a user runs it: outputs, stdout, refusals and bad input. */
class SensitivityEndToEndTest {

    @Test
    void writesSensitivitiesOfAnAtmosphereDiagnosticAndRefusesBadInput(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), """
                name: hs
                model: atmosphere
                grid: {resolution: 15}
                levels: 3
                dynamics: {polarFilter: 60}
                terms:
                  heldSuarez: {}
                initial: {case: rest, temperature: 285, noise: 0.5}
                run: {length: 6 hours}
                output: {interval: 6 hours}
                """);
        Files.writeString(dir.resolve("s.yaml"), """
                name: tropics
                scenario: scenario.yaml
                diagnostic:
                  field: temperature
                  pressure: 900
                  region: {south: -20, north: 20}
                """);
        Cli.Outcome o = Cli.run(dir, "sensitivity", "s.yaml", "-o", "out");
        assertEquals(0, o.exitCode(), o.toString());
        assertEquals("out/sensitivity.nc", o.stdout().strip(), "stdout holds the output's path only");
        assertTrue(o.stderr().contains("dJ/d heldSuarez.surfaceEquilibriumTemperature"), o.stderr());
        for (String f : List.of("sensitivity.nc", "sensitivity.json", "initial_temperature.png", "surfaceGeopotential.png")) {
            assertTrue(Files.exists(dir.resolve("out").resolve(f)), f);
        }
        Cli.Outcome again = Cli.run(dir, "sensitivity", "s.yaml", "-o", "out");
        assertEquals(3, again.exitCode(), again.toString());
        assertTrue(again.stderr().contains("already holds sensitivity results"), again.stderr());

        Files.writeString(dir.resolve("bad.yaml"), "name: bad\nscenario: scenario.yaml\ndiagnostic:\n  field: salinity\n  sigma: 0.9\n");
        Cli.Outcome bad = Cli.run(dir, "sensitivity", "bad.yaml", "-o", "bad-out");
        assertEquals(3, bad.exitCode(), bad.toString());
        assertTrue(bad.stderr().contains("bad.yaml:4: diagnostic.field") && bad.stderr().contains("no observable field 'salinity'"),
                bad.stderr());
        assertFalse(Files.exists(dir.resolve("bad-out/sensitivity.nc")));
    }
}
