package org.ferrel.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Hyperdiffusion;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.model.TendencyTerm;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.shallowwater.PolarFilter;

/**
 * Williamson case 5 at 0.703125 degrees (512 x 256, SSP-RK3, polar filter, dt = 112.5 s) with
 * {@code Hyperdiffusion(5e13, true)} in its composite form (the array operations the term used
 * before the fused kernel) and by the fused {@code DiffusionKernel}, and without diffusion for
 * reference; one thread. Per configuration: one step forward, and the store-all gradient of a
 * final-state cost over 3 steps. Both the thread's CPU time and the wall time are printed, as the
 * minimum over repetitions (the configurations alternate within each repetition), since the
 * machines this runs on are shared:
 * {@code java -Xmx6g -cp bench/target/benchmarks.jar org.ferrel.bench.DiffusionKernelTiming [repetitions]}.
 */
public final class DiffusionKernelTiming {
    private static final int GRADIENT_STEPS = 3;

    private DiffusionKernelTiming() {
    }

    /** {@link Hyperdiffusion} with its tendency in the composite form. */
    private record Composite(Hyperdiffusion term) implements TendencyTerm {
        @Override
        public String name() {
            return term.name();
        }

        @Override
        public List<Parameter> parameters() {
            return term.parameters();
        }

        @Override
        public Tensor[] defaults(Ops ops) {
            return term.defaults(ops);
        }

        @Override
        public State tendency(Ops o, CGridOperators grid, State state, ParameterValues parameters) {
            return term.compositeTendency(o, grid, state, parameters);
        }

        @Override
        public double maximumDampingRate(Grid grid, double effectiveMinimumDx, ParameterValues p) {
            return term.maximumDampingRate(grid, effectiveMinimumDx, p);
        }
    }

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Eager o = Eager.serial();
        LatLonGrid grid = LatLonGrid.earth(0.703125);
        InitialCondition ic = Williamson.case5();
        Hyperdiffusion hyper = new Hyperdiffusion(5e13, true);
        String[] names = {"no diffusion", "composite", "fused kernel"};
        Model[] models = new Model[3];
        for (int m = 0; m < 3; m++) {
            Model.Builder b = Model.builder(grid).topography(ic.topography(grid)).timeStep(112.5)
                    .filter(new PolarFilter(grid, Math.toRadians(45)));
            if (m == 1) {
                b.term(new Composite(hyper));
            } else if (m == 2) {
                b.term(hyper);
            }
            models[m] = b.build();
        }
        Tensor[] state = ic.state(o, grid).toArray();
        double[][] best = new double[3][4];
        for (double[] row : best) {
            java.util.Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        LoopGradient[] gradients = new LoopGradient[3];
        for (int rep = 0; rep < repetitions; rep++) {
            for (int m = 0; m < 3; m++) {
                Model model = models[m];
                Tensor[] p = model.defaultParameters(o);
                TimeLoop one = new TimeLoop(model.asStep(), 1, Cost.atFinalLevel(1, (ops, s, q) -> ops.sum(s[0])));
                TimeLoop few = new TimeLoop(model.asStep(), GRADIENT_STEPS, Cost.atFinalLevel(GRADIENT_STEPS,
                        (ops, s, q) -> ops.mul(ops.sum(ops.square(s[0])), 1e-12)));
                int forwardRuns = 4;
                long c0 = threads.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                for (int i = 0; i < forwardRuns; i++) {
                    one.run(o, state, p);
                }
                long c1 = threads.getCurrentThreadCpuTime();
                long w1 = System.nanoTime();
                gradients[m] = few.gradient(o, state, p, CheckpointSchedule.storeAll());
                long c2 = threads.getCurrentThreadCpuTime();
                long w2 = System.nanoTime();
                double[] t = {(c1 - c0) / (forwardRuns * 1e6), (w1 - w0) / (forwardRuns * 1e6), (c2 - c1) / 1e6,
                    (w2 - w1) / 1e6};
                for (int k = 0; k < 4; k++) {
                    best[m][k] = Math.min(best[m][k], t[k]);
                }
                System.out.printf(Locale.ROOT, "rep %d %-13s step: cpu %7.2f ms wall %7.2f ms | gradient over %d steps:"
                        + " cpu %8.1f ms wall %8.1f ms%n", rep, names[m], t[0], t[1], GRADIENT_STEPS, t[2], t[3]);
            }
        }
        System.out.printf(Locale.ROOT, "%nminimum over %d repetitions, 0.703125 deg (%d x %d), one thread%n",
                repetitions, grid.nx(), grid.ny());
        for (int m = 0; m < 3; m++) {
            System.out.printf(Locale.ROOT, "%-13s step: cpu %7.2f ms wall %7.2f ms | gradient over %d steps: cpu %8.1f ms"
                    + " wall %8.1f ms%n", names[m], best[m][0], best[m][1], GRADIENT_STEPS, best[m][2], best[m][3]);
        }
        State a = models[1].step(o, State.of(state), models[1].values(models[1].defaultParameters(o)));
        State b = models[2].step(o, State.of(state), models[2].values(models[2].defaultParameters(o)));
        boolean same = true;
        for (int f = 0; f < 3; f++) {
            double[] x = a.toArray()[f].values();
            double[] y = b.toArray()[f].values();
            for (int k = 0; k < x.length; k++) {
                same &= Double.doubleToRawLongBits(x[k]) == Double.doubleToRawLongBits(y[k]);
            }
        }
        System.out.println("state after one step bitwise the same with the composite and the fused kernel: " + same);
        for (int f = 0; f < 3; f++) {
            System.out.printf(Locale.ROOT, "gradient with respect to the initial %s, fused against composite: max abs"
                    + " difference / max abs %.2e%n", State.NAMES[f], relativeDifference(
                    gradients[1].initialStateGradient()[f], gradients[2].initialStateGradient()[f]));
        }
        int nu = models[2].parameters().indexOf(hyper.parameters().get(0));
        System.out.printf(Locale.ROOT, "gradient with respect to nu: composite %.15e, fused %.15e%n",
                gradients[1].parameterGradient()[nu].item(), gradients[2].parameterGradient()[nu].item());
    }

    private static double relativeDifference(Tensor a, Tensor b) {
        double[] x = a.values();
        double[] y = b.values();
        double err = 0;
        double scale = 0;
        for (int k = 0; k < x.length; k++) {
            err = Math.max(err, Math.abs(x[k] - y[k]));
            scale = Math.max(scale, Math.max(Math.abs(x[k]), Math.abs(y[k])));
        }
        return err / scale;
    }
}
