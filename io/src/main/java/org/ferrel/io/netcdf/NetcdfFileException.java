package org.ferrel.io.netcdf;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be read as NetCDF: not a NetCDF file, truncated, corrupt, or a format this
 * reader does not support. The message names the file and says what is wrong, for example
 * {@code "data/x.nc: truncated: the header says 408239 bytes, the file has 100000"}; the cause,
 * when there is one, is the reader's own exception (for logs, not for users).
 */
public class NetcdfFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public NetcdfFileException(Path file, String problem) {
        this(file, problem, null);
    }

    public NetcdfFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file as given. */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
