package org.ferrel.gpu.opencl;

import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.TendencyFilter;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.dycore.time.SspRk3;

/**
 * The device check for a machine without a JDK or Maven (bench/gpu/run-nvidia.sh): lists the OpenCL
 * devices, runs the parity checks of the tests (tendency and adjoint kernels, case 5 after 100 steps,
 * the whole-run gradient, determinism) on one device against the Java backend, then times a step at
 * 2.8, 1.4, 0.7 and 0.35 degrees (without a filter and with the polar filter) on both backends and
 * the gradient/forward ratio at 2.8 degrees.
 * Exit status: 0 when every check passes, 1 when one fails, 2 when there is no usable device.
 *
 * <p>Usage: {@code java -jar ferrel-gpu-check.jar [--device platform:device] [--no-timing]
 * [--timing-seconds s]}
 */
public final class DeviceCheck {
    private static final double[] TIMING_DEGREES = {2.8125, 1.40625, 0.703125, 0.3515625};

    private boolean passed = true;

    private DeviceCheck() {
    }

    public static void main(String[] args) {
        String deviceId = null;
        boolean timing = true;
        double timingSeconds = 3.0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--device" -> deviceId = value(args, ++i, "--device");
                case "--no-timing" -> timing = false;
                case "--timing-seconds" -> timingSeconds = Double.parseDouble(value(args, ++i, "--timing-seconds"));
                default -> {
                    System.err.println("unknown option '" + args[i]
                            + "'; expected --device platform:device, --no-timing, --timing-seconds s");
                    System.exit(2);
                }
            }
        }
        DeviceDiscovery.Result found = DeviceDiscovery.discover();
        System.out.println("OpenCL devices:\n" + found.listing());
        DeviceInfo device;
        try {
            device = deviceId == null ? found.firstDoublePrecision() : found.select(deviceId);
        } catch (DeviceUnavailableException e) {
            System.out.println("FAIL no device: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("checking on " + device.describe() + " (java " + Runtime.version() + ")");
        DeviceCheck check = new DeviceCheck();
        try (OpenClBackend backend = OpenClBackend.open(device)) {
            check.parity(backend);
            if (timing) {
                check.timing(backend, timingSeconds);
            }
        }
        System.out.println(check.passed ? "ALL CHECKS PASSED" : "SOME CHECKS FAILED");
        System.exit(check.passed ? 0 : 1);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    private void report(String what, double difference, double tolerance) {
        boolean ok = difference <= tolerance;
        passed &= ok;
        System.out.println(String.format(Locale.ROOT, "%s %-62s %.3e relative (tolerance %.0e)", ok ? "PASS" : "FAIL",
                what, difference, tolerance));
    }

    private void parity(OpenClBackend backend) {
        LatLonGrid odd = new LatLonGrid(17, 9, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
        TendencyParity kernels = new TendencyParity(backend.device(), odd, null);
        Tensor[] in = kernels.inputs(5);
        double[] cot = kernels.cotangent(7);
        report("tendency kernel, 17x9 sphere, random state",
                Parity.relativeDifference(kernels.deviceTendency(in), kernels.javaTendency(in)), 1e-13);
        report("tendency adjoint kernel, 17x9 sphere",
                Parity.relativeDifference(kernels.deviceAdjoint(in, cot), kernels.javaAdjoint(in, cot)), 1e-13);
        report("tendency adjoint dot-product test, 17x9 sphere",
                kernels.dotProductDefect(in, kernels.direction(13), cot), 1e-13);
        LatLonGrid grid = LatLonGrid.earth(5.625);
        ShallowWaterSetup filtered = ShallowWaterSetup.williamsonCase5(grid, 900, new SspRk3(),
                new PolarFilter(grid, Math.toRadians(45)));
        double[] device = Case5Runs.forward(backend, filtered, 100);
        report("case 5, 5.625 deg, SSP-RK3, polar filter, 100 steps",
                Parity.relativeDifference(device, Case5Runs.forward(JavaBackend.serial(), filtered, 100)), 1e-12);
        boolean same = Parity.bitwiseEqual(device, Case5Runs.forward(backend, filtered, 100));
        passed &= same;
        System.out.println((same ? "PASS" : "FAIL") + " case 5 run twice on the device: bitwise "
                + (same ? "equal" : "DIFFERENT"));
        RunGradient g = Case5Runs.gradient(backend, filtered, 24, 4);
        RunGradient java = Case5Runs.gradient(JavaBackend.serial(), filtered, 24, 4);
        report("case 5 gradient, 24 steps, binomial(4): dJ/dh(0)", Parity.relativeDifference(g.h(), java.h()), 1e-12);
        report("case 5 gradient: dJ/du(0)", Parity.relativeDifference(g.u(), java.u()), 1e-12);
        report("case 5 gradient: dJ/dv(0)", Parity.relativeDifference(g.v(), java.v()), 1e-12);
        report("case 5 gradient: dJ/db", Parity.relativeDifference(g.topography(), java.topography()), 1e-12);
        report("case 5 gradient: dJ/dg", Math.abs(g.gravity() - java.gravity()) / Math.abs(java.gravity()), 1e-12);
    }

    /**
     * Seconds per step of case 5 without a filter and with the polar filter at 45 degrees, at half
     * the largest stable time step, on both backends; then gradient/forward at 2.8 degrees.
     */
    private void timing(OpenClBackend backend, double budgetSeconds) {
        double copy = backend.device().copyBandwidth(1 << 25, 10);
        System.out.println(String.format(Locale.ROOT,
                "device copy bandwidth: %.1f GB/s (a 256 MiB buffer copied on the device, bytes read + written)",
                copy / 1e9));
        System.out.println("timing: case 5, SSP-RK3, dt = half the largest stable step; seconds per step; "
                + "GB/s = modelled bytes per step / step time");
        System.out.println("degrees    nx x ny     filter  java-serial    opencl  java/opencl  bytes/step    GB/s  of copy");
        for (double degrees : TIMING_DEGREES) {
            LatLonGrid grid = LatLonGrid.earth(degrees);
            for (TendencyFilter filter : new TendencyFilter[] {TendencyFilter.NONE,
                new PolarFilter(grid, Math.toRadians(45))}) {
                ShallowWaterSetup setup = ShallowWaterSetup.williamsonCase5(grid, stableTimeStep(grid, filter),
                        new SspRk3(), filter);
                double java = secondsPerStep(Case5Runs.start(JavaBackend.serial(), setup), budgetSeconds);
                OpenClShallowWaterRun run = backend.shallowWater(setup);
                Case5Runs.setInitialState(run, grid);
                double opencl = secondsPerStep(run, budgetSeconds);
                double bandwidth = run.bytesPerStep() / opencl;
                System.out.println(String.format(Locale.ROOT, "%-9s %5d x %-5d %-6s %11.3e %9.3e %9.2f %12d %9.1f %7.1f%%",
                        degrees, grid.nx(), grid.ny(), filter == TendencyFilter.NONE ? "none" : "polar", java, opencl,
                        java / opencl, run.bytesPerStep(), bandwidth / 1e9, 100 * bandwidth / copy));
            }
        }
        LatLonGrid grid = LatLonGrid.earth(2.8125);
        TendencyFilter polar = new PolarFilter(grid, Math.toRadians(45));
        ShallowWaterSetup setup = ShallowWaterSetup.williamsonCase5(grid, stableTimeStep(grid, polar), new SspRk3(),
                polar);
        for (ComputeBackend b : new ComputeBackend[] {JavaBackend.serial(), backend}) {
            int steps = 40;
            ShallowWaterRun run = Case5Runs.start(b, setup);
            // warm-up: the JIT compilers (Java's; PoCL compiles a kernel at its first launch)
            run.gradient(4, DepthMisfit.mountainQuadrant(grid), CheckpointSchedule.binomial(2));
            run.advance(2);
            long t0 = System.nanoTime();
            run.advance(steps);
            long t1 = System.nanoTime();
            run.gradient(steps, DepthMisfit.mountainQuadrant(grid), CheckpointSchedule.binomial(8));
            long t2 = System.nanoTime();
            System.out.println(String.format(Locale.ROOT, "gradient/forward, 2.8125 deg, polar filter, %d steps, binomial(8), %s: %.2f",
                    steps, b.description(), (double) (t2 - t1) / (t1 - t0)));
        }
    }

    private static double stableTimeStep(LatLonGrid grid, TendencyFilter filter) {
        Eager o = Eager.serial();
        Model model = ShallowWaterSetup.williamsonCase5(grid, 1, new SspRk3(), filter).model();
        return 0.5 * model.largestStableTimeStep(Williamson.case5().state(o, grid), model.defaultParameters(o));
    }

    /** Steps in doubling batches (after two warm-up steps) until the budget is spent. */
    private static double secondsPerStep(ShallowWaterRun run, double budgetSeconds) {
        run.advance(2);
        long steps = 0;
        long elapsed = 0;
        int batch = 1;
        while (elapsed < budgetSeconds * 1e9) {
            long t0 = System.nanoTime();
            run.advance(batch);
            elapsed += System.nanoTime() - t0;
            steps += batch;
            batch *= 2;
        }
        return elapsed / 1e9 / steps;
    }
}
