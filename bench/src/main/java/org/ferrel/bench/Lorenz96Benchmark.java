package org.ferrel.bench;

import java.util.concurrent.TimeUnit;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.autodiff.testsystems.Lorenz96;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Lorenz-96 problem of the engine's acceptance tests (40 variables, F = 8, RK4, dt = 0.005,
 * 1,000 steps, loss = |x(n)|^2 / 2): a plain forward run, and the gradient with respect to x(0)
 * and F under store-all and binomial (s = 10) checkpointing, with the tendency written as array
 * operations ({@code fused=false}) or as one fused kernel with hand-written rules ({@code fused=true}).
 * The same problem in PyTorch is {@code bench/pytorch/lorenz96_gradient.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Lorenz96Benchmark {
    static final int N = 40;
    static final int STEPS = 1000;
    static final double DT = 0.005;

    @Param({"false", "true"})
    public boolean fused;

    private final Eager ops = Eager.serial();
    private TimeLoop loop;
    private Tensor[] x0;
    private Tensor[] forcing;

    @Setup
    public void setUp() {
        loop = new TimeLoop(Lorenz96.rungeKutta4(DT, fused), STEPS,
                Cost.atFinalLevel(STEPS, (o, state, p) -> o.mul(o.sum(o.square(state[0])), 0.5)));
        x0 = new Tensor[] {ops.vector(Lorenz96.initialState(N, 8.0, 2000, DT))};
        forcing = new Tensor[] {ops.scalar(8.0)};
    }

    @Benchmark
    public Tensor forward() {
        return loop.run(ops, x0, forcing).cost();
    }

    @Benchmark
    public LoopGradient gradientStoreAll() {
        return loop.gradient(ops, x0, forcing, CheckpointSchedule.storeAll());
    }

    @Benchmark
    public LoopGradient gradientBinomial10() {
        return loop.gradient(ops, x0, forcing, CheckpointSchedule.binomial(10));
    }
}
