package org.ferrel.dycore.time;

import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.model.State;

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
    public State step(Ops o, Tendency f, State x, double dt) {
        State k1 = f.apply(o, x);
        State x1 = x.plusScaled(o, k1, dt / 2);
        State k2 = f.apply(o, x1);
        State.recycle(o, x1);
        State x2 = x.plusScaled(o, k2, dt / 2);
        State k3 = f.apply(o, x2);
        State.recycle(o, x2);
        State x3 = x.plusScaled(o, k3, dt);
        State k4 = f.apply(o, x3);
        State.recycle(o, x3);
        State increment = State.combine(o, new double[] {dt / 6, dt / 3, dt / 3, dt / 6}, k1, k2, k3, k4);
        State.recycle(o, k1, k2, k3, k4);
        State next = x.plus(o, increment);
        State.recycle(o, increment);
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
