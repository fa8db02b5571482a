package org.ferrel.autodiff.loop;

/** Records every step once on its own tape and keeps all tapes until the reverse sweep. */
public record StoreAll() implements CheckpointSchedule {
    @Override
    public void plan(int steps, ScheduleVisitor visitor) {
        for (int k = 0; k < steps; k++) {
            visitor.recordAndKeep();
        }
        for (int k = steps - 1; k >= 0; k--) {
            visitor.reverse(k);
        }
    }
}
