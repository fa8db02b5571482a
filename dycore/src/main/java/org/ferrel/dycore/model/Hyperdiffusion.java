package org.ferrel.dycore.model;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.shallowwater.DiffusionKernel;

/**
 * Scale-selective biharmonic diffusion: {@code dh/dt = -nu del^4 h} and, for the velocity, the
 * vector Laplacian applied twice, {@code d(u,v)/dt = -nu del^2 del^2 (u,v)} (grad div - curl curl).
 * It damps the shortest resolved waves at a rate {@code nu (k^2)^2}, leaving the large scales.
 *
 * <p>On a latitude-longitude grid the zonal spacing shrinks as cos(phi), so the damping rate of the
 * shortest zonal waves would grow as 1/cos^4(phi) and make the explicit step unstable near the
 * poles. Poleward of {@code polarScalingLatitude} every zonal difference of the operator is
 * therefore scaled by {@code cos(phi) / cos(phi_c)}, as if the zonal spacing stayed at its value at
 * phi_c, which caps the damping rate there (the operator stays a flux divergence: h's mass is kept).
 *
 * <p>The tendency runs as one fused kernel with hand-written derivatives
 * ({@link DiffusionKernel}, built once per operators instance); its
 * values equal those of the composite form ({@link #compositeTendency}) bit for bit.
 *
 * @param coefficient          default nu [m^4/s] (parameter {@code hyperdiffusion.coefficient}, 0 to 1e18)
 * @param depth                whether h is diffused too, not only the velocity
 * @param polarScalingLatitude phi_c [rad] for the polar scaling on a lat-lon grid (NaN: none)
 */
public record Hyperdiffusion(double coefficient, boolean depth, double polarScalingLatitude) implements TendencyTerm {
    public static final String COEFFICIENT = "hyperdiffusion.coefficient";

    /** Biharmonic diffusion with the polar scaling from 45 degrees. */
    public Hyperdiffusion(double coefficient, boolean depth) {
        this(coefficient, depth, Math.toRadians(45));
    }

    /**
     * The largest damping rate nu |k|^4 of the grid's shortest waves [1/s], with the zonal spacing of
     * phi_c where the polar scaling applies: {@code nu (4/dx^2 + 4/dy^2)^2}.
     */
    @Override
    public double maximumDampingRate(org.ferrel.dycore.grid.Grid grid, double effectiveMinimumDx, ParameterValues p) {
        double dx = PolarScaling.effectiveDx(grid, effectiveMinimumDx, polarScalingLatitude);
        double k2 = 4 / (dx * dx) + 4 / (grid.dy() * grid.dy());
        return p.get(COEFFICIENT).item() * k2 * k2;
    }

    @Override
    public String name() {
        return "hyperdiffusion";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.scalar(COEFFICIENT, "m^4/s", 0.0, 1e18, "nu in d/dt = -nu del^4")
                .withPrior(coefficient, Math.max(coefficient, 1e14)));
    }

    @Override
    public Tensor[] defaults(Ops ops) {
        return new Tensor[] {ops.scalar(coefficient)};
    }

    /** The tendency by the fused {@link DiffusionKernel} (cached per operators instance). */
    @Override
    public State tendency(Ops o, CGridOperators g, State s, ParameterValues p) {
        DiffusionKernel kernel = PolarScaling.kernel(g, 2, depth, polarScalingLatitude);
        return kernel.tendency(o, s, p.get(COEFFICIENT));
    }

    /**
     * The same tendency as a composite of array operations: the reference form of the kernel, equal
     * to it bit for bit.
     */
    public State compositeTendency(Ops o, CGridOperators g, State s, ParameterValues p) {
        return DiffusionKernel.compositeTendency(o, g, 2, depth ? s : new State(null, s.u(), s.v()),
                p.get(COEFFICIENT), PolarScaling.weights(o, g.grid(), polarScalingLatitude, false),
                PolarScaling.weights(o, g.grid(), polarScalingLatitude, true));
    }
}
