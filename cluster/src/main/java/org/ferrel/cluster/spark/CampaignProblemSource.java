package org.ferrel.cluster.spark;

import java.nio.file.Path;
import org.ferrel.calibration.campaign.CampaignFile;
import org.ferrel.calibration.campaign.CampaignRunner;
import org.ferrel.calibration.optim.LeastSquaresProblem;

/**
 * A calibration campaign's problem, rebuilt on an executor from the campaign file's text; the
 * scenario and observation files it names are read there, so on a cluster they must be on a shared
 * file system (the same path on every node).
 *
 * @param campaignText the campaign file's text
 * @param campaignPath its path (files it names are relative to it)
 */
public record CampaignProblemSource(String campaignText, String campaignPath) implements ProblemSource {
    @Override
    public LeastSquaresProblem build() {
        return CampaignRunner.problem(CampaignFile.parse(campaignText, Path.of(campaignPath))).problem();
    }
}
