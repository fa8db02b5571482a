package org.ferrel.calibration.ebm;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.ferrel.calibration.campaign.Campaign;
import org.ferrel.calibration.campaign.CalibratedFamily;
import org.ferrel.calibration.campaign.CampaignProblem;
import org.ferrel.io.config.ConfigNode;
import org.ferrel.io.scenario.ModelFamily;
import org.ferrel.io.scenario.ModelSpec;
import org.ferrel.io.scenario.RunReport;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioRunner;

/**
 * The energy balance model wired to the commands ({@code model: energy-balance}): North's (1975)
 * annual-mean model in x = sin(latitude) ({@link org.ferrel.physics.ebm.EnergyBalanceModel}), a steady
 * family. Its scenario sections are {@code grid} and {@code ice} ({@link EbmSpec}) and its parameters
 * the 8 {@code ebm.*} of {@link org.ferrel.physics.ebm.EbmParameters}; {@code ferrel run} writes the
 * steady state ({@link EbmSteadyRun}); {@code ferrel calibrate} fits it to observed zonal means of its
 * observable fields surface_temperature, outgoing_longwave and absorbed_shortwave ({@link EbmCampaign}).
 */
public final class EnergyBalanceFamily implements ModelFamily, CalibratedFamily {
    public static final String KEY = "energy-balance";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String description() {
        return "North (1975) energy balance model, annual-mean zonal temperature in x = sin(latitude), steady state";
    }

    @Override
    public List<String> sections() {
        return List.of("grid", "ice");
    }

    @Override
    public ModelSpec parse(ConfigNode root, Map<String, Integer> lines) {
        return EbmSpec.parse(root, lines);
    }

    @Override
    public String describeRun(Scenario s) {
        EbmSpec spec = EbmSpec.of(s);
        return "steady state on " + spec.cells() + " equal-area cells of the " + spec.domain().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public RunReport run(Scenario s, ScenarioRunner.Options options) throws IOException {
        return EbmSteadyRun.run(s, options);
    }

    @Override
    public CampaignProblem prepare(Campaign c) {
        return EbmCampaign.prepare(c);
    }
}
