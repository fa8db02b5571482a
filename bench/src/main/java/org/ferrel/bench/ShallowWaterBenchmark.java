package org.ferrel.bench;

import java.util.concurrent.TimeUnit;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.shallowwater.PolarFilter;
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
 * Williamson case 5 on the lat-lon C-grid with the polar filter (SSP-RK3): 10 steps forward, and
 * the gradient of a final-state cost over the same 10 steps with store-all checkpointing. The forks
 * run with the vector API (the kernels' SIMD forms), as {@code bin/ferrel} does; {@code -jvmArgsAppend
 * -Dferrel.simd=false} times the scalar forms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ShallowWaterBenchmark {
    static final int STEPS = 10;

    @Param({"5.625", "2.8125"})
    public double degrees;

    /** Threads of the execution backend (1: serial). */
    @Param({"1"})
    public int threads;

    private Eager ops;
    private Model model;
    private Tensor[] state;
    private Tensor[] parameters;
    private TimeLoop loop;

    @Setup
    public void setUp() {
        ops = threads <= 1 ? Eager.serial() : Eager.parallel(threads);
        LatLonGrid grid = LatLonGrid.earth(degrees);
        InitialCondition ic = Williamson.case5();
        model = Model.builder(grid).topography(ic.topography(grid)).timeStep(900 * degrees / 5.625)
                .filter(new PolarFilter(grid, Math.toRadians(45))).build();
        state = ic.state(ops, grid).toArray();
        parameters = model.defaultParameters(ops);
        loop = new TimeLoop(model.asStep(), STEPS,
                Cost.atFinalLevel(STEPS, (o, s, p) -> o.mul(o.sum(o.square(s[0])), 1e-12)));
    }

    Tensor[] state() {
        return state;
    }

    Tensor[] parameters() {
        return parameters;
    }

    @Benchmark
    public Tensor forward10Steps() {
        return loop.run(ops, state, parameters).cost();
    }

    @Benchmark
    public LoopGradient gradient10StepsStoreAll() {
        return loop.gradient(ops, state, parameters, CheckpointSchedule.storeAll());
    }
}
