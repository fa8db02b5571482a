package org.ferrel.hybrid.train;

import org.ferrel.hybrid.nn.Network;

/**
 * A method of updating network weights from mini-batches (Adam, K-FAC, plain gradient descent).
 * {@link #start} begins one optimisation run and returns its {@link Updater}, which holds the
 * method's state (moments, curvature factors).
 */
public interface Optimizer {

    /** Begins a run for this network from these weights; gradients come from {@code gradient}. */
    Updater start(Network network, double[][] weights, BatchGradient gradient);

    /** One optimisation run. */
    interface Updater {
        /**
         * Updates {@code weights} in place from one batch and returns the batch loss at the weights
         * before the update. When that loss or the gradient is not finite the weights are left as
         * they were and the non-finite loss is returned.
         */
        double update(double[][] weights, Batch batch);
    }
}
