package org.ferrel.gpu.opencl;

/**
 * A shallow-water run resident on its backend: the state and the integrator's stage fields stay
 * where the backend computes; only {@link #setState} and {@link #readState} move the state.
 */
public interface ShallowWaterRun {
    /**
     * Sets the state: depth h, zonal velocity u, meridional velocity v, each [ny * nx].
     *
     * @throws IllegalArgumentException naming the field whose length is not the grid's
     */
    void setState(double[] h, double[] u, double[] v);

    /** Checks that h, u and v (in that order) have {@code cells} values each. */
    static void requireFields(int cells, double[]... fields) {
        String[] names = {"h", "u", "v"};
        for (int f = 0; f < fields.length; f++) {
            if (fields[f].length != cells) {
                throw new IllegalArgumentException("shallow-water state: field " + names[f] + " has "
                        + fields[f].length + " values, the grid needs " + cells);
            }
        }
    }

    /** Advances the state by {@code steps} time steps of the setup's integrator. */
    void advance(int steps);

    /** Copies the state into h, u and v. */
    void readState(double[] h, double[] u, double[] v);

    /**
     * The gradient of {@code misfit} of the depth after {@code steps} steps from the current state,
     * with respect to that state, gravity and the topography, reversed by {@code schedule}. The
     * current state is left as it was.
     *
     * @throws IllegalArgumentException when this backend has no device form of the schedule or integrator
     */
    RunGradient gradient(int steps, DepthMisfit misfit, org.ferrel.autodiff.loop.CheckpointSchedule schedule);
}
