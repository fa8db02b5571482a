package org.ferrel.autodiff.loop;

import org.ferrel.autodiff.Tensor;

/**
 * The result of a forward run.
 *
 * @param finalState the state at level n
 * @param cost       the accumulated cost (zero when no level contributed)
 */
public record LoopRun(Tensor[] finalState, Tensor cost) {
}
