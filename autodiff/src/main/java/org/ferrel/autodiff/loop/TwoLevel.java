package org.ferrel.autodiff.loop;

import java.nio.file.Path;

/**
 * Two-level checkpointing for runs whose snapshots do not fit in memory: the forward sweep writes
 * a snapshot to disk every {@code interval} steps; the reverse sweep reads them back one interval
 * at a time, last first, and reverses each interval binomially with {@code memorySnapshots}
 * snapshots in memory. Plain forward steps: the start of the last interval plus
 * {@code t(interval length, memorySnapshots)} for every interval.
 *
 * @param directory where the snapshot files go (a private temporary folder is made inside it and
 *                  removed when the reversal ends)
 */
public record TwoLevel(int interval, int memorySnapshots, Path directory) implements CheckpointSchedule {
    public TwoLevel {
        if (interval < 1) {
            throw new IllegalArgumentException("two-level schedule: interval must be at least 1, got " + interval);
        }
        BinomialCost.requireSnapshots(memorySnapshots);
    }

    @Override
    public void plan(int steps, ScheduleVisitor visitor) {
        if (steps == 0) {
            return;
        }
        int last = (steps - 1) / interval * interval;
        for (int start = 0; start <= last; start += interval) {
            if (start > 0) {
                visitor.advance(start);
            }
            visitor.store(start, Tier.DISK);
        }
        for (int start = last; start >= 0; start -= interval) {
            if (start != last) {
                visitor.restore(start, Tier.DISK);
            }
            visitor.store(start, Tier.MEMORY);
            Binomial.reverseSegment(visitor, start, Math.min(steps, start + interval), memorySnapshots, Tier.MEMORY);
            visitor.discard(start, Tier.MEMORY);
            visitor.discard(start, Tier.DISK);
        }
    }

    /** The plain forward steps this schedule takes for {@code steps} steps. */
    public long forwardSteps(int steps) {
        if (steps == 0) {
            return 0;
        }
        int last = (steps - 1) / interval * interval;
        long total = last;
        for (int start = 0; start < steps; start += interval) {
            total += BinomialCost.optimalForwardSteps(Math.min(steps, start + interval) - start, memorySnapshots);
        }
        return total;
    }
}
