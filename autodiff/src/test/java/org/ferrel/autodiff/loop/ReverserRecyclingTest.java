package org.ferrel.autodiff.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The reversal gives the state cotangents of a finished step, the parameter sums it replaced and
 * the fused kernels' spent cotangents back to the buffer pool. Steps whose outputs are their inputs
 * or whose state and parameter adjoints are one array must not lose a live array that way: with
 * the pool full of NaN arrays, gradients equal those of an interpreter that never reuses arrays.
 */
class ReverserRecyclingTest {
    private static final int N = 2048;
    private static final int STEPS = 7;

    /** (a, b) -> (b + p, a * q): the adjoints of b, p and the first output's cotangent are one array. */
    private static final Step SHARED_ADJOINTS = (o, k, s, p) -> new Tensor[] {o.add(s[1], p[0]), o.mul(s[0], p[1])};

    /** (a, b) -> (b, a): the outputs are the inputs. */
    private static final Step SWAP = (o, k, s, p) -> new Tensor[] {s[1], s[0]};

    /** (a, b) -> (q, a b): an output is a parameter. */
    private static final Step PARAMETER_OUT = (o, k, s, p) -> new Tensor[] {p[0], o.mul(s[0], s[1])};

    /** (a, b) -> (a, sin(b) p): one output passes through. */
    private static final Step PASS_THROUGH = (o, k, s, p) -> new Tensor[] {s[0], o.mul(o.sin(s[1]), p[1])};

    @Test
    void gradientsEqualThoseWithoutArrayReuse() {
        // a cost at every level adds to the outputs' cotangents; one at the last level alone passes
        // them through unchanged, so that adjoints alias the cotangents
        Cost everyLevel = (o, level, s, p) -> o.mul(o.sum(o.mul(s[0], s[1])), 1.0 / level);
        Cost lastLevel = Cost.atFinalLevel(STEPS, (o, s, p) -> o.sum(o.mul(s[0], o.sin(s[1]))));
        for (Step step : new Step[] {SHARED_ADJOINTS, SWAP, PARAMETER_OUT, PASS_THROUGH}) {
            for (Cost cost : new Cost[] {everyLevel, lastLevel}) {
                for (CheckpointSchedule schedule : new CheckpointSchedule[] {CheckpointSchedule.storeAll(),
                    CheckpointSchedule.binomial(2)}) {
                    assertSameGradient(new TimeLoop(step, STEPS, cost), schedule);
                }
            }
        }
    }

    private static void assertSameGradient(TimeLoop loop, CheckpointSchedule schedule) {
        Eager e = Eager.serial();
        Tensor[] state = {ramp(e, 1.0), ramp(e, -0.5)};
        Tensor[] parameters = {ramp(e, 0.25), e.full(Shape.of(N), 0.9)};
        LoopGradient reference = loop.gradient(e.withoutArrayReuse(), state, parameters, schedule);
        for (int i = 0; i < 40; i++) {
            e.recycle(e.full(Shape.of(N), Double.NaN));
        }
        LoopGradient reused = loop.gradient(e, state, parameters, schedule);
        assertArrayEquals(reference.cost().values(), reused.cost().values(), 0.0, schedule.toString());
        for (int i = 0; i < state.length; i++) {
            assertArrayEquals(reference.initialStateGradient()[i].values(), reused.initialStateGradient()[i].values(),
                    0.0, schedule + ", state " + i);
        }
        for (int i = 0; i < parameters.length; i++) {
            assertArrayEquals(reference.parameterGradient()[i].values(), reused.parameterGradient()[i].values(), 0.0,
                    schedule + ", parameter " + i);
        }
    }

    private static Tensor ramp(Eager e, double scale) {
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            v[i] = scale * Math.cos(0.01 * i);
        }
        return e.constant(Shape.of(N), v);
    }
}
