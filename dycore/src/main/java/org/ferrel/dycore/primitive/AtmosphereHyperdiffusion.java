package org.ferrel.dycore.primitive;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.PolarScaling;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.shallowwater.DiffusionKernel;

/**
 * Biharmonic diffusion of every layer on sigma surfaces: {@code dT/dt = -nu del^4 T} and the vector
 * Laplacian applied twice to (u, v), the same operator as the shallow-water
 * {@link org.ferrel.dycore.model.Hyperdiffusion} (its composite form, applied to all levels at once),
 * with the zonal differences scaled poleward of phi_c so that the damping rate stays bounded. It damps
 * the grid's shortest waves at {@code nu (4/dx^2 + 4/dy^2)^2}.
 *
 * @param coefficient          default nu [m^4/s] (parameter {@code hyperdiffusion.coefficient}, 0 to 1e22: one day at the grid scale
 *                             is 6.9e15 at 2.8 degrees and 2.6e19 at 22.5)
 * @param polarScalingLatitude phi_c [rad] (NaN: none)
 */
public record AtmosphereHyperdiffusion(double coefficient, double polarScalingLatitude) implements AtmosphereTerm {
    public static final String COEFFICIENT = "hyperdiffusion.coefficient";

    /** With the polar scaling from 45 degrees. */
    public AtmosphereHyperdiffusion(double coefficient) {
        this(coefficient, Math.toRadians(45));
    }

    /**
     * The coefficient that damps the shortest zonal wave at the equator of a grid ({@code k = 2/dx}) with
     * e-folding time {@code timeScale}: {@code nu = dx^4 / (16 tau)}.
     */
    public static double forTimeScale(Grid grid, double timeScale) {
        double dx = grid.dxAtCenterRow()[grid.ny() / 2];
        return Math.pow(dx, 4) / (16 * timeScale);
    }

    @Override
    public String name() {
        return "hyperdiffusion";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.scalar(COEFFICIENT, "m^4/s", 0.0, 1e22, "nu in d/dt = -nu del^4 (u, v, T)")
                .withPrior(coefficient, Math.max(coefficient, 1e14)));
    }

    @Override
    public Tensor[] defaults(Ops ops) {
        return new Tensor[] {ops.scalar(coefficient)};
    }

    @Override
    public double maximumDampingRate(Grid grid, double effectiveMinimumDx, ParameterValues p) {
        double dx = PolarScaling.effectiveDx(grid, effectiveMinimumDx, polarScalingLatitude);
        double k2 = 4 / (dx * dx) + 4 / (grid.dy() * grid.dy());
        return p.get(COEFFICIENT).item() * k2 * k2;
    }

    @Override
    public AtmosphereState tendency(Ops o, PrimitiveEquations core, AtmosphereState s, ParameterValues p) {
        Grid grid = core.operators().grid();
        State d = DiffusionKernel.compositeTendency(o, core.operators(), 2, new State(s.temperature(), s.u(), s.v()),
                p.get(COEFFICIENT), PolarScaling.weights(o, grid, polarScalingLatitude, false),
                PolarScaling.weights(o, grid, polarScalingLatitude, true));
        return new AtmosphereState(d.u(), d.v(), d.h(), null);
    }
}
