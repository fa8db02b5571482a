package org.ferrel.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ferrel.calibration.hybrid.HybridConfig;
import org.ferrel.calibration.hybrid.HybridTraining;
import org.ferrel.calibration.hybrid.TrainingDivergedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferrel train hybrid.yaml}: truth data, offline and online training and evaluation of a hybrid model. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a neural-network closure of the coarse shallow-water model against coarse-grained high-resolution",
            "truth (offline on tendencies, then online through the solver) and evaluates it on held-out initial conditions:",
            "truth-*.nc, weights-offline.nc, weights-online.nc, report.json, loss.png, skill.png, spectra.png in the output directory."},
        footer = {"", "Examples:", "  ferrel train examples/hybrid-sw/hybrid.yaml                # into ./ferrel-out/NAME-train",
            "  ferrel train hybrid.yaml -o out --resume --threads 4     # continue from the last saved epoch"})
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "hybrid training file (YAML)")
    Path configFile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "output directory (default: ./ferrel-out/NAME-train)")
    Path output;

    @Option(names = "--resume", description = "continue an interrupted training in DIR from its last saved epoch")
    boolean resume;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "rollouts and truth runs computed at once (weights are bitwise identical for any N; default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto, bar, log or none (default: ${DEFAULT-VALUE})")
    String progress;

    @Override
    public Integer call() throws IOException {
        if (threads < 1 || threads > 256) {
            throw new BadInputException("--threads: expected 1 to 256, got " + threads);
        }
        TrainProgress reporter = TrainProgress.of(progress);
        HybridConfig c = HybridConfig.read(configFile);
        Path dir = output != null ? output : Path.of("ferrel-out", c.name() + "-train");
        System.err.printf(Locale.ROOT, "ferrel train: %s: into %s%n", c.name(), dir);
        try {
            Path report = HybridTraining.run(c, new HybridTraining.Options(dir, resume, threads, reporter));
            reporter.stopped();
            System.out.println(report);
            return 0;
        } catch (TrainingDivergedException e) {
            reporter.stopped();
            System.err.println("ferrel train: error: " + e.getMessage() + " (saved in " + dir + ")");
            return Ferrel.RUN_FAILED;
        }
    }
}
