package org.ferrel.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.autodiff.testsystems.Lorenz96;
import org.junit.jupiter.api.Test;

/** Results and gradients are bitwise the same with 1 and N threads, for arrays big enough to be split. */
class ParallelDeterminismTest {
    private final Eager serial = Eager.serial();
    private final Eager parallel = Eager.parallel(4);

    private static void assertBitwise(Tensor a, Tensor b, String what) {
        double[] x = a.values();
        double[] y = b.values();
        assertEquals(x.length, y.length);
        for (int i = 0; i < x.length; i++) {
            if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) {
                throw new AssertionError(what + " differs at " + i + ": " + x[i] + " vs " + y[i]);
            }
        }
    }

    private static Tensor random(Eager ops, long seed, int... dims) {
        return GradientCheck.random(ops, new Shape[] {Shape.of(dims)}, seed)[0];
    }

    @Test
    void primitivesOnLargeArrays() {
        for (Eager ops : new Eager[] {serial, parallel}) {
            assertEquals(ops == serial ? 1 : 4, ops.backend().threads());
        }
        Tensor a = random(serial, 1, 300_000);
        Tensor m = random(serial, 2, 300, 400);
        Tensor n = random(serial, 3, 400, 200);
        Tensor bands = random(serial, 4, 2000, 100);
        Tensor diag = serial.add(serial.abs(random(serial, 5, 2000, 100)), 3.0);
        assertBitwise(serial.sum(a), parallel.sum(a), "sum");
        assertBitwise(serial.sum(m, 0), parallel.sum(m, 0), "sum axis 0");
        assertBitwise(serial.matmul(m, n), parallel.matmul(m, n), "matmul");
        assertBitwise(serial.matmul(n, true, m, true), parallel.matmul(n, true, m, true), "matmul T T");
        assertBitwise(serial.solveTridiagonal(bands, diag, bands, bands), parallel.solveTridiagonal(bands, diag, bands, bands),
                "tridiagonal");
        assertBitwise(serial.sumTo(serial.reshape(a, Shape.of(1000, 300)), Shape.of(300)),
                parallel.sumTo(parallel.reshape(a, Shape.of(1000, 300)), Shape.of(300)), "sumTo");
        assertBitwise(serial.exp(serial.sin(a)), parallel.exp(parallel.sin(a)), "element-wise");
    }

    @Test
    void loopGradientsOnALargeRing() {
        int n = 300_000;
        int steps = 6;
        for (boolean fused : new boolean[] {true, false}) {
            TimeLoop loop = new TimeLoop(Lorenz96.rungeKutta4(0.005, fused), steps,
                    Cost.atFinalLevel(steps, (o, s, p) -> o.sum(o.mul(o.sin(s[0]), s[0]))));
            Tensor x0 = serial.vector(Lorenz96.initialState(n, 8.0, 20, 0.005));
            LoopGradient one = loop.gradient(serial, new Tensor[] {x0}, new Tensor[] {serial.scalar(8.0)},
                    CheckpointSchedule.binomial(4));
            LoopGradient many = loop.gradient(parallel, new Tensor[] {x0}, new Tensor[] {parallel.scalar(8.0)},
                    CheckpointSchedule.binomial(4));
            assertBitwise(one.cost(), many.cost(), "cost");
            assertBitwise(one.initialStateGradient()[0], many.initialStateGradient()[0], "dJ/dx0 fused=" + fused);
            assertBitwise(one.parameterGradient()[0], many.parameterGradient()[0], "dJ/dF fused=" + fused);
        }
    }
}
