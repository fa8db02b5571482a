package org.ferrel.gpu.opencl;

import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.TendencyFilter;
import org.ferrel.dycore.time.Integrator;

/**
 * A shallow-water model every backend can run: the fused dynamics of
 * {@link org.ferrel.dycore.shallowwater.TendencyKernel}, an optional filter of the total tendency
 * (e.g. {@link org.ferrel.dycore.shallowwater.PolarFilter}), an integrator and a fixed time step.
 * Tendency terms (diffusion, drag, relaxation) have no device form yet, so they are not part of it.
 *
 * @param coriolis   the Coriolis field at the corners [ny * nx] [1/s], or null for the grid's
 * @param gravity    g [m/s^2]
 * @param topography b at the centres [ny * nx] [m]
 * @param timeStep   dt [s]
 */
public record ShallowWaterSetup(Grid grid, double[] coriolis, double gravity, double[] topography, double timeStep,
                                Integrator integrator, TendencyFilter filter) {
    public ShallowWaterSetup {
        int n = grid.nx() * grid.ny();
        if (topography.length != n) {
            throw new IllegalArgumentException("topography has " + topography.length + " values, the grid "
                    + grid.shape() + " needs " + n);
        }
        topography = topography.clone();
        coriolis = coriolis == null ? null : coriolis.clone();
    }

    /**
     * Williamson et al. (1992) case 5, zonal flow over an isolated mountain, with its topography and
     * the grid's Coriolis parameter at standard gravity.
     */
    public static ShallowWaterSetup williamsonCase5(Grid grid, double timeStep, Integrator integrator,
                                                    TendencyFilter filter) {
        InitialCondition ic = Williamson.case5();
        return new ShallowWaterSetup(grid, ic.coriolis(grid), Model.STANDARD_GRAVITY, ic.topography(grid), timeStep,
                integrator, filter);
    }

    /** The same model as the dycore's Java {@link Model}. */
    public Model model() {
        return Model.builder(grid).coriolis(coriolis).gravity(gravity).topography(topography).timeStep(timeStep)
                .integrator(integrator).filter(filter).build();
    }
}
