package org.ferrel.dycore.time;

import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.model.StateVector;

/**
 * A one-step time integration scheme: state in, state out, for the state of any core (shallow
 * water, primitive equations). Implementations recycle the tendencies and stage states they create
 * once used ({@link StateVector#recycle}); the input state is the caller's.
 */
public interface Integrator {
    String name();

    <S extends StateVector<S>> S step(Ops o, Tendency<S> f, S x, double dt);

    /**
     * The largest {@code |omega dt|} for which the scheme is stable on oscillatory modes
     * {@code dx/dt = i omega x} (the extent of its stability region along the imaginary axis).
     */
    double imaginaryAxisLimit();

    /** The largest {@code lambda dt} for which decaying modes {@code dx/dt = -lambda x} are stable. */
    double realAxisLimit();
}
