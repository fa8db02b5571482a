package org.ferrel.autodiff.loop;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tape;
import org.ferrel.autodiff.Tensor;

/** Carries out a schedule's actions on real states: the engine of {@link TimeLoop#gradient}. */
final class Reverser implements ScheduleVisitor {
    /** A step recorded during the forward sweep and kept for its reversal (store-all). */
    private record KeptStep(Tape tape, Tensor[] inputs, Tensor[] outputs) {
    }

    private final Ops base;
    private final Step step;
    private final Cost cost;
    private final int steps;
    private final Tensor[] parameters;
    private final Path directory;
    private final Tensor[] initialState;
    private final Map<Integer, Tensor[]> memory = new HashMap<>();
    private final Map<Integer, KeptStep> kept = new HashMap<>();
    private int diskCount;

    private Tensor[] current;
    private int level;
    private int nextReverse;
    private Tensor[] stateAdjoint;
    private Tensor[] parameterAdjoint;
    /** Whether parameterAdjoint[i] is a sum this class made (so it may recycle it). */
    private boolean[] parameterSumOwned;
    private Tensor totalCost;

    private long forwardSteps;
    private long recordedSteps;
    private int peakMemory;
    private int peakDisk;
    private long diskBytes;
    private long keptNodes;
    private long peakNodes;

    Reverser(Ops base, Step step, Cost cost, int steps, Tensor[] initialState, Tensor[] parameters, Path directory) {
        this.base = base;
        this.step = step;
        this.cost = cost;
        this.steps = steps;
        this.parameters = parameters;
        this.directory = directory;
        this.current = initialState;
        this.initialState = initialState;
        this.level = 0;
        this.nextReverse = steps - 1;
        this.stateAdjoint = new Tensor[initialState.length];
        this.parameterAdjoint = new Tensor[parameters.length];
        this.parameterSumOwned = new boolean[parameters.length];
    }

    @Override
    public void store(int at, Tier tier) {
        requireLevel(at, "store");
        if (tier == Tier.MEMORY) {
            memory.put(at, current);
            peakMemory = Math.max(peakMemory, memory.size());
        } else {
            if (directory == null) {
                throw new IllegalStateException("this schedule has no folder for disk snapshots");
            }
            diskBytes += DiskSnapshots.write(directory, at, base, current);
            diskCount++;
            peakDisk = Math.max(peakDisk, diskCount);
        }
    }

    @Override
    public void restore(int at, Tier tier) {
        if (tier == Tier.MEMORY) {
            Tensor[] s = memory.get(at);
            if (s == null) {
                throw new IllegalStateException("no snapshot in memory at level " + at);
            }
            current = s;
        } else {
            current = DiskSnapshots.read(directory, at, base);
        }
        level = at;
    }

    @Override
    public void discard(int at, Tier tier) {
        if (tier == Tier.MEMORY) {
            memory.remove(at);
        } else {
            DiskSnapshots.delete(directory, at);
            diskCount--;
        }
    }

    @Override
    public void advance(int to) {
        if (current == null || to <= level || to > steps) {
            throw new IllegalStateException("cannot advance from level " + level + " to " + to);
        }
        for (int k = level; k < to; k++) {
            current = TimeLoop.checked(k, current, step.apply(base, k, current, parameters));
            forwardSteps++;
        }
        level = to;
    }

    @Override
    public void recordAndKeep() {
        requireLevel(level, "recordAndKeep");
        KeptStep s = record(level);
        kept.put(level, s);
        keptNodes += s.tape.nodeCount();
        peakNodes = Math.max(peakNodes, keptNodes);
        current = valuesOf(s.tape, s.outputs, current.length);
        level++;
    }

