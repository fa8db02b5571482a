package org.ferrel.autodiff.loop;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;

/**
 * One step of a time loop, state in, state out: {@code x(k+1) = step(x(k), p)}. Written once
 * against {@link Ops}; the loop runs it plainly, on tapes, or on tangents. It must be a pure
 * function of its arguments (the same inputs give bitwise the same outputs), which is what lets
 * checkpointing re-run it.
 */
@FunctionalInterface
public interface Step {
    /**
     * @param step       index k of the step, from 0 to n-1 (for time-dependent forcing)
     * @param state      the state at time level k
     * @param parameters the loop's parameters (scalars, fields, weights)
     * @return the state at time level k+1, with the same number and shapes of tensors
     */
    Tensor[] apply(Ops ops, int step, Tensor[] state, Tensor[] parameters);
}
