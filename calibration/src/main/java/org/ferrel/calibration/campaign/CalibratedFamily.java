package org.ferrel.calibration.campaign;

/**
 * A model family that builds its own calibration problem from a campaign (its parameters, priors and
 * observation sets): implemented next to the family's {@link org.ferrel.io.scenario.ModelFamily} by a
 * family that does not step in time, e.g. the energy balance model's steady state. Time-stepping
 * families need none: {@link CampaignRunner} fits the time means of their runs.
 */
public interface CalibratedFamily {

    /**
     * Builds the problem, every input checked before any model run.
     *
     * @throws org.ferrel.io.config.ConfigException naming the campaign file, line and key of a problem
     */
    CampaignProblem prepare(Campaign c);
}
