package org.ferrel.dycore.cases;

import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.model.State;

/**
 * An initial condition given by analytic functions of longitude and latitude (or x and y), sampled
 * at each variable's own C-grid location.
 */
public interface InitialCondition {
    /** Depth of the fluid h = surface height - topography [m] at (lon, lat). */
    double depth(double lon, double lat);

    double u(double lon, double lat);

    double v(double lon, double lat);

    /** Bottom topography [m]; flat unless overridden. */
    default double topography(double lon, double lat) {
        return 0.0;
    }

    /** Samples a function at one location of the grid, as a flat [ny * nx] array. */
    static double[] sample(Grid grid, Location location, java.util.function.DoubleBinaryOperator f) {
        double[] out = new double[grid.nx() * grid.ny()];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                out[j * grid.nx() + i] = f.applyAsDouble(grid.x(location, i), grid.y(location, j));
            }
        }
        return out;
    }

    /**
     * The Coriolis parameter [1/s] the case prescribes at (lon, lat), or NaN for the grid's own
     * {@code 2 Omega sin(lat)}.
     */
    default double coriolis(double lon, double lat) {
        return Double.NaN;
    }

    /** The case's Coriolis field at the corners, or {@code null} when it uses the grid's. */
    default double[] coriolis(Grid grid) {
        double[] f = sample(grid, Location.CORNER, this::coriolis);
        return Double.isNaN(f[0]) ? null : f;
    }

    default double[] topography(Grid grid) {
        return sample(grid, Location.CENTER, this::topography);
    }

    default State state(Ops o, Grid grid) {
        double[] v = sample(grid, Location.V_FACE, this::v);
        double[] mask = grid.vMask();
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                v[j * grid.nx() + i] *= mask[j];
            }
        }
        return new State(o.constant(grid.shape(), sample(grid, Location.CENTER, this::depth)),
                o.constant(grid.shape(), sample(grid, Location.U_FACE, this::u)),
                o.constant(grid.shape(), v));
    }
}
