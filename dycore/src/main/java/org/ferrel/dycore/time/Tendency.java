package org.ferrel.dycore.time;

import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.model.StateVector;

/**
 * The right-hand side {@code dx/dt = F(x)} an integrator advances, for any core's state. The state
 * it returns belongs to the integrator: it must consist of tensors created by this call (not the
 * input's, not ones held elsewhere), because integrators {@linkplain StateVector#recycle recycle}
 * them once a stage has used them.
 *
 * @param <S> the core's state type
 */
@FunctionalInterface
public interface Tendency<S extends StateVector<S>> {
    S apply(Ops o, S state);
}
