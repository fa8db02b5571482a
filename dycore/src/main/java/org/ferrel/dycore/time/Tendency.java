package org.ferrel.dycore.time;

import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.model.State;

/** The right-hand side {@code dx/dt = F(x)} an integrator advances. */
@FunctionalInterface
public interface Tendency {
    State apply(Ops o, State state);
}
