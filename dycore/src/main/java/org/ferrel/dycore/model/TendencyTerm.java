package org.ferrel.dycore.model;

import org.ferrel.dycore.operators.CGridOperators;

/**
 * A {@link Term} of the shallow-water core: it reads the state (h, u, v) and the C-grid operators,
 * and returns (dh/dt, du/dt, dv/dt), entries {@code null} where it contributes nothing.
 */
public interface TendencyTerm extends Term<State, CGridOperators> {
}
