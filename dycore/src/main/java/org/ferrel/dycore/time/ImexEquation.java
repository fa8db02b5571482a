package org.ferrel.dycore.time;

import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.model.StateVector;

/**
 * An equation {@code dx/dt = F(x) + G(x)} as an implicit-explicit integrator needs it (the
 * {@code ImplicitExplicitODE} of dinosaur's {@code time_integration.py}): F is stepped explicitly,
 * G is linear and stepped implicitly, and the equation solves {@code (I - eta G) y = b} for any
 * {@code eta > 0} itself, so that any {@link ImexIntegrator} composes with any core. Every method
 * returns states made of tensors created by the call (never the input's), like a {@link Tendency},
 * because integrators {@linkplain StateVector#recycle recycle} them; all are written with
 * {@link Ops}, so a step is differentiable (the adjoint of the inverse is the transposed solve).
 *
 * @param <S> the core's state type
 */
public interface ImexEquation<S extends StateVector<S>> {
    /** F(x): the terms stepped explicitly (advection, Coriolis, forcing: the slow part). */
    S explicitTerms(Ops o, S x);

    /** G(x): the linear terms stepped implicitly (the fast gravity waves). */
    S implicitTerms(Ops o, S x);

    /** The y that solves {@code y - eta G(y) = b}, for a step size {@code eta > 0} [s]. */
    S implicitInverse(Ops o, S b, double eta);
}
