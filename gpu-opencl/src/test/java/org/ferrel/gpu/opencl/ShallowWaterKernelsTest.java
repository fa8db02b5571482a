package org.ferrel.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.PlaneGrid;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.shallowwater.TendencyKernel;
import org.jocl.cl_mem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenCL tendency kernels against the Java {@link TendencyKernel}: forward and adjoint on random
 * states of odd-sized grids (sphere, sphere with a Coriolis field, doubly periodic plane) to round-off,
 * and a dot-product test of the device adjoint against the Java tangent.
 */
class ShallowWaterKernelsTest {
    private static OpenClDevice device;
    private final Eager o = Eager.serial();

    @BeforeAll
    static void open() {
        device = new OpenClDevice(TestDevices.doublePrecisionDevice());
    }

    @AfterAll
    static void close() {
        if (device != null) {
            device.close();
        }
    }

    /** Random h around 5000 m, u and v of 20 m/s (v masked at the pole), g, b of 300 m: as TendencyKernelTest. */
    private Tensor[] inputs(Grid g, long seed) {
        Tensor[] r = GradientCheck.random(o, new Shape[] {g.shape(), g.shape(), g.shape(), g.shape()}, seed);
        Tensor mask = o.constant(Shape.of(g.ny(), 1), g.vMask());
        return new Tensor[] {o.add(o.mul(r[0], 100.0), 5000.0), o.mul(r[1], 20.0), o.mul(o.mul(r[2], 20.0), mask),
            o.scalar(9.80616), o.mul(r[3], 300.0)};
    }

    private static double[] state(Tensor[] in) {
        int n = in[0].values().length;
        double[] x = new double[3 * n];
        for (int f = 0; f < 3; f++) {
            System.arraycopy(in[f].values(), 0, x, f * n, n);
        }
        return x;
    }

    private static LatLonGrid oddSphere() {
        return new LatLonGrid(17, 9, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
    }

    private static PlaneGrid oddPlane() {
        return new PlaneGrid(9, 7, 1e6, 8e5, 1e-4);
    }

    private double[] deviceTendency(ShallowWaterKernels k, Tensor[] in) {
        int n = k.cells();
        cl_mem x = device.buffer(state(in));
        cl_mem b = device.buffer(in[4].values());
        cl_mem out = device.buffer(3 * n);
        k.tendency(x, in[3].item(), b, out);
        double[] result = new double[3 * n];
        device.read(out, 0, result, 0, 3 * n);
        return result;
    }

    /** The device adjoint: [gh | gu | gv | gg | gb] of the cotangent {@code cot}. */
    private double[] deviceAdjoint(ShallowWaterKernels k, Tensor[] in, double[] cot) {
        int n = k.cells();
        cl_mem x = device.buffer(state(in));
        cl_mem b = device.buffer(in[4].values());
        cl_mem c = device.buffer(cot);
        cl_mem gx = device.buffer(3 * n);
        cl_mem gb = device.buffer(n);
        cl_mem gg = device.buffer(1);
        k.adjoint(x, in[3].item(), b, c, gx, gb, gg);
        double[] result = new double[4 * n + 1];
        device.read(gx, 0, result, 0, 3 * n);
        device.read(gg, 0, result, 3 * n, 1);
        device.read(gb, 0, result, 3 * n + 1, n);
        return result;
    }

    private static double[] concat(Tensor[] parts) {
        int length = 0;
        for (Tensor t : parts) {
            length += t.values().length;
        }
        double[] all = new double[length];
        int at = 0;
        for (Tensor t : parts) {
            System.arraycopy(t.values(), 0, all, at, t.values().length);
            at += t.values().length;
        }
        return all;
    }

    private void forwardAndAdjointAgree(Grid g, double[] coriolisField) {
        TendencyKernel java = new TendencyKernel(new CGridOperators(g, coriolisField));
        ShallowWaterKernels opencl = new ShallowWaterKernels(device, g, coriolisField);
        Tensor[] in = inputs(g, 5);
        Derivatives.Function f = (q, x) -> new Tensor[] {q.bind(java, x)};
        double[] expected = o.bind(java, in).values();
        double forward = TestDevices.relativeDifference(deviceTendency(opencl, in), expected);
        assertTrue(forward <= 1e-13, "forward tendency differs by " + forward + " relative on " + g);
        Tensor cot = GradientCheck.random(o, new Shape[] {Shape.of(3, g.ny(), g.nx())}, 7)[0];
        Tensor[] javaAdjoint = Derivatives.vjp(o, f, in, new Tensor[] {cot}).derivatives();
        double[] deviceAdjoint = deviceAdjoint(opencl, in, cot.values());
        double adjoint = TestDevices.relativeDifference(deviceAdjoint, concat(javaAdjoint));
        assertTrue(adjoint <= 1e-13, "adjoint differs by " + adjoint + " relative on " + g);
    }

    @Test
    void sphereOfOddSize() {
        forwardAndAdjointAgree(oddSphere(), null);
    }

    @Test
    void sphereWithACoriolisField() {
        LatLonGrid g = oddSphere();
        forwardAndAdjointAgree(g, Williamson.case2(0.7).coriolis(g));
    }

    @Test
    void periodicPlaneOfOddSize() {
        forwardAndAdjointAgree(oddPlane(), null);
    }

    /**
     * {@code <J dx, y> = <dx, J^T y>} with J dx from the Java tangent (itself checked against
     * finite differences in the dycore's tests) and J^T y from the device adjoint, in a random
     * direction of all inputs (h, u, v, g, b).
     */
    @Test
    void deviceAdjointPassesTheDotProductTest() {
        for (Grid g : new Grid[] {oddSphere(), oddPlane()}) {
            TendencyKernel java = new TendencyKernel(new CGridOperators(g));
            ShallowWaterKernels opencl = new ShallowWaterKernels(device, g, null);
            Tensor[] in = inputs(g, 11);
            Tensor[] dx = GradientCheck.random(o, new Shape[] {g.shape(), g.shape(), g.shape(), Shape.SCALAR, g.shape()},
                    13);
            Tensor[] y = GradientCheck.random(o, new Shape[] {Shape.of(3, g.ny(), g.nx())}, 17);
            Derivatives.Function f = (q, x) -> new Tensor[] {q.bind(java, x)};
            double[] jdx = Derivatives.jvp(o, f, in, dx).derivatives()[0].values();
            double left = dot(jdx, y[0].values());
            double right = dot(concat(dx), deviceAdjoint(opencl, in, y[0].values()));
            double scale = Math.max(Math.abs(left), Math.abs(right));
            assertTrue(Math.abs(left - right) <= 1e-13 * scale,
                    "<J dx, y> = " + left + ", <dx, J^T y> = " + right + " on " + g);
        }
    }

    /** The same device, inputs and launches give bitwise the same tendency and adjoint. */
    @Test
    void runsAreBitwiseDeterministic() {
        LatLonGrid g = oddSphere();
        ShallowWaterKernels opencl = new ShallowWaterKernels(device, g, null);
        Tensor[] in = inputs(g, 19);
        double[] cot = GradientCheck.random(o, new Shape[] {Shape.of(3, g.ny(), g.nx())}, 23)[0].values();
        assertArrayEquals(deviceTendency(opencl, in), deviceTendency(opencl, in));
        double[] first = deviceAdjoint(opencl, in, cot);
        double[] second = deviceAdjoint(opencl, in, cot);
        assertEquals(first.length, second.length);
        for (int i = 0; i < first.length; i++) {
            assertEquals(Double.doubleToRawLongBits(first[i]), Double.doubleToRawLongBits(second[i]), "value " + i);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
