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

    @Option(names = "--spark", arity = "0..1", paramLabel = "MASTER", fallbackValue = "",
            description = "run the ensemble members of method eki as Spark tasks: embedded (local[*]) without MASTER,"
                    + " or on spark://HOST:PORT; results are bitwise those of a serial run")
    String spark;

    @Override
    public Integer call() throws IOException {
        Campaign c = CampaignFile.read(campaignFile);
        if (spark == null) {
            return calibrate(c, null);
        }
        SparkClasspath.check("calibrate --spark");
        if (!c.optimizer().method().equals("eki")) {
            throw new BadInputException("--spark runs the members of an ensemble method; " + c.origin() + " uses "
                    + c.optimizer().method() + " (set optimizer.method: eki, or leave out --spark)");
        }
        String master = org.ferrel.cluster.spark.SparkContexts.master(spark.isEmpty() ? null : spark);
        System.err.println("ferrel calibrate: ensemble members on Spark (" + master + ")");
        return org.ferrel.cluster.spark.SparkEnsembleRunner.using(master, "ferrel calibrate " + c.name(),
                new org.ferrel.cluster.spark.CampaignProblemSource(c.text(), campaignFile.toAbsolutePath().toString()),
                runner -> calibrate(c, runner));
    }

    private Integer calibrate(Campaign c, org.ferrel.calibration.optim.EnsembleRunner runner) throws IOException {
        Path dir = output != null ? output : CampaignRunner.defaultDirectory(c);
        System.err.printf(Locale.ROOT, "ferrel calibrate: %s (%s): %d parameter names, %d observation sets, %s, into %s%n", c.name(),
                c.origin(), c.parameters().size(), c.observations().size(), c.optimizer().method(), dir);
        CampaignRunner.Result r = CampaignRunner.run(c, new CampaignRunner.Options(dir, resume,
                line -> System.err.println("ferrel calibrate: " + line), runner));
        FitResult f = r.fit();
        for (int i = 0; i < f.parameterNames().size(); i++) {
            System.err.printf(Locale.ROOT, "ferrel calibrate:   %-32s %14.6g%s%n", f.parameterNames().get(i), f.theta()[i],
                    r.uncertainty() == null ? "" : String.format(Locale.ROOT, " +- %.3g", r.uncertainty().standardDeviations()[i]));
        }
        System.out.println(r.report());
        if (f.endedWorseThanStart()) {
            System.err.println("ferrel calibrate: the fit ended with a cost above its start's (" + r.report() + "): exit code "
                    + Ferrel.FIT_ENDED_WORSE);
            return Ferrel.FIT_ENDED_WORSE;
        }
        return 0;
    }
}
