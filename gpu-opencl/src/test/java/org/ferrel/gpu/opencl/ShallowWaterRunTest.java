package org.ferrel.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.TendencyFilter;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.dycore.time.Integrator;
import org.ferrel.dycore.time.Rk4;
import org.ferrel.dycore.time.SspRk3;
import org.junit.jupiter.api.Test;

/**
 * Whole steps of Williamson et al. (1992) case 5 (zonal flow over an isolated mountain) on the
 * OpenCL backend against the Java backend (the dycore's {@link Model}).
 */
class ShallowWaterRunTest extends OpenClBackendTestBase {

    private static ShallowWaterSetup case5(LatLonGrid grid, double dt, Integrator integrator, TendencyFilter filter) {
        return ShallowWaterSetup.williamsonCase5(grid, dt, integrator, filter);
    }

    private static double[] run(ComputeBackend backend, ShallowWaterSetup setup, int steps) {
        return Case5Runs.forward(backend, setup, steps);
    }

    private static void assertFieldsAgree(String what, double[] device, double[] reference, int n, double tolerance) {
        String[] names = {"h", "u", "v"};
        for (int f = 0; f < 3; f++) {
            double[] a = Arrays.copyOfRange(device, f * n, (f + 1) * n);
            double[] b = Arrays.copyOfRange(reference, f * n, (f + 1) * n);
            double d = Parity.relativeDifference(a, b);
            System.out.println(String.format(Locale.ROOT, "%s: %s differs by %.3e relative (OpenCL on %s vs Java)", what,
                    names[f], d, opencl.device().info().name()));
            assertTrue(d <= tolerance, what + ": " + names[f] + " differs by " + d + " relative");
        }
    }

    @Test
    void case5After100StepsWithThePolarFilterAgreesWithJava() {
        LatLonGrid grid = LatLonGrid.earth(5.625);
        ShallowWaterSetup setup = case5(grid, 900, new SspRk3(), new PolarFilter(grid, Math.toRadians(45)));
        ShallowWaterRun run = Case5Runs.start(opencl, setup);
        long before = opencl.device().bytesCopied();
        run.advance(100);
        assertEquals(0, opencl.device().bytesCopied() - before, "bytes copied between host and device while advancing");
        double[] device = Case5Runs.state(run, grid.nx() * grid.ny());
        double[] java = run(JavaBackend.serial(), setup, 100);
        double[] initial = run(JavaBackend.serial(), setup, 0);
        assertTrue(Parity.relativeDifference(device, initial) > 1e-3, "the flow evolves over 100 steps");
        assertFieldsAgree("case 5, 5.625 deg, SSP-RK3, polar filter, 100 steps", device, java,
                grid.nx() * grid.ny(), 1e-12);
    }

    @Test
    void case5After100Rk4StepsWithThePolarFilterAgreesWithJava() {
        LatLonGrid grid = LatLonGrid.earth(11.25);
        ShallowWaterSetup setup = case5(grid, 1800, new Rk4(), new PolarFilter(grid, Math.toRadians(45)));
        double[] device = run(opencl, setup, 100);
        double[] java = run(JavaBackend.serial(), setup, 100);
        assertFieldsAgree("case 5, 11.25 deg, RK4, polar filter, 100 steps", device, java, grid.nx() * grid.ny(), 1e-12);
    }

    /**
     * Without a tendency filter the run is device resident: 100 steps copy nothing between host and
     * device, and the state read afterwards agrees with Java's.
     */
    @Test
    void withoutAFilterTheTimeLoopStaysOnTheDevice() {
        LatLonGrid grid = LatLonGrid.earth(11.25);
        ShallowWaterSetup setup = case5(grid, 200, new SspRk3(), TendencyFilter.NONE);
        ShallowWaterRun run = Case5Runs.start(opencl, setup);
        long before = opencl.device().bytesCopied();
        run.advance(100);
        assertEquals(0, opencl.device().bytesCopied() - before, "bytes copied between host and device while advancing");
        int n = grid.nx() * grid.ny();
        double[] device = Case5Runs.state(run, n);
        assertEquals(3L * n * Double.BYTES, opencl.device().bytesCopied() - before, "reading the state copies it once");
        assertFieldsAgree("case 5, 11.25 deg, SSP-RK3, no filter, 100 steps", device,
                run(JavaBackend.serial(), setup, 100), n, 1e-12);
    }

