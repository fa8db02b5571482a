package org.ferrel.io.scenario;

/** Follows a run's progress (the CLI draws a progress bar with it). */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
    };

    /** Called once before the first step; {@code firstStep} is non-zero when resuming. */
    default void started(long firstStep, long totalSteps, double timeStep) {
    }

    /** Called after each step. */
    default void advanced(long step) {
    }

    /** Called when the run ends, normally or not. */
    default void stopped() {
    }
}