    @Override
    public void reverse(int k) {
        if (k != nextReverse) {
            throw new IllegalStateException("step " + k + " reversed when step " + nextReverse + " was due");
        }
        KeptStep s = kept.remove(k);
        if (s != null) {
            keptNodes -= s.tape.nodeCount();
        } else {
            requireLevel(k, "reverse");
            s = record(k);
            peakNodes = Math.max(peakNodes, keptNodes + s.tape.nodeCount());
        }
        int n = stateAdjoint.length;
        Tensor[] cotangents = new Tensor[s.outputs.length];
        System.arraycopy(stateAdjoint, 0, cotangents, 0, n);
        if (s.outputs.length > n) {
            Tensor c = s.outputs[n];
            cotangents[n] = base.full(c.shape(), 1.0);
            Tensor value = s.tape.value(c);
            totalCost = totalCost == null ? value : base.add(totalCost, value);
        }
        Tensor[] grads = s.tape.vjp(s.outputs, cotangents, s.inputs);
        System.arraycopy(grads, 0, stateAdjoint, 0, stateAdjoint.length);
        for (int i = 0; i < parameterAdjoint.length; i++) {
            Tensor g = grads[stateAdjoint.length + i];
            if (parameterAdjoint[i] == null) {
                parameterAdjoint[i] = g;
            } else {
                Tensor sum = base.add(parameterAdjoint[i], g);
                if (parameterSumOwned[i]) {
                    base.recycle(parameterAdjoint[i]);
                }
                parameterAdjoint[i] = sum;
                parameterSumOwned[i] = true;
            }
        }
        // this step's state cotangents came from the previous reversal and are dead now, unless one
        // of the gradients just returned (of a state or a parameter) is the same array
        if (base instanceof Eager eager) {
            for (int i = 0; i < n; i++) {
                if (cotangents[i] != null && !heldBy(eager, cotangents[i], grads)) {
                    eager.recycle(cotangents[i]);
                }
            }
        }
        nextReverse--;
        current = null;
        level = -1;
    }

    /** Whether one of {@code holders} is {@code t}'s array. */
    private static boolean heldBy(Eager eager, Tensor t, Tensor[] holders) {
        double[] array = eager.export(t)[0];
        for (Tensor h : holders) {
            if (h != null && eager.export(h)[0] == array) {
                return true;
            }
        }
        return false;
    }

    /** Records step k from the current state: inputs are state then parameters; outputs state then cost. */
    private KeptStep record(int k) {
        // this class reads only a step's outputs after reversing it: the other values can be recycled
        Tape tape = new Tape(base, true);
        Tensor[] x = tape.variables(current);
        Tensor[] p = tape.variables(parameters);
        Tensor[] y = TimeLoop.checked(k, x, step.apply(tape, k, x, p));
        Tensor c = cost.evaluate(tape, k + 1, y, p);
        Tensor[] inputs = new Tensor[x.length + p.length];
        System.arraycopy(x, 0, inputs, 0, x.length);
        System.arraycopy(p, 0, inputs, x.length, p.length);
        Tensor[] outputs = new Tensor[y.length + (c == null ? 0 : 1)];
        for (int i = 0; i < y.length; i++) {
            outputs[i] = tape.lift(y[i]);
        }
        if (c != null) {
            if (c.size() != 1) {
                throw new IllegalStateException("cost at level " + (k + 1) + " has shape " + c.shape() + ", not a scalar");
            }
            outputs[y.length] = tape.lift(c);
        }
        recordedSteps++;
        return new KeptStep(tape, inputs, outputs);
    }

    private static Tensor[] valuesOf(Tape tape, Tensor[] outputs, int n) {
        Tensor[] v = new Tensor[n];
        for (int i = 0; i < n; i++) {
            v[i] = tape.value(outputs[i]);
        }
        return v;
    }

    private void requireLevel(int at, String action) {
        if (current == null || level != at) {
            throw new IllegalStateException(action + " at level " + at + " while the state is at level " + level);
        }
    }

    LoopGradient finish() {
        if (nextReverse != -1) {
            throw new IllegalStateException("the schedule left step " + nextReverse + " unreversed");
        }
        Tensor[] x = new Tensor[stateAdjoint.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = stateAdjoint[i] != null ? stateAdjoint[i] : base.zeros(initialState[i].shape());
        }
        Tensor[] p = new Tensor[parameterAdjoint.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = parameterAdjoint[i] != null ? parameterAdjoint[i] : base.zeros(parameters[i].shape());
        }
        ScheduleStats stats = new ScheduleStats(forwardSteps, recordedSteps, peakMemory, peakDisk, diskBytes, peakNodes);
        return new LoopGradient(totalCost == null ? base.scalar(0.0) : totalCost, x, p, stats);
    }
}
