package org.ferrel.autodiff.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;

/**
 * A loop of n steps with a cost, run forward or reversed under a {@link CheckpointSchedule}.
 *
 * <p>The reverse sweep restores a snapshot, re-runs the steps the schedule asks for, records only
 * the step being reversed on a fresh tape, and accumulates the parameter adjoints across steps, so
 * memory is one step's tape plus the schedule's snapshots. The same loop reversed on a base
 * interpreter that is a {@link org.ferrel.autodiff.Dual} gives Hessian-vector products.
 *
 * <pre>{@code
 * TimeLoop loop = new TimeLoop(step, 1000, Cost.atFinalLevel(1000, loss));
 * LoopGradient g = loop.gradient(eager, x0, parameters, CheckpointSchedule.binomial(10));
 * }</pre>
 */
public final class TimeLoop {
    private final Step step;
    private final int steps;
    private final Cost cost;

    public TimeLoop(Step step, int steps, Cost cost) {
        if (steps < 0) {
            throw new IllegalArgumentException("a time loop needs a non-negative number of steps, got " + steps);
        }
        this.step = step;
        this.steps = steps;
        this.cost = cost;
    }

    public int steps() {
        return steps;
    }

    /** Runs the loop forward on {@code ops} (plain, or a Dual for the JVP of the whole run). */
    public LoopRun run(Ops ops, Tensor[] initialState, Tensor[] parameters) {
        Tensor[] state = lift(ops, initialState);
        Tensor[] p = lift(ops, parameters);
        Tensor total = null;
        for (int k = 0; k < steps; k++) {
            state = checked(k, state, step.apply(ops, k, state, p));
            Tensor c = cost.evaluate(ops, k + 1, state, p);
            if (c != null) {
                total = total == null ? c : ops.add(total, c);
            }
        }
        return new LoopRun(state, total == null ? ops.scalar(0.0) : total);
    }

    /** The cost and its gradient with respect to the initial state and the parameters. */
    public LoopGradient gradient(Ops base, Tensor[] initialState, Tensor[] parameters, CheckpointSchedule schedule) {
        Path scratch = null;
        try {
            if (schedule instanceof TwoLevel twoLevel) {
                scratch = DiskSnapshots.createDirectory(twoLevel.directory());
            }
            Reverser reverser = new Reverser(base, step, cost, steps, lift(base, initialState), lift(base, parameters), scratch);
            schedule.plan(steps, reverser);
            return reverser.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint snapshots: " + e.getMessage(), e);
        } finally {
            if (scratch != null) {
                DiskSnapshots.deleteDirectory(scratch);
            }
        }
    }

    private static Tensor[] lift(Ops ops, Tensor[] tensors) {
        Tensor[] out = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            out[i] = ops.lift(tensors[i]);
        }
        return out;
    }

    /** Checks that a step kept the number and shapes of the state tensors. */
    static Tensor[] checked(int k, Tensor[] before, Tensor[] after) {
        if (after.length != before.length) {
            throw new IllegalStateException("step " + k + " returned " + after.length + " state tensors, expected "
                    + before.length);
        }
        for (int i = 0; i < after.length; i++) {
            Shape a = after[i].shape();
            if (!a.equals(before[i].shape())) {
                throw new IllegalStateException("step " + k + " changed the shape of state tensor " + i + " from "
                        + before[i].shape() + " to " + a);
            }
        }
        return after;
    }
}
