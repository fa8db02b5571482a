package org.ferrel.autodiff.loop;

/**
 * The actions a checkpoint schedule takes to reverse a time loop. The "current state" is at some
 * time level; steps are reversed strictly in the order n-1, ..., 0.
 */
public interface ScheduleVisitor {
    /** Keeps a snapshot of the current state, which must be at {@code level}. */
    void store(int level, Tier tier);

    /** Makes the snapshot at {@code level} in {@code tier} the current state. */
    void restore(int level, Tier tier);

    /** Drops the snapshot at {@code level} in {@code tier}. */
    void discard(int level, Tier tier);

    /** Runs plain steps from the current level up to level {@code to}. */
    void advance(int to);

    /** Records the step from the current level on a tape that is kept for its reversal (store-all). */
    void recordAndKeep();

    /**
     * Reverses step {@code step} (level step to step+1): with its kept tape if it has one, else by
     * recording it from the current state, which must then be at level {@code step}.
     */
    void reverse(int step);
}
