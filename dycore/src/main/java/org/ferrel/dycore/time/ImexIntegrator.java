package org.ferrel.dycore.time;

import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.model.StateVector;

/**
 * A one-step implicit-explicit scheme: it advances an {@link ImexEquation} of any core, stepping
 * its explicit terms explicitly and solving with its implicit inverse for the linear rest. As an
 * {@link Integrator} it steps a plain tendency with its explicit tableau alone, and its stability
 * limits are those of that explicit part (they bound the explicit terms' frequencies once the fast
 * linear ones are implicit).
 */
public interface ImexIntegrator extends Integrator {
    <S extends StateVector<S>> S step(Ops o, ImexEquation<S> equation, S x, double dt);
}
