package org.ferrel.gpu.opencl;

import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.StoreAll;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.model.TendencyFilter;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.dycore.time.Rk4;
import org.ferrel.dycore.time.SspRk3;
import org.jocl.cl_mem;

/**
 * A shallow-water run on an OpenCL device: the state, the topography and every stage field of the
 * integrator live in device buffers, and a step is a sequence of kernel launches on one in-order
 * queue. The dycore's {@link PolarFilter} runs on the device ({@link DevicePolarFilter}), so nothing
 * crosses to the host while the run advances. Any other tendency filter has no device form: it runs
 * on the host between the stages, the tendency read back and written again each stage
 * ({@link OpenClDevice#bytesCopied()} counts these copies).
 */
public final class OpenClShallowWaterRun implements ShallowWaterRun {
    private final ShallowWaterKernels kernels;
    private final OpenClDevice device;
    private final ShallowWaterSetup setup;
    private final boolean rk4;
    private final int n;
    private final int length;
    private final double dt;
    private final double gravity;
    private final cl_mem topography;
    private cl_mem x;
    private cl_mem next;
    private final cl_mem stageA;
    private final cl_mem stageB;
    private final cl_mem k1;
    private final cl_mem k2;
    private final cl_mem k3;
    private final cl_mem k4;
    // the adjoint's work fields
    private final cl_mem scaledCotangent;
    private final cl_mem adjointOut;
    private final cl_mem stepTopography;
    private final cl_mem stepGravity;
    // the polar filter on the device (null without one), the unfiltered tendency and cotangent
    private final DevicePolarFilter devicePolarFilter;
    private final cl_mem unfiltered;
    // the host side of another tendency filter (null without one)
    private final Eager host;
    private final Shape shape;
    private final double[] tendencyOnHost;

    OpenClShallowWaterRun(ShallowWaterKernels kernels, ShallowWaterSetup setup) {
        if (setup.integrator() instanceof Rk4) {
            this.rk4 = true;
        } else if (setup.integrator() instanceof SspRk3) {
            this.rk4 = false;
        } else {
            throw new IllegalArgumentException("OpenCL backend: integrator " + setup.integrator().name()
                    + " has no device form; expected ssprk3 or rk4");
        }
        this.kernels = kernels;
        this.device = kernels.device();
        this.setup = setup;
        this.n = kernels.cells();
        this.length = 3 * n;
        this.dt = setup.timeStep();
        this.gravity = setup.gravity();
        this.topography = device.buffer(setup.topography());
        this.x = device.buffer(length);
        this.next = device.buffer(length);
        this.stageA = device.buffer(length);
        this.stageB = device.buffer(length);
        this.k1 = device.buffer(length);
        this.k2 = device.buffer(length);
        this.k3 = device.buffer(length);
        this.k4 = rk4 ? device.buffer(length) : null;
        this.scaledCotangent = device.buffer(length);
        this.adjointOut = device.buffer(length);
        this.stepTopography = device.buffer(n);
        this.stepGravity = device.buffer(1);
        this.devicePolarFilter = setup.filter() instanceof PolarFilter polar && setup.grid() instanceof LatLonGrid grid
                ? new DevicePolarFilter(kernels, polar, grid) : null;
        this.unfiltered = devicePolarFilter != null ? device.buffer(length) : null;
        boolean filtered = setup.filter() != TendencyFilter.NONE && devicePolarFilter == null;
        this.host = filtered ? Eager.serial() : null;
        this.shape = setup.grid().shape();
        this.tendencyOnHost = filtered ? new double[length] : null;
    }

    @Override
    public void setState(double[] h, double[] u, double[] v) {
        ShallowWaterRun.requireFields(n, h, u, v);
        device.write(x, 0, h, 0, n);
        device.write(x, n, u, 0, n);
        device.write(x, 2 * n, v, 0, n);
    }

    @Override
    public void readState(double[] h, double[] u, double[] v) {
        ShallowWaterRun.requireFields(n, h, u, v);
        device.read(x, 0, h, 0, n);
        device.read(x, n, u, 0, n);
        device.read(x, 2 * n, v, 0, n);
    }

