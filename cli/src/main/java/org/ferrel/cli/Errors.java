package org.ferrel.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.ferrel.dycore.model.BlowUpException;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.netcdf.NetcdfFileException;
import org.ferrel.io.observations.ObservationException;
import org.ferrel.io.scenario.ScenarioRunner;
import picocli.CommandLine;

/**
 * Turns failures into one clear line on stderr and an exit code (see {@link Ferrel}); a stack
 * trace only with {@code FERREL_DEBUG=1}.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        int code;
        String message;
        if (t instanceof ConfigException || t instanceof BadInputException || t instanceof IllegalArgumentException) {
            code = Ferrel.BAD_INPUT;
            message = t.getMessage();
        } else if (t instanceof ScenarioRunner.RunException) {
            code = Ferrel.BAD_INPUT;
            message = t.getMessage();
        } else if (t instanceof org.ferrel.calibration.optim.CalibrationFailure) {
            code = Ferrel.RUN_FAILED;
            message = "the calibration failed: " + t.getMessage();
        } else if (t instanceof BlowUpException) {
            code = Ferrel.RUN_FAILED;
            message = "the run blew up: " + t.getMessage();
        } else if (t instanceof NetcdfFileException || t instanceof ObservationException
                || t instanceof java.nio.file.NoSuchFileException) {
            code = Ferrel.BAD_INPUT;
            message = t instanceof java.nio.file.NoSuchFileException n ? n.getFile() + ": no such file" : t.getMessage();
        } else if (t instanceof java.nio.file.FileSystemException f) {
            code = Ferrel.IO_ERROR;
            message = f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": "
                    + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName().replace("Exception", "")
                    .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT));
        } else if (t instanceof IOException) {
            code = Ferrel.IO_ERROR;
            message = t.getMessage();
        } else {
            code = Ferrel.RUN_FAILED;
            message = "internal error: " + t;
        }
        System.err.println("ferrel " + cl.getCommandName() + ": error: " + message);
        if ("1".equals(System.getenv("FERREL_DEBUG"))) {
            t.printStackTrace(System.err);
        }
        return code;
    }
}
