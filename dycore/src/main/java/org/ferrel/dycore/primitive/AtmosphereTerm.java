package org.ferrel.dycore.primitive;

import org.ferrel.dycore.model.Term;

/**
 * A {@link Term} of the primitive-equation core (forcing, friction, diffusion): it reads the state
 * (u, v, T, ps) and the equations (levels, constants, operators) and returns (du/dt, dv/dt, dT/dt,
 * dps/dt), entries {@code null} where it contributes nothing.
 */
public interface AtmosphereTerm extends Term<AtmosphereState, PrimitiveEquations> {
}
