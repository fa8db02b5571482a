package org.ferrel.bench;

import java.util.concurrent.TimeUnit;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.shallowwater.HelmholtzSolver;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.dycore.time.ImexRungeKutta;
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
 * One shallow-water step of Williamson case 5 at 2.8 degrees, one thread, explicit against
 * semi-implicit, side by side in one run: {@code explicit} is SSP-RK3 with the polar filter at 45
 * degrees at the longest step its set-up check accepts; {@code semiImplicit} and
 * {@code semiImplicitNoFilter} are SIL3 (Whitaker and Kar 2013) with the gravity waves about 6,000 m
 * implicit at 2,400 s, with and without the filter on the explicit part. Simulated years per day are
 * {@code dt / (cost per step * 365)} (dt in s, cost in s). {@code helmholtzSolve} and
 * {@code explicitTendency} time the parts of a semi-implicit step (it has three of each).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class SemiImplicitBenchmark {
    @Param({"explicit", "semiImplicit", "semiImplicitNoFilter"})
    public String scheme;

    @Param({"2.8125"})
    public double degrees;

    private Eager ops;
    private Model model;
    private org.ferrel.dycore.model.State state;
    private ParameterValues parameters;
    private HelmholtzSolver solver;
    private Tensor field;

    @Setup
    public void setUp() {
        ops = Eager.serial();
        LatLonGrid grid = LatLonGrid.earth(degrees);
        InitialCondition ic = Williamson.case5();
        state = ic.state(ops, grid);
        Model.Builder b = Model.builder(grid).topography(ic.topography(grid)).timeStep(2400);
        if (!scheme.equals("semiImplicitNoFilter")) {
            b.filter(new PolarFilter(grid, Math.toRadians(45)));
        }
        if (scheme.equals("explicit")) {
            double longest = b.build().largestStableTimeStep(state, b.build().defaultParameters(ops));
            b.timeStep(Math.floor(longest));
        } else {
            b.semiImplicit(ImexRungeKutta.sil3(), 6000);
        }
        model = b.build();
        parameters = model.values(model.defaultParameters(ops));
        solver = new HelmholtzSolver(grid, Math.pow(2400 / 4.0, 2) * Model.STANDARD_GRAVITY * 6000);
        field = state.h();
        System.out.printf("%n%s: time step %.0f s%n", scheme, model.timeStep());
    }

    @Benchmark
    public org.ferrel.dycore.model.State step() {
        return model.step(ops, state, parameters);
    }

    @Benchmark
    public Tensor helmholtzSolve() {
        return solver.solve(ops, field);
    }

    @Benchmark
    public org.ferrel.dycore.model.State explicitTendency() {
        return model.gravityWaves() == null ? model.tendency(ops, state, parameters)
                : model.explicitTendency(ops, state, parameters);
    }
}
