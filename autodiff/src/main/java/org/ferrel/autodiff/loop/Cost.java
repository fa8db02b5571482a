package org.ferrel.autodiff.loop;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;

/**
 * A scalar cost accumulated over a time loop: {@code J = sum over levels k = 1..n of J_k(x(k), p)}.
 * Return {@code null} at levels that contribute nothing (a final-state loss returns null for every
 * level but n; observations at a few times contribute only there).
 */
@FunctionalInterface
public interface Cost {
    Tensor evaluate(Ops ops, int level, Tensor[] state, Tensor[] parameters);

    /** A cost of the final state only. */
    static Cost atFinalLevel(int steps, FinalCost finalCost) {
        return (ops, level, state, parameters) -> level == steps ? finalCost.evaluate(ops, state, parameters) : null;
    }

    /** The loss of the final state. */
    @FunctionalInterface
    interface FinalCost {
        Tensor evaluate(Ops ops, Tensor[] state, Tensor[] parameters);
    }
}
