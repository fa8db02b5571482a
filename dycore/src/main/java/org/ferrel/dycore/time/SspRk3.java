package org.ferrel.dycore.time;

import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.model.StateVector;

/**
 * The three-stage, third-order strong-stability-preserving Runge-Kutta scheme of Shu and Osher
 * (1988):
 * <pre>
 *   x1 = x + dt F(x)
 *   x2 = 3/4 x + 1/4 (x1 + dt F(x1))
 *   x(n+1) = 1/3 x + 2/3 (x2 + dt F(x2))
 * </pre>
 * Each stage update is one pass per field ({@link StateVector#combine}).
 * Stable for oscillatory modes with {@code |omega dt| <= sqrt(3)} and decaying ones with {@code lambda dt <= 2.51}.
 */
public record SspRk3() implements Integrator {
    @Override
    public String name() {
        return "ssprk3";
    }

    @Override
    public <S extends StateVector<S>> S step(Ops o, Tendency<S> f, S x, double dt) {
        S f0 = f.apply(o, x);
        S x1 = x.plusScaled(o, f0, dt);
        StateVector.recycle(o, f0);
        S f1 = f.apply(o, x1);
        S x2 = StateVector.combine(o, new double[] {0.75, 0.25, 0.25 * dt}, x, x1, f1);
        StateVector.recycle(o, x1, f1);
        S f2 = f.apply(o, x2);
        S next = StateVector.combine(o, new double[] {1.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0 * dt}, x, x2, f2);
        StateVector.recycle(o, x2, f2);
        return next;
    }

    @Override
    public double imaginaryAxisLimit() {
        return Math.sqrt(3.0);
    }

    /** 1 - z + z^2/2 - z^3/6 reaches modulus 1 at z = 2.5127. */
    @Override
    public double realAxisLimit() {
        return 2.5127;
    }
}
