package org.ferrel.calibration.ebm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ferrel.autodiff.Eager;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.netcdf.ArrayFile;
import org.ferrel.io.scenario.ProgressListener;
import org.ferrel.io.scenario.RunReport;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioFile;
import org.ferrel.io.scenario.ScenarioModels;
import org.ferrel.io.scenario.ScenarioRunner;
import org.ferrel.physics.ebm.EbmGrid;
import org.ferrel.physics.ebm.EbmParameters;
import org.ferrel.physics.ebm.IceEdge;
import org.ferrel.physics.ebm.LegendreSolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The energy balance family ({@code model: energy-balance}) through the scenario file and {@code run}:
 * its sections and parameters checked, and the steady state it writes compared with North's analytic
 * ice-free solution (Legendre modes P0, P2, P4; North, Cahalan &amp; Coakley 1981).
 */
class EnergyBalanceFamilyTest {
    private static final String SCENARIO = """
            name: ebm
            model: energy-balance
            grid: {cells: 90, domain: hemisphere}
            """;

    /** North, Cahalan &amp; Coakley (1981) without ice: every term of the forcing, P4 included (a2 s2 != 0). */
    private static final String ICE_FREE_NCC_1981 = """
            name: ebm-ice-free
            model: energy-balance
            grid: {cells: 90}
            ice: {albedoFeedback: false}
            parameters: {ebm.olrIntercept: 203.3, ebm.olrSlope: 2.09, ebm.diffusivity: 0.649, ebm.insolationP2: -0.482,
                         ebm.coAlbedo0: 0.697, ebm.coAlbedo2: -0.0779}
            """;

    @Test
    void readsItsOwnSectionsAndRefusesThoseOfTimeSteppingModels() {
        Scenario s = ScenarioFile.parse(SCENARIO, "ebm.yaml");
        assertEquals("energy-balance", s.model().family());
        EbmSpec spec = EbmSpec.of(s);
        assertEquals(90, spec.cells());
        assertEquals(EbmGrid.Domain.HEMISPHERE, spec.domain());
        assertEquals(IceEdge.north(), spec.iceEdge());
        assertEquals(EbmParameters.NORTH_1975, EbmSpec.parameters(s));
        assertEquals(EbmGrid.Domain.GLOBE, EbmSpec.of(ScenarioFile.parse(SCENARIO.replace("hemisphere", "globe"), "ebm.yaml")).domain());

        ConfigException dynamics = assertThrows(ConfigException.class,
                () -> ScenarioFile.parse(SCENARIO + "dynamics: {timeStep: 1 hour}\n", "ebm.yaml"));
        assertTrue(dynamics.getMessage().contains("dynamics"), dynamics.getMessage());
        ConfigException resolution = assertThrows(ConfigException.class,
                () -> ScenarioFile.parse(SCENARIO.replace("cells: 90", "resolution: 2.8125"), "ebm.yaml"));
        assertTrue(resolution.getMessage().contains("resolution"), resolution.getMessage());
        ConfigException iceLine = assertThrows(ConfigException.class,
                () -> ScenarioFile.parse(SCENARIO + "ice: {albedoFeedback: false, width: 2}\n", "ebm.yaml"));
        assertTrue(iceLine.getMessage().contains("ice.width"), iceLine.getMessage());

        ConfigException unprefixed = assertThrows(ConfigException.class,
                () -> EbmSpec.parameters(ScenarioFile.parse(SCENARIO + "parameters: {olrSlope: 2}\n", "ebm.yaml")));
        assertTrue(unprefixed.getMessage().contains("ebm.yaml:4:") && unprefixed.getMessage().contains("parameters.olrSlope")
                && unprefixed.getMessage().contains("ebm.olrSlope"), unprefixed.getMessage());
        ConfigException bounds = assertThrows(ConfigException.class,
                () -> EbmSpec.parameters(ScenarioFile.parse(SCENARIO + "parameters: {ebm.olrSlope: 50}\n", "ebm.yaml")));
        assertTrue(bounds.getMessage().contains("outside the bounds [0.2, 5.0]"), bounds.getMessage());

        ConfigException steady = assertThrows(ConfigException.class, () -> ScenarioModels.build(s, Eager.serial()));
        assertTrue(steady.getMessage().contains("model") && steady.getMessage().contains("steady state")
                && steady.getMessage().contains("shallow-water"), steady.getMessage());
    }

