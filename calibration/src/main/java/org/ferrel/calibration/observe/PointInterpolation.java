package org.ferrel.calibration.observe;

import org.ferrel.dycore.grid.LatLonGrid;

/**
 * Bilinear interpolation from the cell centres of a latitude-longitude grid to observation points,
 * as one sparse matrix (four weights per point), so that it is linear and differentiable: its
 * adjoint is the transposed matrix, applied in gather form. Periodic in longitude; poleward of the
 * first and last rows of centres a point takes the value of its nearest row (constant
 * extrapolation over half a cell).
 */
public final class PointInterpolation extends SparseOperator {
    private final double[] latitudes;
    private final double[] longitudes;

    private PointInterpolation(double[] latitudes, double[] longitudes, SparseLinearMap map) {
        super(map);
        this.latitudes = latitudes;
        this.longitudes = longitudes;
    }

    /**
     * The interpolation to points given in degrees (any longitude convention).
     *
     * @throws IllegalArgumentException naming the point when a latitude is outside [-90, 90] or a coordinate is not finite
     */
    public static PointInterpolation toPoints(LatLonGrid grid, double[] latitudes, double[] longitudes) {
        if (latitudes.length != longitudes.length) {
            throw new IllegalArgumentException("interpolation: " + latitudes.length + " latitudes but " + longitudes.length
                    + " longitudes");
        }
        int m = latitudes.length;
        int nx = grid.nx();
        int ny = grid.ny();
        int[] rows = new int[4 * m];
        int[] cols = new int[4 * m];
        double[] vals = new double[4 * m];
        double dLat = 180.0 / ny;
        double dLon = 360.0 / nx;
        for (int p = 0; p < m; p++) {
            double lat = latitudes[p];
            double lon = longitudes[p];
            if (!(lat >= -90 && lat <= 90) || !Double.isFinite(lon)) {
                throw new IllegalArgumentException("interpolation: point " + p + " at lat " + lat + ", lon " + lon
                        + " is not on the sphere (latitude must be in [-90, 90] degrees)");
            }
            // centres at lat_j = -90 + (j + 1/2) dLat, lon_i = i dLon
            double y = (lat + 90) / dLat - 0.5;
            int j0 = (int) Math.floor(y);
            double fy = y - j0;
            if (j0 < 0) {
                j0 = 0;
                fy = 0;
            } else if (j0 >= ny - 1) {
                j0 = ny - 2;
                fy = 1;
            }
            double x = ((lon % 360) + 360) % 360 / dLon;
            int i0 = (int) Math.floor(x);
            double fx = x - i0;
            i0 = i0 % nx;
            int i1 = (i0 + 1) % nx;
            int[] c = {j0 * nx + i0, j0 * nx + i1, (j0 + 1) * nx + i0, (j0 + 1) * nx + i1};
            double[] w = {(1 - fy) * (1 - fx), (1 - fy) * fx, fy * (1 - fx), fy * fx};
            for (int k = 0; k < 4; k++) {
                rows[4 * p + k] = p;
                cols[4 * p + k] = c[k];
                vals[4 * p + k] = w[k];
            }
        }
        return new PointInterpolation(latitudes.clone(), longitudes.clone(),
                SparseLinearMap.fromTriplets(ny, nx, m, rows, cols, vals));
    }

    /** The interpolation to every point of a regular (lat, lon) grid, row-major with latitude outer. */
    public static PointInterpolation toGrid(LatLonGrid grid, double[] latitudes, double[] longitudes) {
        double[] lat = new double[latitudes.length * longitudes.length];
        double[] lon = new double[lat.length];
        for (int j = 0; j < latitudes.length; j++) {
            for (int i = 0; i < longitudes.length; i++) {
                lat[j * longitudes.length + i] = latitudes[j];
                lon[j * longitudes.length + i] = longitudes[i];
            }
        }
        return toPoints(grid, lat, lon);
    }

    /** The same interpolation restricted to the points whose mask is true (e.g. where observations exist). */
    @Override
    public PointInterpolation select(boolean[] keep) {
        SparseLinearMap selected = map.selectRows(keep);
        return new PointInterpolation(SparseLinearMap.kept(latitudes, keep), SparseLinearMap.kept(longitudes, keep), selected);
    }


    public double[] latitudes() {
        return latitudes.clone();
    }

    public double[] longitudes() {
        return longitudes.clone();
    }



    @Override
    public String description() {
        return "bilinear interpolation to " + size() + " points";
    }
}
