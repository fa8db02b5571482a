package org.ferrel.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.Step;
import org.ferrel.autodiff.loop.TimeLoop;
import org.junit.jupiter.api.Test;

/** The example of docs/autodiff.md, run as a test so that the page never goes stale. */
class QuickStartExampleTest {

    @Test
    void quickStart() {
        // --- docs/autodiff.md: begin ---
        Eager ops = Eager.serial();                       // plain evaluation, one thread

        // A model step written once against Ops: damped oscillator x'' = -k x - c x'
        Step step = (o, k, state, p) -> {
            Tensor x = state[0];
            Tensor v = state[1];
            Tensor stiffness = p[0];
            Tensor damping = p[1];
            Tensor a = o.neg(o.add(o.mul(stiffness, x), o.mul(damping, v)));
            Tensor vNew = o.add(v, o.mul(a, 0.01));
            Tensor xNew = o.add(x, o.mul(vNew, 0.01));   // symplectic Euler, dt = 0.01
            return new Tensor[] {xNew, vNew};
        };

        // Cost: squared distance of the final position from a target, after 5,000 steps
        int n = 5000;
        Tensor target = ops.vector(0.1, -0.2, 0.3);
        TimeLoop loop = new TimeLoop(step, n,
                Cost.atFinalLevel(n, (o, state, p) -> o.sum(o.square(o.sub(state[0], target)))));

        Tensor[] x0 = {ops.vector(1.0, 0.5, -0.5), ops.vector(0.0, 0.0, 0.0)};
        Tensor[] parameters = {ops.scalar(4.0), ops.scalar(0.3)};

        // Reverse mode through the whole run with 8 Revolve snapshots
        LoopGradient g = loop.gradient(ops, x0, parameters, CheckpointSchedule.binomial(8));
        System.out.println("J        = " + g.cost().item());
        System.out.println("dJ/dk    = " + g.parameterGradient()[0].item());
        System.out.println("dJ/dc    = " + g.parameterGradient()[1].item());
        System.out.println("dJ/dx(0) = " + g.initialStateGradient()[0]);
        System.out.println("forward steps " + g.stats().forwardSteps() + ", snapshots " + g.stats().peakMemorySnapshots());

        // Forward mode through the same code: the run's derivative along a direction in (k, c)
        Dual dual = new Dual(ops);
        Tensor[] pDual = {dual.variable(parameters[0], ops.scalar(1.0)), dual.variable(parameters[1], ops.scalar(0.0))};
        Tensor dJdk = dual.tangent(loop.run(dual, x0, pDual).cost());
        System.out.println("dJ/dk by forward mode = " + dJdk.item());

        // Check the gradient: central difference along k
        Derivatives.ScalarFunction cost = (o, in) -> loop.run(o, x0, in).cost();
        GradientCheck.Directional check = GradientCheck.directional(ops, cost, parameters,
                new Tensor[] {ops.scalar(1.0), ops.scalar(0.0)}, 1e-6);
        System.out.println("finite difference " + check.finiteDifference() + ", relative error " + check.relativeError());
        // --- docs/autodiff.md: end ---

        assertEquals(g.parameterGradient()[0].item(), dJdk.item(), 1e-9 * Math.abs(dJdk.item()));
        GradientCheck.assertDirectional(check, 1e-7);
        assertEquals(8, g.stats().peakMemorySnapshots());
    }
}
