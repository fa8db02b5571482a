package org.ferrel.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ferrel.io.scenario.RunReport;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioFile;
import org.ferrel.io.scenario.ScenarioOverrides;
import org.ferrel.io.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferrel run [scenario.yaml]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a scenario and writes CF-1.8 NetCDF output, restart files and the scenario into an output directory.",
            "With no scenario file, runs the built-in default: Williamson et al. (1992) case 5 at 2.8 degrees for 15 days.",
            "The output is DIR/NAME.nc (it appears under that name only when complete); restarts go to DIR/restart/."},
        footer = {"", "Examples:", "  ferrel run                                  # the default scenario into ./ferrel-out/williamson5",
            "  ferrel run jet.yaml -o /scratch/jet           # a scenario of yours",
            "  ferrel run jet.yaml -o /scratch/jet --resume  # continue after an interruption, from the latest restart",
            "  ferrel run --print-default > my.yaml          # start a scenario from the default",
            "  ferrel run --set run.length='2 days' --set output.format=netcdf4 -q   # the default, shorter, compressed, quietly"})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "scenario file (YAML); default: the built-in case 5")
    Path scenarioFile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "output directory (default: ./ferrel-out/NAME)")
    Path output;

    @Option(names = "--resume", description = "continue the run in the output directory from its latest restart"
            + " (without SCENARIO: the directory's scenario.yaml)")
    boolean resume;

    @Option(names = "--overwrite", description = "replace a complete or interrupted run in the output directory")
    boolean overwrite;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "threads of the array backend (results are bitwise identical for any N; default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "bar, log (a line every 10%%), none, or auto (bar on a terminal, else log; default)")
    String progress;

    @Option(names = "--keep-restarts", paramLabel = "N",
            description = "keep only the latest N restart files (older ones are removed as newer ones are written; default: all)")
    Integer keepRestarts;

    @Option(names = "--print-default", description = "print the built-in default scenario and exit")
    boolean printDefault;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "set a dotted scenario key, e.g. --set run.length='2 days' --set output.format=netcdf4 (checked like the"
                    + " file's keys; recorded in DIR/scenario.yaml); repeatable")
    java.util.List<String> sets = new java.util.ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "quiet: no progress and no start or done line on stderr (messages about the run, warnings and errors still)")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        if (printDefault) {
            System.out.print(ScenarioFile.builtInDefaultText());
            return 0;
        }
        if (resume && overwrite) {
            throw new BadInputException("--resume and --overwrite exclude each other");
        }
        if (threads < 1 || threads > 256) {
            throw new BadInputException("--threads: expected 1 to 256, got " + threads);
        }
        if (keepRestarts != null && keepRestarts < 1) {
            throw new BadInputException("--keep-restarts: expected 1 or more (leave it out to keep all), got " + keepRestarts);
        }
        if (scenarioFile == null && resume && output != null && java.nio.file.Files.exists(output.resolve("scenario.yaml"))) {
            // resuming a directory: its scenario copy is the scenario that wrote it
            scenarioFile = output.resolve("scenario.yaml");
        }
        java.util.List<ScenarioOverrides.Setting> overrides = new java.util.ArrayList<>();
        for (String set : sets) {
            try {
                overrides.add(ScenarioOverrides.Setting.parse(set));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--set " + e.getMessage());
            }
        }
        Scenario s = scenarioFile == null ? ScenarioFile.builtInDefault() : ScenarioFile.read(scenarioFile);
        if (!overrides.isEmpty()) {
            // the file's own errors are reported above, with their lines; now the file with the values set
            s = ScenarioOverrides.apply(s.text(), s.origin(), overrides);
        }
        Path dir = output != null ? output : ScenarioRunner.defaultDirectory(s);
        ProgressReporter reporter = ProgressReporter.of(quiet ? "none" : progress, s.name());
        java.io.PrintStream info = quiet ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : System.err;
        info.printf(Locale.ROOT, "ferrel run: %s (%s): %s into %s%n", s.name(), s.origin(), s.family().describeRun(s), dir);
        RunReport r = s.family().run(s, new ScenarioRunner.Options(dir, resume, overwrite, threads, reporter,
                line -> System.err.println("ferrel run: " + line)).keepingRestarts(keepRestarts == null ? 0 : keepRestarts));
        if (!r.summary().isEmpty()) {
            info.println("ferrel run: done: " + r.summary());
        }
        System.out.println(r.output());
        return 0;
    }
}
