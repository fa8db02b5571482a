package org.ferrel.calibration.observe;

/**
 * Overlaps of latitude bands and longitude intervals with the cells of a regular latitude-longitude
 * grid (row j spans latitudes {@code -90 + j 180/ny} to {@code -90 + (j+1) 180/ny}; column i spans
 * longitudes {@code (i - 1/2) 360/nx} to {@code (i + 1/2) 360/nx}, periodic), as shares of the band's
 * or interval's area. On the sphere the area of a latitude-longitude rectangle is
 * {@code a^2 (lambda_2 - lambda_1)(sin phi_2 - sin phi_1)}, so the overlap of two rectangles is the
 * product of a longitude share and a latitude share, each computed here separately. Each share is
 * divided by the sum of the shares, so that they add up to 1 up to round-off.
 */
final class SphericalOverlap {
    private SphericalOverlap() {
    }

    /**
     * The rows overlapping the band [south, north] (degrees, south < north, within [-90, 90]) and the
     * share {@code (sin min(north, top) - sin max(south, bottom)) / (sin north - sin south)} of each.
     *
     * @param rows    receives the row indices (capacity ny)
     * @param weights receives the shares (capacity ny)
     * @return the number of rows written
     */
    static int latitudeShares(int ny, double south, double north, int[] rows, double[] weights) {
        double dLat = 180.0 / ny;
        int first = Math.max(0, (int) Math.floor((south + 90) / dLat));
        int last = Math.min(ny - 1, (int) Math.ceil((north + 90) / dLat) - 1);
        int n = 0;
        double total = 0;
        for (int j = first; j <= last; j++) {
            double bottom = Math.max(south, -90 + j * dLat);
            double top = Math.min(north, j == ny - 1 ? 90 : -90 + (j + 1) * dLat);
            if (top > bottom) {
                double share = Math.sin(Math.toRadians(top)) - Math.sin(Math.toRadians(bottom));
                rows[n] = j;
                weights[n++] = share;
                total += share;
            }
        }
        for (int k = 0; k < n; k++) {
            weights[k] /= total;
        }
        return n;
    }

    /**
     * The columns overlapping the interval [west, east] (degrees, any convention, {@code 0 < east - west <= 360})
     * and the share of its length in each; a column met at both ends of a full circle is listed once.
     *
     * @param columns receives the column indices (capacity nx + 1)
     * @param weights receives the shares (capacity nx + 1)
     * @return the number of columns written
     */
    static int longitudeShares(int nx, double west, double east, int[] columns, double[] weights) {
        double dLon = 360.0 / nx;
        // in units of cells, column i spans [i, i + 1) shifted by whole turns
        double x0 = west / dLon + 0.5;
        double x1 = east / dLon + 0.5;
        int n = 0;
        double total = 0;
        for (long k = (long) Math.floor(x0); k < x1; k++) {
            double share = Math.min(x1, k + 1) - Math.max(x0, k);
            if (share <= 0) {
                continue;
            }
            int column = (int) Math.floorMod(k, (long) nx);
            total += share;
            if (n > 0 && columns[0] == column) {
                weights[0] += share;
            } else {
                columns[n] = column;
                weights[n++] = share;
            }
        }
        for (int k = 0; k < n; k++) {
            weights[k] /= total;
        }
        return n;
    }
}
