package org.ferrel.calibration.optim;

/**
 * A calibration that cannot go on: the start point's run fails, an ensemble loses too many members,
 * the posterior is undefined. The message names the cause (iteration, parameter, run).
 */
public class CalibrationFailure extends RuntimeException {
    public CalibrationFailure(String message) {
        super(message);
    }

    public CalibrationFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
