package org.ferrel.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.model.TendencyFilter;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.dycore.time.Rk4;
import org.ferrel.dycore.time.SspRk3;
import org.junit.jupiter.api.Test;

/**
 * The whole-run gradient of case 5 on the device (binomial checkpoints, snapshots in device memory)
 * against the Java backend's {@link org.ferrel.autodiff.loop.TimeLoop#gradient}: the cost of
 * Case5Gradient (mean square depth anomaly over the mountain's quadrant) after the run.
 */
class RunGradientTest extends OpenClBackendTestBase {

    private static ShallowWaterSetup case5(LatLonGrid grid, TendencyFilter filter) {
        return ShallowWaterSetup.williamsonCase5(grid, 900, new SspRk3(), filter);
    }

    private static DepthMisfit quadrantMisfit(LatLonGrid grid) {
        return DepthMisfit.mountainQuadrant(grid);
    }

    private static RunGradient gradient(ComputeBackend backend, ShallowWaterSetup setup, int steps, int snapshots) {
        return Case5Runs.gradient(backend, setup, steps, snapshots);
    }

    private static void assertAgree(String what, double[] device, double[] java) {
        assertTrue(Arrays.stream(java).anyMatch(x -> x != 0), what + ": the Java gradient is not zero");
        double d = Parity.relativeDifference(device, java);
        System.out.println(String.format(Locale.ROOT, "case 5 gradient: %s differs by %.3e relative (OpenCL on %s vs Java)",
                what, d, opencl.device().info().name()));
        assertTrue(d <= 1e-12, what + " differs by " + d + " relative");
    }

    @Test
    void case5GradientWithThePolarFilterAgreesWithJava() {
        LatLonGrid grid = LatLonGrid.earth(5.625);
        ShallowWaterSetup setup = case5(grid, new PolarFilter(grid, Math.toRadians(45)));
        RunGradient device = gradient(opencl, setup, 24, 4);
        RunGradient java = gradient(JavaBackend.serial(), setup, 24, 4);
        assertTrue(java.cost() > 0, "a cost to differentiate");
        assertEquals(java.cost(), device.cost(), 1e-12 * java.cost(), "cost");
        assertAgree("dJ/dh(0)", device.h(), java.h());
        assertAgree("dJ/du(0)", device.u(), java.u());
        assertAgree("dJ/dv(0)", device.v(), java.v());
        assertAgree("dJ/db", device.topography(), java.topography());
        assertAgree("dJ/dg", new double[] {device.gravity()}, new double[] {java.gravity()});
    }

    /**
     * The reversal never copies a state to the host, with the polar filter too: only the zeroed
     * accumulators, the final depth, the seed and the gradients cross.
     */
    @Test
    void onlyTheFinalDepthTheSeedAndTheGradientsCross() {
        LatLonGrid grid = LatLonGrid.earth(11.25);
        ShallowWaterSetup setup = ShallowWaterSetup.williamsonCase5(grid, 1800, new SspRk3(),
                new PolarFilter(grid, Math.toRadians(45)));
        ShallowWaterRun run = Case5Runs.start(opencl, setup);
        int n = grid.nx() * grid.ny();
        long before = opencl.device().bytesCopied();
        RunGradient device = run.gradient(30, quadrantMisfit(grid), CheckpointSchedule.binomial(3));
        long copied = opencl.device().bytesCopied() - before;
        // the zeroed gradient accumulators (n + 1), the final depth (n), the seed (3n), the gradients (3n + n + 1)
        assertEquals((long) (n + 1 + n + 3 * n + 3 * n + n + 1) * Double.BYTES, copied, "bytes copied");
        RunGradient java = gradient(JavaBackend.serial(), setup, 30, 3);
        assertAgree("dJ/dh(0), 11.25 deg, 30 steps", device.h(), java.h());
        assertAgree("dJ/db, 11.25 deg, 30 steps", device.topography(), java.topography());
    }

    /** A second gradient of the same run is bitwise the first, leaves the state as it was, and frees its buffers. */
    @Test
    void repeatedGradientsAreBitwiseEqualAndFreeTheirBuffers() {
        LatLonGrid grid = LatLonGrid.earth(11.25);
        ShallowWaterSetup setup = ShallowWaterSetup.williamsonCase5(grid, 1800, new SspRk3(),
                new PolarFilter(grid, Math.toRadians(45)));
        State initial = Williamson.case5().state(Eager.serial(), grid);
        ShallowWaterRun run = Case5Runs.start(opencl, setup);
        int buffers = opencl.device().liveBuffers();
        RunGradient first = run.gradient(12, quadrantMisfit(grid), CheckpointSchedule.binomial(3));
        assertEquals(buffers, opencl.device().liveBuffers(), "device buffers after a gradient");
        RunGradient second = run.gradient(12, quadrantMisfit(grid), CheckpointSchedule.binomial(3));
        assertTrue(Parity.bitwiseEqual(first.h(), second.h()) && Parity.bitwiseEqual(first.topography(),
                second.topography()) && first.gravity() == second.gravity(), "repeated gradients differ");
        int n = grid.nx() * grid.ny();
        double[] h = new double[n];
        double[] u = new double[n];
        double[] v = new double[n];
        run.readState(h, u, v);
        assertTrue(Parity.bitwiseEqual(h, initial.h().values()) && Parity.bitwiseEqual(v, initial.v().values()),
                "the run's state after its gradient");
    }

    @Test
    void rk4HasNoDeviceGradientYetAndSaysSo() {
        LatLonGrid grid = LatLonGrid.earth(11.25);
        InitialCondition ic = Williamson.case5();
        ShallowWaterSetup setup = new ShallowWaterSetup(grid, null, Model.STANDARD_GRAVITY, ic.topography(grid), 200,
                new Rk4(), TendencyFilter.NONE);
        ShallowWaterRun run = opencl.shallowWater(setup);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run.gradient(2, quadrantMisfit(grid), CheckpointSchedule.binomial(2)));
        assertTrue(e.getMessage().contains("ssprk3") && e.getMessage().contains("rk4"), e.getMessage());
    }
}
