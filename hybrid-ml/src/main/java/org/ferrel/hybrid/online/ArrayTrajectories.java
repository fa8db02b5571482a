package org.ferrel.hybrid.online;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.dycore.model.State;

/**
 * Trajectories held as arrays: {@code states[trajectory][snapshot][field h, u, v]}, each field's
 * values flat on a grid of {@code shape} (each at its own C-grid location, as {@link State} holds
 * them). The arrays are not copied; do not change them while training.
 *
 * @param shape            the shape of every field
 * @param stepsPerSnapshot model steps between consecutive snapshots
 * @param states           {@code [trajectory][snapshot][field][cell]}, the same number of snapshots in every trajectory
 */
public record ArrayTrajectories(Shape shape, int stepsPerSnapshot, double[][][][] states) implements Trajectories {
    public ArrayTrajectories {
        if (stepsPerSnapshot < 1) {
            throw new IllegalArgumentException("trajectories: need at least one step between snapshots, got " + stepsPerSnapshot);
        }
        if (states.length == 0) {
            throw new IllegalArgumentException("trajectories: none given");
        }
        for (int t = 0; t < states.length; t++) {
            if (states[t].length != states[0].length) {
                throw new IllegalArgumentException("trajectories: trajectory " + t + " has " + states[t].length
                        + " snapshots, trajectory 0 has " + states[0].length);
            }
            for (double[][] s : states[t]) {
                if (s.length != 3) {
                    throw new IllegalArgumentException("trajectories: a snapshot holds 3 fields (h, u, v), trajectory " + t
                            + " has one with " + s.length);
                }
            }
        }
    }

    @Override
    public int trajectoryCount() {
        return states.length;
    }

    @Override
    public int snapshots() {
        return states[0].length;
    }

    @Override
    public State state(Ops o, int trajectory, int snapshot) {
        double[][] s = states[trajectory][snapshot];
        return new State(o.constant(shape, s[0]), o.constant(shape, s[1]), o.constant(shape, s[2]));
    }
}
