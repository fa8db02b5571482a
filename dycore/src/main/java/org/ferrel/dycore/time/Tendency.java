package org.ferrel.dycore.time;

import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.model.State;

/**
 * The right-hand side {@code dx/dt = F(x)} an integrator advances. The state it returns belongs to
 * the integrator: it must consist of tensors created by this call (not the input's, not ones held
 * elsewhere), because integrators {@linkplain State#recycle recycle} them once a stage has used them.
 */
@FunctionalInterface
public interface Tendency {
    State apply(Ops o, State state);
}