    /**
     * A tendency filter without a device form runs on the host between the stages (here one that
     * halves the tendency away from the equator's rows, a linear stand-in); the result equals Java's.
     */
    @Test
    void aFilterWithoutADeviceFormRunsOnTheHost() {
        LatLonGrid grid = LatLonGrid.earth(11.25);
        TendencyFilter halving = new TendencyFilter() {
            @Override
            public <S extends org.ferrel.dycore.model.StateVector<S>> S apply(org.ferrel.autodiff.Ops o, S tendency) {
                org.ferrel.autodiff.Tensor[] f = tendency.toArray();
                org.ferrel.autodiff.Tensor[] r = new org.ferrel.autodiff.Tensor[f.length];
                for (int i = 0; i < f.length; i++) {
                    r[i] = o.mul(f[i], 0.5);
                }
                return tendency.withFields(r);
            }

            @Override
            public double effectiveMinimumDx(org.ferrel.dycore.grid.Grid g) {
                return TendencyFilter.NONE.effectiveMinimumDx(g);
            }
        };
        ShallowWaterSetup setup = case5(grid, 200, new SspRk3(), halving);
        long before = opencl.device().bytesCopied();
        double[] device = run(opencl, setup, 10);
        int n = grid.nx() * grid.ny();
        assertTrue(opencl.device().bytesCopied() - before >= 10L * 3 * 2 * 3 * n * Double.BYTES,
                "each stage reads and writes the tendency");
        assertFieldsAgree("case 5, 11.25 deg, SSP-RK3, a host filter, 10 steps", device,
                run(JavaBackend.serial(), setup, 10), n, 1e-12);
    }

    @Test
    void aStateOfTheWrongSizeIsNamed() {
        LatLonGrid grid = LatLonGrid.earth(11.25);
        ShallowWaterSetup setup = case5(grid, 200, new SspRk3(), TendencyFilter.NONE);
        int n = grid.nx() * grid.ny();
        for (ComputeBackend backend : new ComputeBackend[] {opencl, JavaBackend.serial()}) {
            ShallowWaterRun run = backend.shallowWater(setup);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run.setState(new double[n], new double[n - 1], new double[n]));
            assertTrue(e.getMessage().contains("field u has " + (n - 1) + " values") && e.getMessage().contains("" + n),
                    e.getMessage());
        }
    }

    @Test
    void runsAreBitwiseDeterministic() {
        LatLonGrid grid = LatLonGrid.earth(5.625);
        ShallowWaterSetup setup = case5(grid, 900, new SspRk3(), new PolarFilter(grid, Math.toRadians(45)));
        double[] first = run(opencl, setup, 20);
        double[] second = run(opencl, setup, 20);
        for (int i = 0; i < first.length; i++) {
            assertEquals(Double.doubleToRawLongBits(first[i]), Double.doubleToRawLongBits(second[i]), "value " + i);
        }
    }

    @Test
    void anIntegratorWithoutADeviceFormIsNamed() {
        LatLonGrid grid = LatLonGrid.earth(11.25);
        Integrator euler = new Integrator() {
            @Override
            public String name() {
                return "forward-euler";
            }

            @Override
            public <S extends org.ferrel.dycore.model.StateVector<S>> S step(org.ferrel.autodiff.Ops o,
                    org.ferrel.dycore.time.Tendency<S> f, S x, double dt) {
                return x.plusScaled(o, f.apply(o, x), dt);
            }

            @Override
            public double imaginaryAxisLimit() {
                return 0;
            }

            @Override
            public double realAxisLimit() {
                return 2;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> opencl.shallowWater(case5(grid, 200, euler, TendencyFilter.NONE)));
        assertTrue(e.getMessage().contains("forward-euler") && e.getMessage().contains("ssprk3"), e.getMessage());
    }
}
