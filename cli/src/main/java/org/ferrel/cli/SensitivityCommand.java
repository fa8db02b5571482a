package org.ferrel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ferrel.calibration.sensitivity.Sensitivity;
import org.ferrel.calibration.sensitivity.SensitivityFile;
import org.ferrel.calibration.sensitivity.SensitivityRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferrel sensitivity sensitivity.yaml}. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true,
        description = {"Computes the adjoint sensitivity of a scalar diagnostic of a run (a field's mean over a region and a",
            "time window) to the initial fields and every parameter, with one adjoint run: sensitivity.nc, sensitivity.json",
            "and PNG maps in the output directory."},
        footer = {"", "Examples:", "  ferrel sensitivity examples/sensitivity/sensitivity.yaml   # into ./ferrel-out/NAME-sensitivity",
            "  ferrel sensitivity s.yaml -o out --overwrite"})
final class SensitivityCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "sensitivity file (YAML)")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "output directory (default: ./ferrel-out/NAME-sensitivity)")
    Path output;

    @Option(names = "--overwrite", description = "replace the results of an earlier sensitivity run in DIR")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
        Sensitivity s = SensitivityFile.read(file);
        Path dir = output != null ? output : SensitivityRunner.defaultDirectory(s);
        if (Files.exists(dir.resolve("sensitivity.nc")) && !overwrite) {
            throw new BadInputException(dir + " already holds sensitivity results; choose another directory (-o) or use --overwrite");
        }
        System.err.printf(Locale.ROOT, "ferrel sensitivity: %s (%s), model %s, into %s%n", s.name(), s.origin(),
                s.scenario().model().family(), dir);
        SensitivityRunner.Result r = SensitivityRunner.run(s, dir, line -> System.err.println("ferrel sensitivity: " + line));
        for (Map.Entry<String, double[]> e : r.parameterGradients().entrySet()) {
            if (e.getValue().length == 1) {
                System.err.printf(Locale.ROOT, "ferrel sensitivity:   dJ/d %-40s %14.6g%n", e.getKey(), e.getValue()[0]);
            }
        }
        System.out.println(dir.resolve("sensitivity.nc"));
        return 0;
    }
}