    @Test
    void runWritesTheIceFreeSteadyStateOfNorthsLegendreSolution(@TempDir Path dir) throws Exception {
        Scenario s = ScenarioFile.parse(ICE_FREE_NCC_1981, "ebm-ice-free.yaml");
        List<String> log = new ArrayList<>();
        RunReport r = s.family().run(s, new ScenarioRunner.Options(dir, false, false, 1, ProgressListener.NONE, log::add));
        assertEquals(dir.resolve("ebm-ice-free.nc"), r.output());
        assertTrue(r.summary().contains("ice line at none") && r.summary().contains("stable"), r.summary());

        ArrayFile.Content c = ArrayFile.read(r.output());
        double[] t = c.variable("surface_temperature").values();
        double[] bounds = c.variable("lat_bnds").values();
        LegendreSolution exact = LegendreSolution.iceFree(EbmParameters.NCC_1981);
        for (int i = 0; i < t.length; i++) {
            double a = Math.sin(Math.toRadians(bounds[2 * i]));
            double b = Math.sin(Math.toRadians(bounds[2 * i + 1]));
            // P0 and P2 are exact eigenvectors of the discrete diffusion; the P4 mode (about 1 K) is second order
            assertEquals(exact.cellAverage(a, b), t[i], 2e-3, "cell " + i);
        }
        assertEquals(exact.globalMean(), c.variable("global_mean_temperature").values()[0], 1e-9);
        assertEquals("degC", c.variable("surface_temperature").attribute("units"));
        assertEquals("toa_outgoing_longwave_flux", c.variable("outgoing_longwave").attribute("standard_name"));
        assertEquals("lat_bnds", c.variable("lat").attribute("bounds"));
        assertTrue(Double.isNaN(c.variable("ice_line_latitude").values()[0]));
        assertEquals(0.0, c.variable("unstable_modes").values()[0]);
        // in a steady state the diffusion only moves energy: absorbed short-wave and OLR balance globally
        assertEquals(mean(c.variable("absorbed_shortwave").values()), mean(c.variable("outgoing_longwave").values()), 1e-9);
        assertEquals("2.09 W m-2 K-1", c.attribute("ebm.olrSlope"));

        ScenarioRunner.RunException again = assertThrows(ScenarioRunner.RunException.class,
                () -> s.family().run(s, new ScenarioRunner.Options(dir, false, false, 1, ProgressListener.NONE, log::add)));
        assertTrue(again.getMessage().contains("--overwrite"), again.getMessage());
        RunReport done = s.family().run(s, new ScenarioRunner.Options(dir, true, false, 1, ProgressListener.NONE, log::add));
        assertEquals("", done.summary(), "resuming a complete steady run does nothing");
    }

    @Test
    void aSteadyStateWithIceIsStableAndBalancesGlobally(@TempDir Path dir) throws Exception {
        Scenario s = ScenarioFile.parse(SCENARIO, "ebm.yaml");
        RunReport r = s.family().run(s, new ScenarioRunner.Options(dir, false, false, 1, ProgressListener.NONE, line -> { }));
        ArrayFile.Content c = ArrayFile.read(r.output());
        double iceLine = c.variable("ice_line_latitude").values()[0];
        assertTrue(iceLine > 0 && iceLine < 90, "ice line " + iceLine);
        assertEquals(Double.toString(iceLine), c.attribute("ice_line_latitude"));
        assertEquals("true", c.attribute("stable"));
        assertEquals(mean(c.variable("absorbed_shortwave").values()), mean(c.variable("outgoing_longwave").values()), 1e-9);
        // the ice line is where the temperature crosses T_s = -10 degC
        double[] lat = c.variable("lat").values();
        double[] t = c.variable("surface_temperature").values();
        int k = 0;
        while (lat[k + 1] < iceLine) {
            k++;
        }
        assertTrue(t[k] >= -10 && t[k + 1] < -10, t[k] + " " + t[k + 1]);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
