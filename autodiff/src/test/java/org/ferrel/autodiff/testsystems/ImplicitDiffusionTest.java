package org.ferrel.autodiff.testsystems;

import static org.ferrel.autodiff.check.GradientCheck.assertAgreement;
import static org.ferrel.autodiff.check.GradientCheck.assertDirectional;
import static org.ferrel.autodiff.check.GradientCheck.assertTaylorRate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.Step;
import org.ferrel.autodiff.loop.TimeLoop;
import org.junit.jupiter.api.Test;

/**
 * The stiff test problem: backward-Euler heat equation with r = kappa dt / dx^2 = 20.4 (41 times the
 * explicit stability limit), 100 steps. Each step is a tridiagonal solve whose adjoint is the
 * transposed solve; the gradient with respect to the initial state and kappa is checked by Taylor
 * and finite differences, and against the same model assembled densely and solved by LU.
 */
class ImplicitDiffusionTest {
    private static final int N = 100;
    private static final int STEPS = 100;
    private static final double DT = 0.02;
    private static final double KAPPA = 0.1;
    private final Eager ops = Eager.serial();

    /** Running cost: a weighted mean square at every 25th level, plus a linear functional at the end. */
    private static Cost cost() {
        double[] w = new double[N];
        for (int i = 0; i < N; i++) {
            w[i] = Math.sin(3 * Math.PI * (i + 1) / (N + 1.0));
        }
        return (o, level, state, p) -> {
            if (level % 25 != 0) {
                return null;
            }
            Tensor c = o.mul(o.sum(o.square(state[0])), 1.0 / N);
            return level == STEPS ? o.add(c, o.dot(o.vector(w), state[0])) : c;
        };
    }

    private Tensor initial() {
        double[] u = new double[N];
        for (int i = 0; i < N; i++) {
            double x = (i + 1) / (N + 1.0);
            u[i] = Math.exp(-40 * (x - 0.4) * (x - 0.4)) + 0.3 * Math.sin(7 * Math.PI * x);
        }
        return ops.vector(u);
    }

    private LoopGradient gradient(Step step, Tensor u0, double kappa) {
        return new TimeLoop(step, STEPS, cost()).gradient(ops, new Tensor[] {u0}, new Tensor[] {ops.scalar(kappa)},
                CheckpointSchedule.binomial(8));
    }

    @Test
    void problemIsStiff() {
        double dx = 1.0 / (N + 1);
        double r = KAPPA * DT / (dx * dx);
        assertTrue(r > 40 * 0.5, "r = " + r + ", explicit Euler needs r <= 1/2");
    }

    @Test
    void tridiagonalAdjointAgreesWithDenseLuAdjoint() {
        LoopGradient tri = gradient(ImplicitDiffusion.backwardEuler(N, DT), initial(), KAPPA);
        LoopGradient dense = gradient(ImplicitDiffusion.backwardEulerDense(N, DT), initial(), KAPPA);
        assertEquals(dense.cost().item(), tri.cost().item(), 1e-12 * Math.abs(dense.cost().item()));
        assertAgreement(GradientCheck.compare("dJ/du0", tri.initialStateGradient(), dense.initialStateGradient()), 1e-11);
        assertAgreement(GradientCheck.compare("dJ/dkappa", tri.parameterGradient(), dense.parameterGradient()), 1e-11);
    }

    @Test
    void gradientPassesTaylorAndFiniteDifferenceTests() {
        TimeLoop loop = new TimeLoop(ImplicitDiffusion.backwardEuler(N, DT), STEPS, cost());
        Derivatives.ScalarFunction loss = (o, in) -> loop.run(o, new Tensor[] {in[0]}, new Tensor[] {in[1]}).cost();
        Tensor[] x = {initial(), ops.scalar(KAPPA)};
        Tensor[] v = GradientCheck.random(ops, new Shape[] {Shape.of(N), Shape.SCALAR}, 3);
        LoopGradient g = loop.gradient(ops, new Tensor[] {x[0]}, new Tensor[] {x[1]}, CheckpointSchedule.binomial(8));
        Derivatives.Gradient taped = Derivatives.gradient(ops, loss, x);
        assertAgreement(GradientCheck.compare("checkpointed vs fully taped",
                new Tensor[] {g.initialStateGradient()[0], g.parameterGradient()[0]}, taped.gradient()), 1e-13);
        assertTaylorRate(GradientCheck.taylor(ops, loss, x, v, 1e-2, 4), 0.1, 4);
        for (long seed = 20; seed < 25; seed++) {
            Tensor[] d = GradientCheck.random(ops, new Shape[] {Shape.of(N), Shape.SCALAR}, seed);
            assertDirectional(GradientCheck.directional(ops, loss, x, d, 1e-5), 1e-8);
        }
    }

    @Test
    void kappaSensitivityHasThePhysicalSign() {
        // more diffusion removes more variance: the mean-square part of the cost falls with kappa
        Cost variance = (o, level, state, p) -> level == STEPS ? o.sum(o.square(state[0])) : null;
        LoopGradient g = new TimeLoop(ImplicitDiffusion.backwardEuler(N, DT), STEPS, variance).gradient(ops,
                new Tensor[] {initial()}, new Tensor[] {ops.scalar(KAPPA)}, CheckpointSchedule.binomial(4));
        assertTrue(g.parameterGradient()[0].item() < 0, "dJ/dkappa = " + g.parameterGradient()[0].item());
        Ops o = ops;
        assertTrue(o.sum(o.square(g.initialStateGradient()[0])).item() > 0);
    }
}
