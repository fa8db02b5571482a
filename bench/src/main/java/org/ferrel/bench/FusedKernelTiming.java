package org.ferrel.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.FusedKernel;
import org.ferrel.autodiff.Tape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Simd;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.shallowwater.DiffusionKernel;
import org.ferrel.dycore.shallowwater.TendencyKernel;

/**
 * One call of the shallow-water kernel and of the biharmonic diffusion kernel (with the depth, no
 * row weights) on case 5 at 2.8° (or the resolution given), one thread: the plain call, and the call
 * recorded on a tape plus its reversal (the kernel's adjoint with the tape's bookkeeping). Minimum
 * thread CPU time over repetitions. Run it with and without the SIMD forms:
 * {@code java --add-modules=jdk.incubator.vector [-Dferrel.simd=false] -cp bench/target/benchmarks.jar
 * org.ferrel.bench.FusedKernelTiming [degrees]}.
 */
public final class FusedKernelTiming {
    private FusedKernelTiming() {
    }

    public static void main(String[] args) {
        double degrees = args.length > 0 ? Double.parseDouble(args[0]) : 2.8125;
        Eager o = Eager.serial();
        LatLonGrid grid = LatLonGrid.earth(degrees);
        CGridOperators operators = new CGridOperators(grid);
        InitialCondition ic = Williamson.case5();
        Tensor[] s = ic.state(o, grid).toArray();
        Tensor b = o.constant(grid.shape(), ic.topography(grid));
        System.out.printf(Locale.ROOT, "%.4f degrees, SIMD kernels %s%n", degrees, Simd.enabled() ? "on" : "off");
        time("shallow-water kernel", o, new TendencyKernel(operators),
                new Tensor[] {s[0], s[1], s[2], o.scalar(9.80616), b});
        time("biharmonic diffusion kernel", o, new DiffusionKernel(operators, 2, true, null, null),
                new Tensor[] {s[0], s[1], s[2], o.scalar(1e15)});
    }

    private static void time(String name, Eager o, FusedKernel kernel, Tensor[] inputs) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int reps = Math.max(20, (int) (2e7 / inputs[0].size()));
        double plain = Double.MAX_VALUE;
        double recorded = Double.MAX_VALUE;
        for (int round = 0; round < 12; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) {
                o.recycle(o.bind(kernel, inputs));
            }
            long t1 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) {
                Tape tape = new Tape(o, true);
                Tensor[] in = tape.variables(inputs);
                Tensor y = tape.bind(kernel, in);
                Tensor[] g = tape.vjp(new Tensor[] {y}, new Tensor[] {o.full(y.shape(), 1e-3)}, in);
                o.recycle(g);
            }
            long t2 = threads.getCurrentThreadCpuTime();
            if (round >= 2) {
                plain = Math.min(plain, (t1 - t0) / 1e3 / reps);
                recorded = Math.min(recorded, (t2 - t1) / 1e3 / reps);
            }
        }
        System.out.printf(Locale.ROOT, "%-28s plain call %7.1f us | recorded call and reversal %7.1f us%n", name, plain,
                recorded);
    }
}
