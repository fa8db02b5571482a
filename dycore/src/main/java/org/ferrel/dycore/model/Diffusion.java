package org.ferrel.dycore.model;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.shallowwater.DiffusionKernel;

/**
 * Laplacian (harmonic) diffusion of the velocity, {@code d(u,v)/dt = nu del^2 (u,v)} with the
 * vector Laplacian (grad div - curl curl), and optionally of the depth; the diffusion Galewsky et al.
 * (2004) use (nu = 1e5 m^2/s). As for {@link Hyperdiffusion}, poleward of
 * {@code polarScalingLatitude} every zonal difference is scaled by cos(phi)/cos(phi_c) so that the
 * explicit step stays stable near the poles.
 *
 * <p>The tendency runs as one fused kernel with hand-written derivatives
 * ({@link DiffusionKernel}, built once per operators instance); its
 * values equal those of the composite form ({@link #compositeTendency}) bit for bit.
 *
 * @param coefficient          default nu [m^2/s] (parameter {@code diffusion.coefficient}, 0 to 1e8)
 * @param depth                whether h is diffused too
 * @param polarScalingLatitude phi_c [rad] (NaN: no scaling)
 */
public record Diffusion(double coefficient, boolean depth, double polarScalingLatitude) implements TendencyTerm {
    public static final String COEFFICIENT = "diffusion.coefficient";

    public Diffusion(double coefficient, boolean depth) {
        this(coefficient, depth, Math.toRadians(45));
    }

    @Override
    public String name() {
        return "diffusion";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.scalar(COEFFICIENT, "m^2/s", 0.0, 1e8, "nu in d/dt = nu del^2")
                .withPrior(coefficient, Math.max(coefficient, 1e4)));
    }

    @Override
    public Tensor[] defaults(Ops ops) {
        return new Tensor[] {ops.scalar(coefficient)};
    }

    @Override
    public double maximumDampingRate(org.ferrel.dycore.grid.Grid grid, double effectiveMinimumDx, ParameterValues p) {
        double dx = PolarScaling.effectiveDx(grid, effectiveMinimumDx, polarScalingLatitude);
        return p.get(COEFFICIENT).item() * (4 / (dx * dx) + 4 / (grid.dy() * grid.dy()));
    }

    /** The tendency by the fused {@link DiffusionKernel} (cached per operators instance). */
    @Override
    public State tendency(Ops o, CGridOperators g, State s, ParameterValues p) {
        DiffusionKernel kernel = PolarScaling.kernel(g, 1, depth, polarScalingLatitude);
        return kernel.tendency(o, s, p.get(COEFFICIENT));
    }

    /**
     * The same tendency as a composite of array operations: the reference form of the kernel, equal
     * to it bit for bit.
     */
    public State compositeTendency(Ops o, CGridOperators g, State s, ParameterValues p) {
        return DiffusionKernel.compositeTendency(o, g, 1, depth ? s : new State(null, s.u(), s.v()),
                p.get(COEFFICIENT), PolarScaling.weights(o, g.grid(), polarScalingLatitude, false),
                PolarScaling.weights(o, g.grid(), polarScalingLatitude, true));
    }
}
