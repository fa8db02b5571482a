package org.ferrel.hybrid.online;

import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.model.State;

/**
 * The truth that online training rolls out from and compares with: trajectories of model states,
 * each sampled every {@link #stepsPerSnapshot} model steps, all with the same number of snapshots.
 * A rollout of n steps from snapshot s is compared with snapshots s + 1, .., s + n / K (K steps
 * between snapshots). Where the states come from (a coarse-grained high-resolution run read from a
 * file, a run of another model, observations) is the implementation's business.
 */
public interface Trajectories {
    /** The number of trajectories. */
    int trajectoryCount();

    /** Snapshots per trajectory, the initial one included. */
    int snapshots();

    /** K: model steps between consecutive snapshots. */
    int stepsPerSnapshot();

    /** The state of {@code trajectory} at {@code snapshot}, as constants of {@code o}. */
    State state(Ops o, int trajectory, int snapshot);
}
