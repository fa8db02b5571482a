package org.ferrel.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ferrel.calibration.campaign.Campaign;
import org.ferrel.calibration.campaign.CampaignFile;
import org.ferrel.calibration.campaign.CampaignRunner;
import org.ferrel.calibration.optim.FitResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferrel calibrate campaign.yaml}. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fits a model's free parameters to NetCDF observations (adjoint and tangent-linear runs, or an ensemble)",
            "and reports them with their uncertainty: report.json, fitted.nc, cost.png, parameters.png in the output directory."},
        footer = {"", "Examples:", "  ferrel calibrate z500.yaml                  # into ./ferrel-out/NAME-calibration",
            "  ferrel calibrate z500.yaml -o fit --resume  # continue an interrupted fit from its best parameters"})
final class CalibrateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "campaign file (YAML)")
    Path campaignFile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "output directory (default: ./ferrel-out/NAME-calibration)")
    Path output;

    @Option(names = "--resume", description = "continue an interrupted fit in DIR from the best parameters it found")
    boolean resume;

    @Override
    public Integer call() throws IOException {
        Campaign c = CampaignFile.read(campaignFile);
        Path dir = output != null ? output : CampaignRunner.defaultDirectory(c);
        System.err.printf(Locale.ROOT, "ferrel calibrate: %s (%s): %d parameter names, %d observation sets, %s, into %s%n", c.name(),
                c.origin(), c.parameters().size(), c.observations().size(), c.optimizer().method(), dir);
        CampaignRunner.Result r = CampaignRunner.run(c, new CampaignRunner.Options(dir, resume,
                line -> System.err.println("ferrel calibrate: " + line)));
        FitResult f = r.fit();
        for (int i = 0; i < f.parameterNames().size(); i++) {
            System.err.printf(Locale.ROOT, "ferrel calibrate:   %-32s %14.6g%s%n", f.parameterNames().get(i), f.theta()[i],
                    r.uncertainty() == null ? "" : String.format(Locale.ROOT, " +- %.3g", r.uncertainty().standardDeviations()[i]));
        }
        System.out.println(r.report());
        return 0;
    }
}