    @Override
    public void advance(int steps) {
        for (int s = 0; s < steps; s++) {
            step(x, next);
            cl_mem old = x;
            x = next;
            next = old;
        }
        device.finish();
    }

    /**
     * The bytes a step moves between the kernels and global memory by the count of fields each
     * launch reads and writes (a model, not a measurement): SSP-RK3 three tendencies, addScaled
     * (9n doubles: two states read, one written) and two combine3 (12n each); RK4 four tendencies,
     * three addScaled, combine4 (15n) and add (9n). A host filter's copies are not counted.
     */
    public long bytesPerStep() {
        double perTendency = ShallowWaterKernels.TENDENCY_FIELDS
                + (devicePolarFilter != null ? devicePolarFilter.fieldsPerApplication() : 0);
        double fields = rk4 ? 4 * perTendency + 3 * 9 + 15 + 9 : 3 * perTendency + 9 + 12 + 12;
        return Math.round(fields * n * Double.BYTES);
    }

    /** Enqueues one step of the integrator from the state {@code from} into {@code to}. */
    void step(cl_mem from, cl_mem to) {
        if (rk4) {
            rk4Step(from, to);
        } else {
            sspRk3Step(from, to);
        }
    }

    /** {@link SspRk3}: x1 = x + dt F(x); x2 = 3/4 x + 1/4 x1 + dt/4 F(x1); next = x/3 + 2/3 x2 + 2/3 dt F(x2). */
    private void sspRk3Step(cl_mem x, cl_mem next) {
        tendency(x, k1);
        kernels.addScaled(length, x, dt, k1, stageA);
        tendency(stageA, k2);
        kernels.combine(length, new double[] {0.75, 0.25, 0.25 * dt}, x, stageA, k2, stageB);
        tendency(stageB, k3);
        kernels.combine(length, new double[] {1.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0 * dt}, x, stageB, k3, next);
    }

    /** {@link Rk4}: next = x + (dt/6 k1 + dt/3 k2 + dt/3 k3 + dt/6 k4). */
    private void rk4Step(cl_mem x, cl_mem next) {
        tendency(x, k1);
        kernels.addScaled(length, x, dt / 2, k1, stageA);
        tendency(stageA, k2);
        kernels.addScaled(length, x, dt / 2, k2, stageA);
        tendency(stageA, k3);
        kernels.addScaled(length, x, dt, k3, stageA);
        tendency(stageA, k4);
        kernels.combine(length, new double[] {dt / 6, dt / 3, dt / 3, dt / 6}, k1, k2, k3, k4, stageB);
        kernels.add(length, x, stageB, next);
    }

    /** The total tendency of {@code state} into {@code out}: the device kernels, then the filter. */
    private void tendency(cl_mem state, cl_mem out) {
        if (devicePolarFilter != null) {
            kernels.tendency(state, gravity, topography, unfiltered);
            devicePolarFilter.apply(unfiltered, out);
            return;
        }
        kernels.tendency(state, gravity, topography, out);
        if (tendencyOnHost == null) {
            return;
        }
        device.read(out, 0, tendencyOnHost, 0, length);
        State t = new State(field(0), field(1), field(2));
        State filtered = setup.filter().apply(host, t);
        device.write(out, 0, filtered.h().values(), 0, n);
        device.write(out, n, filtered.u().values(), 0, n);
        device.write(out, 2 * n, filtered.v().values(), 0, n);
    }

    @Override
    public RunGradient gradient(int steps, DepthMisfit misfit, CheckpointSchedule schedule) {
        if (rk4) {
            throw new IllegalArgumentException("OpenCL backend: the gradient has a device form for ssprk3 only, "
                    + "the setup integrates with rk4");
        }
        if (schedule instanceof StoreAll) {
            throw new IllegalArgumentException("OpenCL backend: the gradient keeps snapshots, not step tapes: use "
                    + "CheckpointSchedule.binomial, not store-all");
        }
        cl_mem initial = device.buffer(length);
        device.copy(x, initial, length);
        DeviceReverser reverser = new DeviceReverser(this, steps, misfit);
        try {
            schedule.plan(steps, reverser);
            return reverser.result();
        } finally {
            device.copy(initial, x, length);
            reverser.release();
            device.release(initial);
        }
    }

