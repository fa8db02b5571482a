package org.ferrel.dycore.time;

import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.model.StateVector;

/**
 * The classical fourth-order Runge-Kutta scheme:
 * {@code x(n+1) = x + dt/6 (k1 + 2 k2 + 2 k3 + k4)} with {@code k1 = F(x)},
 * {@code k2 = F(x + dt/2 k1)}, {@code k3 = F(x + dt/2 k2)}, {@code k4 = F(x + dt k3)}.
 * Stable for oscillatory modes with {@code |omega dt| <= 2 sqrt(2)}.
 */
public record Rk4() implements Integrator {
    @Override
    public String name() {
        return "rk4";
    }

    @Override
    public <S extends StateVector<S>> S step(Ops o, Tendency<S> f, S x, double dt) {
        S k1 = f.apply(o, x);
        S x1 = x.plusScaled(o, k1, dt / 2);
        S k2 = f.apply(o, x1);
        StateVector.recycle(o, x1);
        S x2 = x.plusScaled(o, k2, dt / 2);
        S k3 = f.apply(o, x2);
        StateVector.recycle(o, x2);
        S x3 = x.plusScaled(o, k3, dt);
        S k4 = f.apply(o, x3);
        StateVector.recycle(o, x3);
        S increment = StateVector.combine(o, new double[] {dt / 6, dt / 3, dt / 3, dt / 6}, k1, k2, k3, k4);
        StateVector.recycle(o, k1, k2, k3, k4);
        S next = x.plus(o, increment);
        StateVector.recycle(o, increment);
        return next;
    }

    @Override
    public double imaginaryAxisLimit() {
        return 2 * Math.sqrt(2.0);
    }

    /** The RK4 stability polynomial reaches modulus 1 on the negative real axis at z = 2.7853. */
    @Override
    public double realAxisLimit() {
        return 2.7853;
    }
}
