package org.ferrel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrel.io.netcdf.ArrayFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The energy balance model from the command line, as {@code examples/ebm-ncep} shows it: {@code ferrel run}
 * writes its steady state, {@code ferrel calibrate} fits it to the NCEP climatology, and the fitted
 * scenario runs again.
 */
class EbmEndToEndTest {
    static final Path EXAMPLE = Cli.root().resolve("examples/ebm-ncep");

    @Test
    void runsTheSteadyStateAndCalibratesItAgainstTheReanalysis(@TempDir Path dir) throws Exception {
        Cli.Outcome run = Cli.run(dir, "run", EXAMPLE.resolve("scenario.yaml").toString(), "-o", "steady");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(dir.resolve("steady/ebm-north.nc"), dir.resolve(run.stdout().strip()));
        assertTrue(run.stderr().contains("steady state on 90 equal-area cells of the hemisphere")
                && run.stderr().contains("ice line at") && run.stderr().contains("stable"), run.stderr());
        ArrayFile.Content steady = ArrayFile.read(dir.resolve("steady/ebm-north.nc"));
        assertEquals(90, steady.variable("surface_temperature").values().length);
        assertEquals(steady.attribute("ice_line_latitude"), Double.toString(steady.variable("ice_line_latitude").values()[0]));

        Cli.Outcome again = Cli.run(dir, "run", EXAMPLE.resolve("scenario.yaml").toString(), "-o", "steady");
        assertEquals(3, again.exitCode(), again.toString());
        assertTrue(again.stderr().contains("--overwrite"), again.stderr());

        Cli.Outcome fit = Cli.run(dir, "calibrate", EXAMPLE.resolve("campaign.yaml").toString(), "-o", "fit");
        assertEquals(0, fit.exitCode(), fit.toString());
        String report = Files.readString(dir.resolve("fit/report.json"));
        assertTrue(report.contains("\"name\": \"ebm.olrSlope\"") && report.contains("\"field\": \"outgoing_longwave\""), report);
        assertTrue(fit.stderr().contains("one steady-state solve per run"), fit.stderr());
        Cli.Outcome fitted = Cli.run(dir, "run", "fit/fitted-scenario.yaml", "-o", "fitted");
        assertEquals(0, fitted.exitCode(), fitted.toString());
        assertTrue(Files.exists(dir.resolve("fitted/ebm-north-fitted.nc")));
    }
}
