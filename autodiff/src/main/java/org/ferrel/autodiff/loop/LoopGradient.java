package org.ferrel.autodiff.loop;

import org.ferrel.autodiff.Tensor;

/**
 * The result of reversing a time loop.
 *
 * @param cost                 the accumulated cost J
 * @param initialStateGradient dJ/dx(0), one tensor per state tensor
 * @param parameterGradient    dJ/dp, one tensor per parameter
 * @param stats                what the reversal cost
 */
public record LoopGradient(Tensor cost, Tensor[] initialStateGradient, Tensor[] parameterGradient,
                           ScheduleStats stats) {
}
