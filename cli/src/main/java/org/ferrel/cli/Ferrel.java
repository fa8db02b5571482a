package org.ferrel.cli;

import org.ferrel.autodiff.exec.Simd;
import org.ferrel.io.FerrelVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ferrel} command. Exit codes: 0 success; 1 the run failed (blew up); 2 wrong usage
 * (unknown option, missing argument); 3 bad input (scenario, NetCDF file, variable, units);
 * 4 a file could not be written or read for another reason.
 */
@Command(name = "ferrel", mixinStandardHelpOptions = true, versionProvider = Ferrel.Version.class,
        description = "Differentiable Earth-system simulation: run scenarios, calibrate parameters, compute adjoint sensitivities, train hybrid models, run ensembles on Spark, plot and inspect NetCDF files.",
        subcommands = {RunCommand.class, CalibrateCommand.class, SensitivityCommand.class, TrainCommand.class, EnsembleCommand.class, PlotCommand.class, InspectCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the run failed (blew up: step, field and location are named)",
            "2:wrong usage (unknown option, missing argument)", "3:bad input (scenario, NetCDF file, variable, units)",
            "4:a file could not be read or written", "5:calibrate: the fit ended with a cost above its start's (the report is written)"})
public final class Ferrel implements java.util.concurrent.Callable<Integer> {
    public static final int RUN_FAILED = 1;
    public static final int USAGE = 2;
    public static final int BAD_INPUT = 3;
    public static final int IO_ERROR = 4;
    public static final int FIT_ENDED_WORSE = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code ferrel} without a command: the usage, and the exit code of wrong usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return USAGE;
    }

    /** Runs the command line and returns the exit code (for tests and embedding). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Ferrel());
        cl.setExecutionExceptionHandler(new Errors());
        return cl.execute(args);
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code;
        try {
            code = execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("ferrel: error: out of memory (" + e.getMessage() + "); give the JVM more, e.g."
                    + " FERREL_JAVA_OPTS=-Xmx8g, or write less output");
            code = IO_ERROR;
        }
        System.exit(code);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of("ferrel " + FerrelVersion.VERSION,
                    "Java " + Runtime.version(), "SIMD kernels: " + (Simd.enabled() ? "on" : "off (the JVM needs --add-modules="
                            + Simd.MODULE + "; bin/ferrel adds it unless FERREL_SIMD=false)")));
            org.ferrel.gpu.opencl.DeviceDiscovery.Result devices = org.ferrel.gpu.opencl.DeviceDiscovery.discover();
            if (devices.devices().isEmpty()) {
                lines.add("OpenCL devices: none (" + devices.listing() + ")");
            } else {
                lines.add("OpenCL devices:");
                for (String d : devices.listing().split("\n")) {
                    lines.add("  " + d);
                }
            }
            return lines.toArray(String[]::new);
        }
    }
}