    ShallowWaterKernels kernels() {
        return kernels;
    }

    /** The current state's buffer [h | u | v]. */
    cl_mem state() {
        return x;
    }

    /**
     * Enqueues the adjoint of one {@link SspRk3} step from the state {@code x}: from the cotangent
     * {@code ybar} of the next state, writes the cotangent of x into {@code xbar} and adds the
     * cotangents of the topography and of gravity into {@code gb} [n] and {@code gg} [1]. The stages
     * are recomputed from x.
     * <pre>
     *   y  = x/3 + 2/3 x2 + 2/3 dt F(x2):  x2bar = 2/3 ybar + F'(x2)^T (2/3 dt ybar),  xbar = ybar/3
     *   x2 = 3/4 x + 1/4 x1 + dt/4 F(x1):  x1bar = x2bar/4 + F'(x1)^T (dt/4 x2bar),    xbar += 3/4 x2bar
     *   x1 = x + dt F(x):                  xbar += x1bar + F'(x)^T (dt x1bar)
     * </pre>
     */
    void adjointStep(cl_mem x, cl_mem ybar, cl_mem xbar, cl_mem gb, cl_mem gg) {
        cl_mem x1 = stageA;
        cl_mem x2 = stageB;
        tendency(x, k1);
        kernels.addScaled(length, x, dt, k1, x1);
        tendency(x1, k2);
        kernels.combine(length, new double[] {0.75, 0.25, 0.25 * dt}, x, x1, k2, x2);
        cl_mem x2bar = k1;
        cl_mem x1bar = k2;
        stageAdjoint(x2, 2.0 / 3.0 * dt, ybar, gb, gg);
        kernels.combine(length, 2.0 / 3.0, ybar, 1.0, adjointOut, x2bar);
        kernels.scale(length, 1.0 / 3.0, ybar, xbar);
        stageAdjoint(x1, 0.25 * dt, x2bar, gb, gg);
        kernels.combine(length, 0.25, x2bar, 1.0, adjointOut, x1bar);
        kernels.combine(length, 1.0, xbar, 0.75, x2bar, xbar);
        stageAdjoint(x, dt, x1bar, gb, gg);
        kernels.combine(length, new double[] {1.0, 1.0, 1.0}, xbar, x1bar, adjointOut, xbar);
    }

    /**
     * {@code adjointOut = F'(state)^T (factor cot)}, the filter's transpose then the tendency's
     * adjoint, adding the parameters' cotangents into gb and gg. The polar filter is symmetric: its
     * transpose is itself.
     */
    private void stageAdjoint(cl_mem state, double factor, cl_mem cot, cl_mem gb, cl_mem gg) {
        if (devicePolarFilter != null) {
            kernels.scale(length, factor, cot, unfiltered);
            devicePolarFilter.apply(unfiltered, scaledCotangent);
        } else {
            kernels.scale(length, factor, cot, scaledCotangent);
        }
        if (tendencyOnHost != null) {
            device.read(scaledCotangent, 0, tendencyOnHost, 0, length);
            Tensor[] zero = {host.zeros(shape), host.zeros(shape), host.zeros(shape)};
            Tensor[] c = {field(0), field(1), field(2)};
            Tensor[] transposed = Derivatives.vjp(host,
                    (q, in) -> setup.filter().apply(q, new State(in[0], in[1], in[2])).toArray(), zero, c).derivatives();
            for (int f = 0; f < 3; f++) {
                device.write(scaledCotangent, f * n, transposed[f].values(), 0, n);
            }
        }
        kernels.adjoint(state, gravity, topography, scaledCotangent, adjointOut, stepTopography, stepGravity);
        kernels.add(n, gb, stepTopography, gb);
        kernels.add(1, gg, stepGravity, gg);
    }

    private Tensor field(int index) {
        double[] values = new double[n];
        System.arraycopy(tendencyOnHost, index * n, values, 0, n);
        return host.constant(shape, values);
    }
}
