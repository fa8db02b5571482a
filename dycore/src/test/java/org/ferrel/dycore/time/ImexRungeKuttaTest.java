package org.ferrel.dycore.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.model.State;
import org.junit.jupiter.api.Test;

/**
 * The IMEX Runge-Kutta scheme on scalar problems with known solutions: the explicit tableau's
 * stability limits, second-order convergence of SIL3 on a stiff-plus-nonlinear problem, stability
 * for any implicit rate, and that with no implicit part it is the explicit tableau alone.
 */
class ImexRungeKuttaTest {
    private final Eager o = Eager.serial();

    /** {@code x' = -x^2 (explicit) + lambda x (implicit)} in each field of a 1 x 1 state. */
    private record Bernoulli(double lambda) implements ImexEquation<State> {
        @Override
        public State explicitTerms(Ops o, State x) {
            return new State(o.neg(o.square(x.h())), o.neg(o.square(x.u())), o.neg(o.square(x.v())));
        }

        @Override
        public State implicitTerms(Ops o, State x) {
            return x.times(o, lambda);
        }

        @Override
        public State implicitInverse(Ops o, State b, double eta) {
            return b.times(o, 1 / (1 - eta * lambda));
        }

        /** The exact solution {@code lambda x0 e^(lambda t) / (lambda + x0 (e^(lambda t) - 1))}. */
        double exact(double x0, double t) {
            double e = Math.exp(lambda * t);
            return lambda * x0 * e / (lambda + x0 * (e - 1));
        }
    }

    private State scalar(double x) {
        return new State(o.scalar(x), o.scalar(x), o.scalar(x));
    }

    private double run(ImexIntegrator scheme, ImexEquation<State> eq, double x0, double t, int steps) {
        State x = scalar(x0);
        for (int n = 0; n < steps; n++) {
            x = scheme.step(o, eq, x, t / steps);
        }
        return x.h().item();
    }

    @Test
    void sil3ExplicitStabilityLimitsAreThoseOfThreeStageThirdOrderSchemes() {
        ImexRungeKutta sil3 = ImexRungeKutta.sil3();
        // R(z) = 1 + z + z^2/2 + z^3/6: |R(iy)| = 1 at y = sqrt(3); R(-x) = -1 at x = 2.5127
        assertEquals(Math.sqrt(3), sil3.imaginaryAxisLimit(), 1e-9);
        assertEquals(2.5127, sil3.realAxisLimit(), 1e-4);
        assertEquals(new SspRk3().imaginaryAxisLimit(), sil3.imaginaryAxisLimit(), 1e-9);
    }

    @Test
    void sil3ConvergesAtSecondOrderOnAStiffNonlinearProblem() {
        Bernoulli eq = new Bernoulli(-20.0);
        double x0 = 1.0;
        double t = 1.0;
        double exact = eq.exact(x0, t);
        double[] error = new double[3];
        int[] steps = {40, 80, 160};
        for (int k = 0; k < steps.length; k++) {
            error[k] = Math.abs(run(ImexRungeKutta.sil3(), eq, x0, t, steps[k]) - exact);
        }
        double order = Math.log(error[1] / error[2]) / Math.log(2);
        assertTrue(order > 1.9, "observed order " + order + " from errors " + java.util.Arrays.toString(error));
    }

    @Test
    void sil3IsStableForAnyImplicitDecayRate() {
        for (double lambda : new double[] {-1e2, -1e4, -1e8}) {
            double x = run(ImexRungeKutta.sil3(), new Bernoulli(lambda), 0.5, 10.0, 10);
            assertTrue(Math.abs(x) <= 0.5, "lambda " + lambda + ": |x| = " + Math.abs(x));
        }
    }

    @Test
    void withoutAnImplicitPartItIsTheExplicitTableau() {
        // x' = -x^2, three explicit stages with the stability polynomial of third-order schemes
        Tendency<State> f = (q, x) -> new State(q.neg(q.square(x.h())), q.neg(q.square(x.u())), q.neg(q.square(x.v())));
        ImexRungeKutta sil3 = ImexRungeKutta.sil3();
        double dt = 0.1;
        double y = 0.7;
        double k1 = -y * y;
        double y2 = y + dt / 3 * k1;
        double k2 = -y2 * y2;
        double y3 = y + dt * (k1 / 6 + k2 / 2);
        double k3 = -y3 * y3;
        double expected = y + dt * (k1 / 2 - k2 / 2 + k3);
        assertEquals(expected, sil3.step(o, f, scalar(y), dt).h().item(), 1e-15);
    }

    @Test
    void rejectsAnImplicitFirstStage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImexRungeKutta("bad",
                new double[][] {{0, 0}, {1, 0}}, new double[][] {{0.5, 0}, {0.5, 0.5}}, new double[] {0.5, 0.5},
                new double[] {0.5, 0.5}));
        assertTrue(e.getMessage().contains("bad"), e.getMessage());
    }
}
