package org.ferrel.gpu.opencl;

import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.shallowwater.TendencyKernel;
import org.jocl.cl_mem;

/**
 * The device tendency kernels beside the Java {@link TendencyKernel} on one grid, at random states:
 * what the parity tests assert and the device check ({@link DeviceCheck}) reports.
 */
public final class TendencyParity {
    private final Eager o = Eager.serial();
    private final OpenClDevice device;
    private final Grid grid;
    private final TendencyKernel java;
    private final ShallowWaterKernels opencl;

    /** @param coriolisAtCorners a Coriolis field at the corners, or null for the grid's */
    public TendencyParity(OpenClDevice device, Grid grid, double[] coriolisAtCorners) {
        this.device = device;
        this.grid = grid;
        this.java = new TendencyKernel(new CGridOperators(grid, coriolisAtCorners));
        this.opencl = new ShallowWaterKernels(device, grid, coriolisAtCorners);
    }

    /** Random (h, u, v, g, b): h around 5000 m, u and v of 20 m/s (v masked at the pole), b of 300 m. */
    public Tensor[] inputs(long seed) {
        Tensor[] r = GradientCheck.random(o, new Shape[] {grid.shape(), grid.shape(), grid.shape(), grid.shape()}, seed);
        Tensor mask = o.constant(Shape.of(grid.ny(), 1), grid.vMask());
        return new Tensor[] {o.add(o.mul(r[0], 100.0), 5000.0), o.mul(r[1], 20.0), o.mul(o.mul(r[2], 20.0), mask),
            o.scalar(9.80616), o.mul(r[3], 300.0)};
    }

    /** A random cotangent of the tendency [3, ny, nx]. */
    public double[] cotangent(long seed) {
        return GradientCheck.random(o, new Shape[] {Shape.of(3, grid.ny(), grid.nx())}, seed)[0].values();
    }

    /** The random direction of all inputs (h, u, v, g, b). */
    public Tensor[] direction(long seed) {
        return GradientCheck.random(o, new Shape[] {grid.shape(), grid.shape(), grid.shape(), Shape.SCALAR, grid.shape()},
                seed);
    }

    public double[] javaTendency(Tensor[] in) {
        return o.bind(java, in).values();
    }

    /** The Java adjoint (a tape over the fused kernel): [gh | gu | gv | gg | gb]. */
    public double[] javaAdjoint(Tensor[] in, double[] cot) {
        Derivatives.Function f = (q, x) -> new Tensor[] {q.bind(java, x)};
        Tensor c = o.constant(Shape.of(3, grid.ny(), grid.nx()), cot);
        return concat(Derivatives.vjp(o, f, in, new Tensor[] {c}).derivatives());
    }

    /** The Java tangent J dx [3n]. */
    public double[] javaTangent(Tensor[] in, Tensor[] dx) {
        Derivatives.Function f = (q, x) -> new Tensor[] {q.bind(java, x)};
        return Derivatives.jvp(o, f, in, dx).derivatives()[0].values();
    }

    public double[] deviceTendency(Tensor[] in) {
        int n = opencl.cells();
        cl_mem x = device.buffer(concat(new Tensor[] {in[0], in[1], in[2]}));
        cl_mem b = device.buffer(in[4].values());
        cl_mem out = device.buffer(3 * n);
        opencl.tendency(x, in[3].item(), b, out);
        double[] result = new double[3 * n];
        device.read(out, 0, result, 0, 3 * n);
        return result;
    }

    /** The device adjoint: [gh | gu | gv | gg | gb] of the cotangent {@code cot}. */
    public double[] deviceAdjoint(Tensor[] in, double[] cot) {
        int n = opencl.cells();
        cl_mem x = device.buffer(concat(new Tensor[] {in[0], in[1], in[2]}));
        cl_mem b = device.buffer(in[4].values());
        cl_mem c = device.buffer(cot);
        cl_mem gx = device.buffer(3 * n);
        cl_mem gb = device.buffer(n);
        cl_mem gg = device.buffer(1);
        opencl.adjoint(x, in[3].item(), b, c, gx, gb, gg);
        double[] result = new double[4 * n + 1];
        device.read(gx, 0, result, 0, 3 * n);
        device.read(gg, 0, result, 3 * n, 1);
        device.read(gb, 0, result, 3 * n + 1, n);
        return result;
    }

    /**
     * {@code |<J dx, y> - <dx, J^T y>| / max(|<J dx, y>|, |<dx, J^T y>|)} with J dx from the Java
     * tangent and J^T y from the device adjoint.
     */
    public double dotProductDefect(Tensor[] in, Tensor[] dx, double[] y) {
        double left = dot(javaTangent(in, dx), y);
        double right = dot(concat(dx), deviceAdjoint(in, y));
        return Math.abs(left - right) / Math.max(Math.abs(left), Math.abs(right));
    }

    static double[] concat(Tensor[] parts) {
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

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
