package org.ferrel.dycore.shallowwater;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * The weights of the face velocities in the kinetic energy per unit mass at cell centres, each face
 * weighted by its area ({@code A_u = dx dy}, {@code A_v = dx_v dy}, as in the primitive-equation core):
 * <pre>
 *   K_j = wU_j (u_w^2 + u_e^2) + wNorth_j v_n^2 + wSouth_j v_s^2,
 *   wU_j = A_u,j / (4 A_j),  wNorth_j = A_v,j / (4 A_j),  wSouth_j = A_v,j-1 / (4 A_j)
 * </pre>
 * (one value per row; A_j the cell area). Why: a pole face has zero area, so a pole cell's meridional
 * kinetic energy comes from its one real v-face with weight about 1/2; the plain average
 * {@code (v_n^2 + v_s^2) / 4} would count the pole's v as zero and lose {@code v^2 / 4} in every pole
 * cell (38 m of depth for Williamson case 2's flow across the poles). With these weights the
 * Bernoulli function is the derivative of the total energy {@code sum A (h K + g (h^2/2 + h b))} with
 * respect to h, so the semi-discrete equations conserve that energy (Sadourny 1975). On the plane
 * every weight is 1/4 up to rounding.
 *
 * @param u      wU per row
 * @param vNorth wNorth per row (the weight of row j's own v, on its north face)
 * @param vSouth wSouth per row (the weight of the v of the row below; 0 on the sphere's first row)
 */
public record KineticEnergyWeights(double[] u, double[] vNorth, double[] vSouth) {

    public static KineticEnergyWeights of(Grid grid) {
        int ny = grid.ny();
        double dy = grid.dy();
        double[] dx = grid.dxAtCenterRow();
        double[] dxV = grid.dxAtVRow();
        double[] area = grid.cellArea();
        double[] u = new double[ny];
        double[] north = new double[ny];
        double[] south = new double[ny];
        for (int j = 0; j < ny; j++) {
            double dxSouth = j > 0 ? dxV[j - 1] : grid.periodicY() ? dxV[ny - 1] : 0.0;
            double quarterOverArea = 0.25 / area[j];
            u[j] = dx[j] * dy * quarterOverArea;
            north[j] = dxV[j] * dy * quarterOverArea;
            south[j] = dxSouth * dy * quarterOverArea;
        }
        return new KineticEnergyWeights(u, north, south);
    }

    /** K at centres of the velocities (u at u-faces, v at v-faces), as array operations. */
    public static Tensor kineticEnergy(Ops o, CGridOperators g, Tensor u, Tensor v) {
        Tensor[] w = g.derived(KineticEnergyWeights.class, Tensor[].class, KineticEnergyWeights::rowTensors);
        Tensor u2 = o.square(u);
        Tensor v2 = o.square(v);
        return o.add(o.add(o.mul(o.add(u2, g.west(o, u2)), w[0]), o.mul(v2, w[1])), o.mul(g.south(o, v2), w[2]));
    }

    private static Tensor[] rowTensors(CGridOperators g) {
        Grid grid = g.grid();
        KineticEnergyWeights w = of(grid);
        Eager e = Eager.serial();
        return new Tensor[] {grid.rows(e, w.u()), grid.rows(e, w.vNorth()), grid.rows(e, w.vSouth())};
    }
}
