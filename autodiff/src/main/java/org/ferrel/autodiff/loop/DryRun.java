package org.ferrel.autodiff.loop;

import java.util.HashSet;
import java.util.Set;

/** Follows a schedule's actions without running steps: checks their consistency and counts them. */
final class DryRun implements ScheduleVisitor {
    private final int steps;
    private final Set<Integer> memory = new HashSet<>();
    private final Set<Integer> disk = new HashSet<>();
    private int level;
    private int nextReverse;
    private int keptUpTo;
    private long forward;
    private long recorded;
    private int peakMemory;
    private int peakDisk;

    DryRun(int steps) {
        this.steps = steps;
        this.nextReverse = steps - 1;
    }

    @Override
    public void store(int at, Tier tier) {
        require(level == at, "store at level " + at + " while the state is at level " + level);
        Set<Integer> set = tier == Tier.MEMORY ? memory : disk;
        require(set.add(at), "snapshot at level " + at + " stored twice");
        peakMemory = Math.max(peakMemory, memory.size());
        peakDisk = Math.max(peakDisk, disk.size());
    }

    @Override
    public void restore(int at, Tier tier) {
        require((tier == Tier.MEMORY ? memory : disk).contains(at), "restore of missing snapshot " + at);
        level = at;
    }

    @Override
    public void discard(int at, Tier tier) {
        require((tier == Tier.MEMORY ? memory : disk).remove(at), "discard of missing snapshot " + at);
    }

    @Override
    public void advance(int to) {
        require(to > level && to <= steps, "advance from " + level + " to " + to);
        forward += to - level;
        level = to;
    }

    @Override
    public void recordAndKeep() {
        require(level == keptUpTo && level < steps, "recordAndKeep at level " + level);
        recorded++;
        level++;
        keptUpTo = level;
    }

    @Override
    public void reverse(int step) {
        require(step == nextReverse, "reverse of step " + step + " when step " + nextReverse + " is due");
        if (step >= keptUpTo) {
            require(level == step, "reverse of step " + step + " while the state is at level " + level);
            recorded++;
        }
        nextReverse--;
        level = -1;
    }

    ScheduleStats finish() {
        require(nextReverse == -1, "schedule ended with step " + nextReverse + " not reversed");
        require(memory.isEmpty() && disk.isEmpty(), "schedule ended with snapshots left: " + memory + " " + disk);
        return new ScheduleStats(forward, recorded, peakMemory, peakDisk, 0, 0);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("inconsistent checkpoint schedule: " + message);
        }
    }
}
