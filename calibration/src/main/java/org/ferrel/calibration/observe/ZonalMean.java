package org.ferrel.calibration.observe;

import org.ferrel.dycore.grid.LatLonGrid;

/**
 * Zonal means of a model field over latitude bands, area-weighted: the mean over band
 * [phi_1, phi_2] is {@link ConservativeRegridding}'s value for the cell that spans the band and
 * all longitudes, {@code sum_j (sin min(phi_2, top_j) - sin max(phi_1, bottom_j)) / (sin phi_2 - sin phi_1)
 * * (1/nx) sum_i x_ji}. Bands from an observation grid's latitudes are bounded halfway between
 * neighbouring latitudes (half a spacing beyond the ends, within the poles), so that a zonal-mean
 * climatology is compared with the model's mean over the same band; when the observed latitudes are
 * the model's, each band is one model row.
 */
public final class ZonalMean extends SparseOperator {
    private final double[] latitudes;

    private ZonalMean(double[] latitudes, SparseLinearMap map) {
        super(map);
        this.latitudes = latitudes;
    }

    /** Zonal means at each latitude of an observation grid (degrees, strictly ascending, at least 2). */
    public static ZonalMean atLatitudes(LatLonGrid grid, double[] latitudes) {
        return new ZonalMean(latitudes.clone(), bands(grid, ConservativeRegridding.latitudeBounds(latitudes)));
    }

    /**
     * Zonal means at the latitudes of an observation grid that are also in {@code wanted} (degrees,
     * compared to 1e-6 degrees), in the grid's order; the bands are those of the whole grid.
     *
     * @throws IllegalArgumentException naming a wanted latitude that is not on the observation grid
     */
    public static ZonalMean atLatitudes(LatLonGrid grid, double[] latitudes, double[] wanted) {
        boolean[] keep = new boolean[latitudes.length];
        for (double w : wanted) {
            int found = -1;
            for (int j = 0; j < latitudes.length && found < 0; j++) {
                found = Math.abs(latitudes[j] - w) <= 1e-6 ? j : -1;
            }
            if (found < 0) {
                throw new IllegalArgumentException("zonal mean: latitude " + w + " is not on the observation grid ("
                        + latitudes.length + " latitudes from " + latitudes[0] + " to " + latitudes[latitudes.length - 1]
                        + ")");
            }
            keep[found] = true;
        }
        return atLatitudes(grid, latitudes).select(keep);
    }

    /**
     * Zonal means over the bands {@code [latitudeBounds[k], latitudeBounds[k+1]]} (degrees, strictly
     * ascending within [-90, 90]); each is reported at its band's middle latitude.
     */
    public static ZonalMean overBands(LatLonGrid grid, double[] latitudeBounds) {
        double[] middle = new double[latitudeBounds.length - 1];
        for (int k = 0; k < middle.length; k++) {
            middle[k] = 0.5 * (latitudeBounds[k] + latitudeBounds[k + 1]);
        }
        return new ZonalMean(middle, bands(grid, latitudeBounds));
    }

    private static SparseLinearMap bands(LatLonGrid grid, double[] latitudeBounds) {
        // one cell around the whole circle, starting at the west edge of column 0
        double west = -180.0 / grid.nx();
        return ConservativeRegridding.matrix(grid, latitudeBounds, new double[] {west, west + 360});
    }

    /** The latitude of each value (degrees). */
    public double[] latitudes() {
        return latitudes.clone();
    }




    @Override
    public ZonalMean select(boolean[] keep) {
        SparseLinearMap selected = map.selectRows(keep);
        return new ZonalMean(SparseLinearMap.kept(latitudes, keep), selected);
    }

    @Override
    public String description() {
        return "zonal mean at " + size() + " latitudes";
    }
}
