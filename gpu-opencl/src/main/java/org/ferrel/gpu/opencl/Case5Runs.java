package org.ferrel.gpu.opencl;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.State;

/**
 * Runs from Williamson et al. (1992) case 5's initial state on any backend: what the parity tests
 * and {@link DeviceCheck} compare between backends.
 */
public final class Case5Runs {
    private Case5Runs() {
    }

    /** A run of {@code setup} on {@code backend}, at case 5's initial state. */
    public static ShallowWaterRun start(ComputeBackend backend, ShallowWaterSetup setup) {
        ShallowWaterRun run = backend.shallowWater(setup);
        setInitialState(run, setup.grid());
        return run;
    }

    /** Sets case 5's initial state on the grid. */
    public static void setInitialState(ShallowWaterRun run, Grid grid) {
        State initial = Williamson.case5().state(Eager.serial(), grid);
        run.setState(initial.h().values(), initial.u().values(), initial.v().values());
    }

    /** The state [h | u | v] after {@code steps} steps. */
    public static double[] forward(ComputeBackend backend, ShallowWaterSetup setup, int steps) {
        ShallowWaterRun run = start(backend, setup);
        run.advance(steps);
        return state(run, setup.grid().nx() * setup.grid().ny());
    }

    /** The run's state as one array [h | u | v] of fields of n cells. */
    public static double[] state(ShallowWaterRun run, int n) {
        double[] h = new double[n];
        double[] u = new double[n];
        double[] v = new double[n];
        run.readState(h, u, v);
        double[] all = new double[3 * n];
        System.arraycopy(h, 0, all, 0, n);
        System.arraycopy(u, 0, all, n, n);
        System.arraycopy(v, 0, all, 2 * n, n);
        return all;
    }

    /** The gradient of the mountain-quadrant misfit after {@code steps} steps, binomial with {@code snapshots}. */
    public static RunGradient gradient(ComputeBackend backend, ShallowWaterSetup setup, int steps, int snapshots) {
        return start(backend, setup).gradient(steps, DepthMisfit.mountainQuadrant((LatLonGrid) setup.grid()),
                CheckpointSchedule.binomial(snapshots));
    }
}
