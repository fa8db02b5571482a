package org.ferrel.autodiff.testsystems;

import static org.ferrel.autodiff.check.GradientCheck.assertAgreement;
import static org.ferrel.autodiff.check.GradientCheck.assertTaylorRate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Dual;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.autodiff.loop.BinomialCost;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lorenz-96 with 40 variables, F = 8, RK4 with dt = 0.005, 1,000 steps (5 time units, about 8.5
 * e-foldings of the leading Lyapunov exponent): the gradient of a final-state loss with respect to
 * the initial state and F is bitwise the same under store-all, binomial (s = 10) and disk
 * schedules, and passes the Taylor test.
 */
class Lorenz96Test {
    private static final int N = 40;
    private static final int STEPS = 1000;
    private static final double DT = 0.005;
    private final Eager ops = Eager.serial();

    private static TimeLoop loop(boolean fused) {
        return new TimeLoop(Lorenz96.rungeKutta4(DT, fused), STEPS,
                Cost.atFinalLevel(STEPS, (o, state, p) -> o.mul(o.sum(o.square(state[0])), 0.5)));
    }

    private Tensor[] initialState() {
        return new Tensor[] {ops.vector(Lorenz96.initialState(N, 8.0, 2000, DT))};
    }

    private Tensor[] forcing() {
        return new Tensor[] {ops.scalar(8.0)};
    }

    @Test
    void gradientIsBitwiseIdenticalUnderAllSchedules(@TempDir Path dir) {
        TimeLoop loop = loop(true);
        LoopGradient storeAll = loop.gradient(ops, initialState(), forcing(), CheckpointSchedule.storeAll());
        LoopGradient binomial = loop.gradient(ops, initialState(), forcing(), CheckpointSchedule.binomial(10));
        LoopGradient disk = loop.gradient(ops, initialState(), forcing(), CheckpointSchedule.twoLevel(100, 4, dir));
        assertBitwise(storeAll, binomial);
        assertBitwise(storeAll, disk);
        assertEquals(BinomialCost.optimalForwardSteps(STEPS, 10), binomial.stats().forwardSteps());
        assertEquals(STEPS, binomial.stats().recordedSteps());
        assertEquals(10, disk.stats().peakDiskSnapshots());
        assertEquals(0, dir.toFile().list().length, "disk snapshots are removed afterwards");
        // the loss equals a plain forward run
        assertEquals(loop.run(ops, initialState(), forcing()).cost().item(), binomial.cost().item());
    }

    @Test
    void compositeAndFusedTendenciesGiveTheSameGradient() {
        LoopGradient fused = loop(true).gradient(ops, initialState(), forcing(), CheckpointSchedule.binomial(10));
        LoopGradient composite = loop(false).gradient(ops, initialState(), forcing(), CheckpointSchedule.binomial(10));
        assertAgreement(GradientCheck.compare("state gradient", fused.initialStateGradient(),
                composite.initialStateGradient()), 1e-9);
        assertAgreement(GradientCheck.compare("F gradient", fused.parameterGradient(), composite.parameterGradient()), 1e-9);
    }

    @Test
    void gradientPassesTheTaylorTest() {
        TimeLoop loop = loop(true);
        Derivatives.ScalarFunction loss = (o, in) -> loop.run(o, new Tensor[] {in[0]}, new Tensor[] {in[1]}).cost();
        Tensor[] x = {initialState()[0], forcing()[0]};
        LoopGradient g = loop.gradient(ops, new Tensor[] {x[0]}, new Tensor[] {x[1]}, CheckpointSchedule.binomial(10));
        Tensor[] v = GradientCheck.random(ops, new Shape[] {Shape.of(N), Shape.SCALAR}, 11);
        // remainders |L(x + h v) - L(x) - h <dL, v>| with the checkpointed gradient
        double f0 = g.cost().item();
        double slope = GradientCheck.inner(new Tensor[] {g.initialStateGradient()[0], g.parameterGradient()[0]}, v);
        int points = 9;
        double[] h = new double[points];
        double[] r = new double[points];
        for (int i = 0; i < points; i++) {
            h[i] = 7e-5 * Math.pow(10, -i / 2.0);
            Tensor[] xh = {ops.add(x[0], ops.mul(v[0], h[i])), ops.add(x[1], ops.mul(v[1], h[i]))};
            r[i] = Math.abs(loss.apply(ops, xh).item() - f0 - h[i] * slope);
        }
        double[] rates = new double[points - 1];
        for (int i = 0; i + 1 < points; i++) {
            rates[i] = Math.log(r[i] / r[i + 1]) / Math.log(h[i] / h[i + 1]);
        }
        assertTaylorRate(new GradientCheck.Taylor(h, r, rates), 0.1, 4);
    }

    @Test
    void hessianVectorProductThroughTheCheckpointedLoop() {
        int steps = 200;
        TimeLoop loop = new TimeLoop(Lorenz96.rungeKutta4(DT, true), steps,
                Cost.atFinalLevel(steps, (o, state, p) -> o.mul(o.sum(o.square(state[0])), 0.5)));
        Tensor x0 = initialState()[0];
        Tensor[] v = GradientCheck.random(ops, new Shape[] {Shape.of(N), Shape.SCALAR}, 13);
        // forward over reverse: the reversal runs on a Dual base whose tangents are v
        Dual dual = new Dual(ops);
        LoopGradient g = loop.gradient(dual, new Tensor[] {dual.variable(x0, v[0])},
                new Tensor[] {dual.variable(ops.scalar(8.0), v[1])}, CheckpointSchedule.binomial(5));
        Tensor[] hv = {dual.tangent(g.initialStateGradient()[0]), dual.tangent(g.parameterGradient()[0])};
        double h = 1e-6;
        LoopGradient plus = loop.gradient(ops, new Tensor[] {ops.add(x0, ops.mul(v[0], h))},
                new Tensor[] {ops.add(ops.scalar(8.0), ops.mul(v[1], h))}, CheckpointSchedule.binomial(5));
        LoopGradient minus = loop.gradient(ops, new Tensor[] {ops.sub(x0, ops.mul(v[0], h))},
                new Tensor[] {ops.sub(ops.scalar(8.0), ops.mul(v[1], h))}, CheckpointSchedule.binomial(5));
        Tensor[] fd = {
            ops.mul(ops.sub(plus.initialStateGradient()[0], minus.initialStateGradient()[0]), 1 / (2 * h)),
            ops.mul(ops.sub(plus.parameterGradient()[0], minus.parameterGradient()[0]), 1 / (2 * h))
        };
        assertAgreement(GradientCheck.compare("H v through 200 steps", hv, fd), 1e-6);
    }

    private static void assertBitwise(LoopGradient a, LoopGradient b) {
        assertEquals(Double.doubleToRawLongBits(a.cost().item()), Double.doubleToRawLongBits(b.cost().item()));
        double[] ga = a.initialStateGradient()[0].values();
        double[] gb = b.initialStateGradient()[0].values();
        for (int i = 0; i < ga.length; i++) {
            assertEquals(Double.doubleToRawLongBits(ga[i]), Double.doubleToRawLongBits(gb[i]), "dL/dx0[" + i + "]");
        }
        assertEquals(Double.doubleToRawLongBits(a.parameterGradient()[0].item()),
                Double.doubleToRawLongBits(b.parameterGradient()[0].item()), "dL/dF");
    }
}
