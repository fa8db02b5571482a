package org.ferrel.autodiff.loop;

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
     */
    static void reverseSegment(ScheduleVisitor v, int from, int to, int snapshots, Tier tier) {
        int end = to;
        while (true) {
            int length = end - from;
            if (length == 1) {
                v.reverse(from);
                return;
            }
            if (snapshots == 1) {
                for (int k = end - 1; k >= from; k--) {
                    if (k > from) {
                        v.advance(k);
                    }
                    v.reverse(k);
                    if (k > from) {
                        v.restore(from, tier);
                    }
                }
                return;
            }
            int m = BinomialCost.optimalAdvance(length, snapshots);
            v.advance(from + m);
            v.store(from + m, tier);
            reverseSegment(v, from + m, end, snapshots - 1, tier);
            v.discard(from + m, tier);
            v.restore(from, tier);
            end = from + m;
        }
    }
}
