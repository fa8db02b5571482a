package org.ferrel.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.PlaneGrid;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.jocl.cl_mem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenCL tendency kernels against the Java {@link org.ferrel.dycore.shallowwater.TendencyKernel}:
 * forward and adjoint on random states of odd-sized grids (sphere, sphere with a Coriolis field,
 * doubly periodic plane) to round-off, and a dot-product test of the device adjoint against the Java
 * tangent (itself checked against finite differences in the dycore's tests).
 */
class ShallowWaterKernelsTest {
    private static OpenClDevice device;

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

    private static LatLonGrid oddSphere() {
        return new LatLonGrid(17, 9, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
    }

    private static PlaneGrid oddPlane() {
        return new PlaneGrid(9, 7, 1e6, 8e5, 1e-4);
    }

    private void forwardAndAdjointAgree(Grid g, double[] coriolisField) {
        TendencyParity parity = new TendencyParity(device, g, coriolisField);
        Tensor[] in = parity.inputs(5);
        double forward = Parity.relativeDifference(parity.deviceTendency(in), parity.javaTendency(in));
        assertTrue(forward <= 1e-13, "forward tendency differs by " + forward + " relative on " + g);
        double[] cot = parity.cotangent(7);
        double adjoint = Parity.relativeDifference(parity.deviceAdjoint(in, cot), parity.javaAdjoint(in, cot));
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

    /** {@code <J dx, y> = <dx, J^T y>} in a random direction of all inputs (h, u, v, g, b). */
    @Test
    void deviceAdjointPassesTheDotProductTest() {
        for (Grid g : new Grid[] {oddSphere(), oddPlane()}) {
            TendencyParity parity = new TendencyParity(device, g, null);
            Tensor[] in = parity.inputs(11);
            double defect = parity.dotProductDefect(in, parity.direction(13), parity.cotangent(17));
            assertTrue(defect <= 1e-13, "dot-product defect " + defect + " on " + g);
        }
    }

    /**
     * The device polar filter, by FFT and as a convolution, against the dycore's (FFT per row:
     * Bluestein for 17 columns, radix 2 for 32 and 128) on a random tendency; it is its own adjoint.
     */
    @Test
    void polarFilterAgreesWithTheJavaFilter() {
        for (LatLonGrid g : new LatLonGrid[] {oddSphere(), LatLonGrid.earth(11.25), LatLonGrid.earth(2.8125)}) {
            for (boolean allowFft : new boolean[] {true, false}) {
                PolarFilter javaFilter = new PolarFilter(g, Math.toRadians(45));
                DevicePolarFilter deviceFilter = new DevicePolarFilter(new ShallowWaterKernels(device, g, null),
                        javaFilter, g, allowFft);
                assertEquals(allowFft && g.nx() != 17, deviceFilter.usesFft(), "the FFT form runs where nx is 2^m");
                Eager o = Eager.serial();
                Tensor[] t = GradientCheck.random(o, new Shape[] {g.shape(), g.shape(), g.shape()}, 29);
                double[] expected = TendencyParity.concat(javaFilter.apply(o, new State(t[0], t[1], t[2])).toArray());
                double[] input = TendencyParity.concat(t);
                double[] filtered = new double[input.length];
                cl_mem in = device.buffer(input);
                cl_mem out = device.buffer(input.length);
                deviceFilter.apply(in, out);
                device.read(out, 0, filtered, 0, filtered.length);
                double d = Parity.relativeDifference(filtered, expected);
                assertTrue(d <= 1e-13, "polar filter (fft " + deviceFilter.usesFft() + ") differs by " + d
                        + " relative on " + g);
                assertTrue(Parity.relativeDifference(filtered, input) > 1e-2, "the filter changes the polar rows");
            }
        }
    }

    /** The same device, inputs and launches give bitwise the same tendency and adjoint. */
    @Test
    void runsAreBitwiseDeterministic() {
        TendencyParity parity = new TendencyParity(device, oddSphere(), null);
        Tensor[] in = parity.inputs(19);
        double[] cot = parity.cotangent(23);
        assertTrue(Parity.bitwiseEqual(parity.deviceTendency(in), parity.deviceTendency(in)), "tendency");
        assertTrue(Parity.bitwiseEqual(parity.deviceAdjoint(in, cot), parity.deviceAdjoint(in, cot)), "adjoint");
    }
}
