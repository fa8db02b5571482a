package org.ferrel.gpu.opencl;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.ferrel.autodiff.loop.ScheduleVisitor;
import org.ferrel.autodiff.loop.Tier;
import org.jocl.cl_mem;

/**
 * Carries out a checkpoint schedule's actions on an {@link OpenClShallowWaterRun}: snapshots are
 * device buffers (copied on the device, never to the host), steps and their adjoints are kernel
 * launches. Only the final depth (for the cost and its gradient) and the gradients cross to the host.
 */
final class DeviceReverser implements ScheduleVisitor {
    private final OpenClShallowWaterRun run;
    private final OpenClDevice device;
    private final ShallowWaterKernels kernels;
    private final int steps;
    private final DepthMisfit misfit;
    private final int n;
    private final int length;
    private final Map<Integer, cl_mem> snapshots = new HashMap<>();
    private final ArrayDeque<cl_mem> freeSnapshots = new ArrayDeque<>();
    private cl_mem current;
    private cl_mem scratch;
    private cl_mem stateAdjoint;
    private cl_mem previousAdjoint;
    private final cl_mem topographyAdjoint;
    private final cl_mem gravityAdjoint;
    private int level;
    private int nextReverse;
    private double cost = Double.NaN;

    DeviceReverser(OpenClShallowWaterRun run, int steps, DepthMisfit misfit) {
        this.run = run;
        this.kernels = run.kernels();
        this.device = kernels.device();
        this.steps = steps;
        this.misfit = misfit;
        this.n = kernels.cells();
        this.length = 3 * n;
        this.current = device.buffer(length);
        this.scratch = device.buffer(length);
        device.copy(run.state(), current, length);
        this.stateAdjoint = device.buffer(length);
        this.previousAdjoint = device.buffer(length);
        this.topographyAdjoint = device.buffer(new double[n]);
        this.gravityAdjoint = device.buffer(new double[1]);
        this.nextReverse = steps - 1;
    }

    @Override
    public void store(int at, Tier tier) {
        requireLevel(at, "store");
        requireMemory(tier);
        cl_mem snapshot = freeSnapshots.isEmpty() ? device.buffer(length) : freeSnapshots.pop();
        device.copy(current, snapshot, length);
        snapshots.put(at, snapshot);
    }

    @Override
    public void restore(int at, Tier tier) {
        requireMemory(tier);
        cl_mem snapshot = snapshots.get(at);
        if (snapshot == null) {
            throw new IllegalStateException("no device snapshot at level " + at);
        }
        device.copy(snapshot, current, length);
        level = at;
    }

    @Override
    public void discard(int at, Tier tier) {
        cl_mem snapshot = snapshots.remove(at);
        if (snapshot != null) {
            freeSnapshots.push(snapshot);
        }
    }

    @Override
    public void advance(int to) {
        while (level < to) {
            run.step(current, scratch);
            cl_mem t = current;
            current = scratch;
            scratch = t;
            level++;
        }
    }

    @Override
    public void recordAndKeep() {
        throw new IllegalArgumentException("OpenCL backend: the gradient keeps snapshots, not step tapes");
    }

    @Override
    public void reverse(int step) {
        if (step != nextReverse) {
            throw new IllegalStateException("reversing step " + step + " but step " + nextReverse + " is next");
        }
        requireLevel(step, "reverse");
        if (step == steps - 1) {
            seed();
        }
        run.adjointStep(current, stateAdjoint, previousAdjoint, topographyAdjoint, gravityAdjoint);
        cl_mem t = stateAdjoint;
        stateAdjoint = previousAdjoint;
        previousAdjoint = t;
        nextReverse--;
    }

    /** The cost at the final state and its gradient as the adjoint of the final state (the depth read to the host). */
    private void seed() {
        run.step(current, scratch);
        double[] finalDepth = new double[n];
        device.read(scratch, 0, finalDepth, 0, n);
        cost = misfit.value(finalDepth);
        double[] seed = new double[length];
        misfit.gradient(finalDepth, seed);
        device.write(stateAdjoint, 0, seed, 0, length);
    }

    /** Frees the device buffers of this reversal: snapshots, state copies and adjoints. */
    void release() {
        for (cl_mem m : snapshots.values()) {
            device.release(m);
        }
        for (cl_mem m : freeSnapshots) {
            device.release(m);
        }
        snapshots.clear();
        freeSnapshots.clear();
        for (cl_mem m : new cl_mem[] {current, scratch, stateAdjoint, previousAdjoint, topographyAdjoint,
            gravityAdjoint}) {
            device.release(m);
        }
    }

    RunGradient result() {
        if (nextReverse != -1) {
            throw new IllegalStateException("the schedule reversed down to step " + (nextReverse + 1) + ", not 0");
        }
        double[] g = new double[length];
        double[] topography = new double[n];
        double[] gravity = new double[1];
        device.read(stateAdjoint, 0, g, 0, length);
        device.read(topographyAdjoint, 0, topography, 0, n);
        device.read(gravityAdjoint, 0, gravity, 0, 1);
        return new RunGradient(cost, java.util.Arrays.copyOfRange(g, 0, n), java.util.Arrays.copyOfRange(g, n, 2 * n),
                java.util.Arrays.copyOfRange(g, 2 * n, length), gravity[0], topography);
    }

    private void requireLevel(int at, String action) {
        if (level != at) {
            throw new IllegalStateException(action + " at level " + at + " but the state is at level " + level);
        }
    }

    private static void requireMemory(Tier tier) {
        if (tier != Tier.MEMORY) {
            throw new IllegalArgumentException("OpenCL backend: snapshots are kept in device memory; "
                    + "a schedule with " + tier + " snapshots has no device form yet");
        }
    }
}
