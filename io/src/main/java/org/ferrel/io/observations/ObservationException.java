package org.ferrel.io.observations;

import java.io.IOException;

/**
 * A file that cannot be read as the requested observation: missing, not NetCDF or truncated, or
 * lacking the variable or one of its axes. The message names the file, the variable and what was
 * expected.
 */
public class ObservationException extends IOException {
    private static final long serialVersionUID = 1L;

    public ObservationException(String message) {
        super(message);
    }

    public ObservationException(String message, Throwable cause) {
        super(message, cause);
    }
}
