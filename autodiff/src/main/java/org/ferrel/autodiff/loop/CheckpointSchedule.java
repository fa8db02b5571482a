package org.ferrel.autodiff.loop;

import java.nio.file.Path;

/**
 * How a time loop is reversed: which states are kept, where, and which steps are run again.
 * <ul>
 *   <li>{@link #storeAll()}: every step is recorded once and its tape kept (no recomputation,
 *       memory grows with n);</li>
 *   <li>{@link #binomial(int)}: Revolve with s snapshots in memory, the proven minimum of forward
 *       re-computations;</li>
 *   <li>{@link #twoLevel(int, int, Path)}: a snapshot on disk every {@code interval} steps, and each
 *       interval reversed binomially with s snapshots in memory.</li>
 * </ul>
 * All schedules give bitwise the same gradients: every step is recorded from bitwise the same state,
 * and adjoints are accumulated in the same order.
 */
public sealed interface CheckpointSchedule permits StoreAll, Binomial, TwoLevel {

    /** Emits the actions that reverse a loop of {@code steps} steps. */
    void plan(int steps, ScheduleVisitor visitor);

    static CheckpointSchedule storeAll() {
        return new StoreAll();
    }

    static CheckpointSchedule binomial(int snapshots) {
        return new Binomial(snapshots);
    }

    static CheckpointSchedule twoLevel(int interval, int memorySnapshots, Path directory) {
        return new TwoLevel(interval, memorySnapshots, directory);
    }

    /** Counts the actions of this schedule without running any step, checking that they are consistent. */
    default ScheduleStats dryRun(int steps) {
        DryRun run = new DryRun(steps);
        plan(steps, run);
        return run.finish();
    }
}
