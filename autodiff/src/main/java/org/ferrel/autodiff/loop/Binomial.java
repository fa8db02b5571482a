package org.ferrel.autodiff.loop;

import java.util.ArrayDeque;

/**
 * Binomial checkpointing (Revolve) with {@code snapshots} states in memory, the initial one
 * included. Plain forward steps total exactly {@link BinomialCost#optimalForwardSteps}.
 */
public record Binomial(int snapshots) implements CheckpointSchedule {
    public Binomial {
        BinomialCost.requireSnapshots(snapshots);
    }

    @Override
    public void plan(int steps, ScheduleVisitor visitor) {
        if (steps == 0) {
            return;
        }
        visitor.store(0, Tier.MEMORY);
        reverseSegment(visitor, 0, steps, snapshots, Tier.MEMORY);
        visitor.discard(0, Tier.MEMORY);
    }

    /**
     * Reverses steps [from, to) with the current state at level {@code from}, a snapshot of it held,
     * and {@code snapshots - 1} more snapshots free. Leaves the snapshot at {@code from} in place.
     * The recursion of Revolve (reverse the right part with one snapshot fewer, then the left part)
     * runs on an explicit stack, as deep as the number of snapshots.
     */
    static void reverseSegment(ScheduleVisitor v, int from, int to, int snapshots, Tier tier) {
        ArrayDeque<Segment> stack = new ArrayDeque<>();
        stack.push(new Segment(from, to, snapshots));
        while (!stack.isEmpty()) {
            Segment f = stack.peek();
            if (f.split >= 0) {
                // the right part [split, end) is reversed: drop its snapshot, go on with [from, split)
                v.discard(f.split, tier);
                v.restore(f.from, tier);
                f.end = f.split;
                f.split = -1;
            }
            int length = f.end - f.from;
            if (length == 1) {
                v.reverse(f.from);
                stack.pop();
            } else if (f.snapshots == 1) {
                for (int k = f.end - 1; k >= f.from; k--) {
                    if (k > f.from) {
                        v.advance(k);
                    }
                    v.reverse(k);
                    if (k > f.from) {
                        v.restore(f.from, tier);
                    }
                }
                stack.pop();
            } else {
                int m = BinomialCost.optimalAdvance(length, f.snapshots);
                f.split = f.from + m;
                v.advance(f.split);
                v.store(f.split, tier);
                stack.push(new Segment(f.split, f.end, f.snapshots - 1));
            }
        }
    }

    /** A pending part of the reversal: steps [from, end) with {@code snapshots} snapshots, its first one held. */
    private static final class Segment {
        final int from;
        final int snapshots;
        int end;
        int split = -1;

        Segment(int from, int end, int snapshots) {
            this.from = from;
            this.end = end;
            this.snapshots = snapshots;
        }
    }
}
