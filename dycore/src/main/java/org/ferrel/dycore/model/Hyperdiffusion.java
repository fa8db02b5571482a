package org.ferrel.dycore.model;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.operators.CGridOperators;

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

    /** The per-row zonal weights cos(phi)/cos(phi_c) capped at 1, or null on a plane or without scaling. */
    private double[] weights(org.ferrel.dycore.grid.Grid grid, boolean vRows) {
        if (!(grid instanceof org.ferrel.dycore.grid.LatLonGrid g) || Double.isNaN(polarScalingLatitude)) {
            return null;
        }
        double[] w = new double[g.ny()];
        for (int j = 0; j < g.ny(); j++) {
            double phi = vRows ? (j == g.ny() - 1 ? Math.PI / 2 : g.faceLatitude(j)) : g.latitude(j);
            w[j] = Math.min(1.0, Math.cos(phi) / Math.cos(polarScalingLatitude));
        }
        return w;
    }

    /**
     * The largest damping rate nu |k|^4 of the grid's shortest waves [1/s], with the zonal spacing of
     * phi_c where the polar scaling applies: {@code nu (4/dx^2 + 4/dy^2)^2}.
     */
    @Override
    public double maximumDampingRate(org.ferrel.dycore.grid.Grid grid, double effectiveMinimumDx, ParameterValues p) {
        double nu = p.get(COEFFICIENT).item();
        double dx = effectiveMinimumDx;
        if (weights(grid, false) != null) {
            dx = Math.max(dx, ((org.ferrel.dycore.grid.LatLonGrid) grid).radius() * Math.cos(polarScalingLatitude)
                    * ((org.ferrel.dycore.grid.LatLonGrid) grid).dLambda());
        }
        double k2 = 4 / (dx * dx) + 4 / (grid.dy() * grid.dy());
        return nu * k2 * k2;
    }

    @Override
    public String name() {
        return "hyperdiffusion";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.scalar(COEFFICIENT, "m^4/s", 0.0, 1e18, "nu in d/dt = -nu del^4"));
    }

    @Override
    public Tensor[] defaults(Ops ops) {
        return new Tensor[] {ops.scalar(coefficient)};
    }

    @Override
    public State tendency(Ops o, CGridOperators g, State s, ParameterValues p) {
        Tensor nu = o.neg(p.get(COEFFICIENT));
        double[] wc = weights(g.grid(), false);
        if (wc == null) {
            Tensor[] l1 = g.vectorLaplacian(o, s.u(), s.v());
            Tensor[] l2 = g.vectorLaplacian(o, l1[0], l1[1]);
            Tensor dh = depth ? o.mul(g.laplacianAtCenter(o, g.laplacianAtCenter(o, s.h())), nu) : null;
            return new State(dh, o.mul(l2[0], nu), o.mul(l2[1], nu));
        }
        Tensor centre = g.grid().rows(o, wc);
        Tensor vRows = g.grid().rows(o, weights(g.grid(), true));
        Tensor[] l1 = g.vectorLaplacian(o, s.u(), s.v(), centre, vRows);
        Tensor[] l2 = g.vectorLaplacian(o, l1[0], l1[1], centre, vRows);
        Tensor dh = depth ? o.mul(g.laplacianAtCenter(o, g.laplacianAtCenter(o, s.h(), centre), centre), nu) : null;
        return new State(dh, o.mul(l2[0], nu), o.mul(l2[1], nu));
    }
}
