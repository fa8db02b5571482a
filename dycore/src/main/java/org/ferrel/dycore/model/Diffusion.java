package org.ferrel.dycore.model;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * Laplacian (harmonic) diffusion of the velocity, {@code d(u,v)/dt = nu del^2 (u,v)} with the
 * vector Laplacian (grad div - curl curl), and optionally of the depth; the diffusion Galewsky et al.
 * (2004) use (nu = 1e5 m^2/s). As for {@link Hyperdiffusion}, poleward of
 * {@code polarScalingLatitude} every zonal difference is scaled by cos(phi)/cos(phi_c) so that the
 * explicit step stays stable near the poles.
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

    @Override
    public State tendency(Ops o, CGridOperators g, State s, ParameterValues p) {
        Tensor nu = p.get(COEFFICIENT);
        Tensor centre = PolarScaling.weights(o, g.grid(), polarScalingLatitude, false);
        Tensor vRows = PolarScaling.weights(o, g.grid(), polarScalingLatitude, true);
        Tensor[] l = g.vectorLaplacian(o, s.u(), s.v(), centre, vRows);
        Tensor dh = null;
        if (depth) {
            dh = o.mul(centre == null ? g.laplacianAtCenter(o, s.h()) : g.laplacianAtCenter(o, s.h(), centre), nu);
        }
        return new State(dh, o.mul(l[0], nu), o.mul(l[1], nu));
    }
}
