package org.ferrel.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.shallowwater.PolarFilter;

/**
 * {@link ShallowWaterBenchmark}'s two measurements (10 steps of case 5 at 2.8°, forward and
 * store-all gradient, one thread) timed by the thread's CPU time instead of the wall clock: for A/B
 * comparisons on a machine that other jobs share, where wall times swing by tens of percent. Run
 * two builds alternately and compare their lines:
 * {@code java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar
 * org.ferrel.bench.ShallowWaterCpuTime} (without the module: the kernels' scalar forms).
 */
public final class ShallowWaterCpuTime {
    private ShallowWaterCpuTime() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Eager o = Eager.serial();
        LatLonGrid grid = LatLonGrid.earth(2.8125);
        InitialCondition ic = Williamson.case5();
        Model model = Model.builder(grid).topography(ic.topography(grid)).timeStep(450)
                .filter(new PolarFilter(grid, Math.toRadians(45))).build();
        Tensor[] state = ic.state(o, grid).toArray();
        Tensor[] p = model.defaultParameters(o);
        int steps = ShallowWaterBenchmark.STEPS;
        TimeLoop loop = new TimeLoop(model.asStep(), steps,
                Cost.atFinalLevel(steps, (ops, s, q) -> ops.mul(ops.sum(ops.square(s[0])), 1e-12)));
        for (int rep = 0; rep < 6; rep++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 40; i++) {
                loop.run(o, state, p);
            }
            long t1 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 20; i++) {
                loop.gradient(o, state, p, CheckpointSchedule.storeAll());
            }
            long t2 = threads.getCurrentThreadCpuTime();
            double forward = (t1 - t0) / 40e6;
            double gradient = (t2 - t1) / 20e6;
            System.out.printf(Locale.ROOT, "CPU time: forward %.2f ms, gradient %.2f ms, ratio %.2f%n",
                    forward, gradient, gradient / forward);
        }
    }
}
