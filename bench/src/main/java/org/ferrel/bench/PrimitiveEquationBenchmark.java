package org.ferrel.bench;

import java.util.concurrent.TimeUnit;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.dycore.cases.JablonowskiWilliamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.primitive.AtmosphereHyperdiffusion;
import org.ferrel.dycore.primitive.AtmosphereModel;
import org.ferrel.dycore.primitive.HeldSuarez;
import org.ferrel.dycore.primitive.SigmaCoordinate;
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
 * The primitive-equation core with Held-Suarez forcing and hyperdiffusion (the configuration of a
 * Held-Suarez climate run: polar filter from 60 degrees, SSP-RK3) on the Jablonowski-Williamson
 * baroclinic wave: 5 steps forward, and the gradient of a final-state cost over the same 5 steps
 * with store-all checkpointing, one thread. Simulated years per day = 86400 / (365 * 86400 / dt *
 * time per step), with dt the largest stable step of the configuration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class PrimitiveEquationBenchmark {
    static final int STEPS = 5;

    @Param({"2.8125"})
    public double degrees;

    @Param({"8", "20"})
    public int levels;

    private Eager ops;
    private Tensor[] state;
    private Tensor[] parameters;
    private TimeLoop loop;

    @Setup
    public void setUp() {
        ops = Eager.serial();
        LatLonGrid grid = JablonowskiWilliamson.grid(degrees);
        SigmaCoordinate sigma = SigmaCoordinate.uniform(levels);
        AtmosphereModel model = AtmosphereModel.builder(grid, sigma)
                .surfaceGeopotential(JablonowskiWilliamson.surfaceGeopotential(grid))
                .filter(new PolarFilter(grid, Math.toRadians(60))).term(new HeldSuarez())
                .term(new AtmosphereHyperdiffusion(AtmosphereHyperdiffusion.forTimeScale(grid, 86400.0)))
                .timeStep(300 * degrees / 2.8125).build();
        state = JablonowskiWilliamson.baroclinicWave(ops, grid, sigma).toArray();
        parameters = model.defaultParameters(ops);
        loop = new TimeLoop(model.asStep(), STEPS,
                Cost.atFinalLevel(STEPS, (o, s, p) -> o.mul(o.sum(o.square(s[2])), 1e-12)));
    }

    @Benchmark
    public Tensor forward5Steps() {
        return loop.run(ops, state, parameters).cost();
    }

    @Benchmark
    public LoopGradient gradient5StepsStoreAll() {
        return loop.gradient(ops, state, parameters, CheckpointSchedule.storeAll());
    }
}
