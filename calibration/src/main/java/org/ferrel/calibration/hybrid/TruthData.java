package org.ferrel.calibration.hybrid;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.State;
import org.ferrel.hybrid.online.Trajectories;

/**
 * Coarse-grained truth: for each initial condition, the coarse-grained fine state every
 * {@code stepsPerSnapshot} coarse steps and the subgrid tendency there (the coarse-grained fine
 * tendency minus the coarse model's tendency on the coarse-grained state), each field at its own
 * C-grid location on the coarse grid. As {@link Trajectories}, its states are what online training
 * rolls out from and compares with.
 *
 * @param grid             the coarse grid
 * @param timeStep         the coarse time step [s]
 * @param stepsPerSnapshot coarse steps between snapshots
 * @param trajectories     one per initial condition
 */
public record TruthData(LatLonGrid grid, double timeStep, int stepsPerSnapshot, List<Trajectory> trajectories)
        implements Trajectories {
    public TruthData {
        trajectories = List.copyOf(trajectories);
    }

    /**
     * One initial condition's coarse-grained run.
     *
     * @param seed    the seed of its initial condition
     * @param states  {@code [snapshot][field h,u,v][ny nx]}
     * @param targets {@code [snapshot][field dh/dt,du/dt,dv/dt][ny nx]}
     */
    public record Trajectory(long seed, double[][][] states, double[][][] targets) {
        public int snapshots() {
            return states.length;
        }

        public State state(Ops o, LatLonGrid grid, int snapshot) {
            double[][] s = states[snapshot];
            return new State(o.constant(grid.shape(), s[0]), o.constant(grid.shape(), s[1]), o.constant(grid.shape(), s[2]));
        }

        public State target(Ops o, LatLonGrid grid, int snapshot) {
            double[][] s = targets[snapshot];
            return new State(o.constant(grid.shape(), s[0]), o.constant(grid.shape(), s[1]), o.constant(grid.shape(), s[2]));
        }
    }

    /** Seconds between snapshots. */
    public double snapshotInterval() {
        return timeStep * stepsPerSnapshot;
    }

    @Override
    public int snapshots() {
        return trajectories.getFirst().snapshots();
    }

    @Override
    public int trajectoryCount() {
        return trajectories.size();
    }

    @Override
    public State state(Ops o, int trajectory, int snapshot) {
        return trajectories.get(trajectory).state(o, grid, snapshot);
    }
}
