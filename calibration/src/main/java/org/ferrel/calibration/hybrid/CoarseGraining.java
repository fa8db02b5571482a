package org.ferrel.calibration.hybrid;

import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.State;

/**
 * Conservative coarse-graining from a fine latitude-longitude C-grid to one {@code factor} times
 * coarser in both directions (same sphere).
 *
 * <p>Latitude rows nest exactly (both grids start at the south pole), so coarse row J covers fine
 * rows {@code fJ .. fJ+f-1}. Longitudes nest only for odd f: cell centres sit at {@code i dLambda},
 * so for even f the edges of a coarse cell fall on fine cell centres and the two end fine cells
 * count half. With these exact overlap fractions {@code w_i} and the fine cell areas {@code A_j}:
 * <ul>
 *   <li>h (centres): {@code h_c = sum A_j w_i h / sum A_j w_i} — the area integral (mass) is kept
 *       to rounding, a field constant on coarse cells is reproduced;</li>
 *   <li>u (u-faces, the east edge of a cell): the mean over the f fine rows along the coarse face of
 *       u at the face's longitude (a fine u-face for odd f, the mean of the two fine u-faces either
 *       side for even f) — the face-mean normal velocity;</li>
 *   <li>v (v-faces, the north edge): the overlap-weighted mean along the coarse face of the fine v on
 *       the same face row; the pole rows are poles on both grids, where v stays 0.</li>
 * </ul>
 * The operator is linear, so tendencies are coarse-grained with it too.
 *
 * @param fine   the fine grid
 * @param factor the integer refinement factor (nx and ny of the fine grid divisible by it)
 */
public record CoarseGraining(LatLonGrid fine, int factor) {
    public CoarseGraining {
        if (factor < 1 || fine.nx() % factor != 0 || fine.ny() % factor != 0) {
            throw new IllegalArgumentException("coarse-graining: the fine grid " + fine.nx() + " x " + fine.ny()
                    + " is not divisible by the factor " + factor);
        }
    }

    /** The coarse grid. */
    public LatLonGrid coarse() {
        return new LatLonGrid(fine.nx() / factor, fine.ny() / factor, fine.radius(), fine.rotationRate());
    }

    /** Coarse-grains a state (or a tendency) h, u, v. */
    public State state(Ops o, State s) {
        LatLonGrid c = coarse();
        return new State(o.constant(c.shape(), centres(s.h().values())), o.constant(c.shape(), uFaces(s.u().values())),
                o.constant(c.shape(), vFaces(s.v().values())));
    }

    /** Area-weighted mean of a fine centre field over each coarse cell, flat [ny * nx] on each grid. */
    public double[] centres(double[] values) {
        int nxf = fine.nx();
        int nxc = nxf / factor;
        int nyc = fine.ny() / factor;
        double[] area = fine.cellArea();
        double[] out = new double[nyc * nxc];
        for (int jc = 0; jc < nyc; jc++) {
            for (int ic = 0; ic < nxc; ic++) {
                double sum = 0;
                double weight = 0;
                for (int j = factor * jc; j < factor * jc + factor; j++) {
                    double rowSum = 0;
                    double rowWeight = 0;
                    for (int k = 0; k <= factor; k++) {
                        double w = longitudeWeight(k);
                        if (w > 0) {
                            int i = Math.floorMod(cellStart(ic) + k, nxf);
                            rowSum += w * values[j * nxf + i];
                            rowWeight += w;
                        }
                    }
                    sum += area[j] * rowSum;
                    weight += area[j] * rowWeight;
                }
                out[jc * nxc + ic] = sum / weight;
            }
        }
        return out;
    }

    /** Face-mean of a fine u field over each coarse u-face. */
    public double[] uFaces(double[] values) {
        int nxf = fine.nx();
        int nxc = nxf / factor;
        int nyc = fine.ny() / factor;
        double[] out = new double[nyc * nxc];
        for (int jc = 0; jc < nyc; jc++) {
            for (int ic = 0; ic < nxc; ic++) {
                double sum = 0;
                for (int j = factor * jc; j < factor * jc + factor; j++) {
                    if (factor % 2 == 1) {
                        sum += values[j * nxf + Math.floorMod(factor * ic + (factor - 1) / 2, nxf)];
                    } else {
                        int east = factor * ic + factor / 2;
                        sum += 0.5 * (values[j * nxf + Math.floorMod(east - 1, nxf)] + values[j * nxf + Math.floorMod(east, nxf)]);
                    }
                }
                out[jc * nxc + ic] = sum / factor;
            }
        }
        return out;
    }

    /** Overlap-weighted mean of a fine v field along each coarse v-face. */
    public double[] vFaces(double[] values) {
        int nxf = fine.nx();
        int nxc = nxf / factor;
        int nyc = fine.ny() / factor;
        double[] out = new double[nyc * nxc];
        for (int jc = 0; jc < nyc; jc++) {
            int j = factor * jc + factor - 1;
            for (int ic = 0; ic < nxc; ic++) {
                double sum = 0;
                for (int k = 0; k <= factor; k++) {
                    sum += longitudeWeight(k) * values[j * nxf + Math.floorMod(cellStart(ic) + k, nxf)];
                }
                out[jc * nxc + ic] = sum / factor;
            }
        }
        return out;
    }

    /** The first fine column overlapping coarse column ic (the k = 0 of {@link #longitudeWeight}). */
    private int cellStart(int ic) {
        return factor * ic - factor / 2;
    }

    /**
     * The fraction of fine column {@code cellStart + k} inside the coarse cell: for odd f columns
     * k = 0..f-1 count fully; for even f columns 1..f-1 fully and 0 and f half.
     */
    private double longitudeWeight(int k) {
        if (factor % 2 == 1) {
            return k == factor ? 0.0 : 1.0;
        }
        return k == 0 || k == factor ? 0.5 : 1.0;
    }
}
