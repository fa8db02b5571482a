package org.ferrel.calibration.observe;

import java.util.Arrays;
import org.ferrel.dycore.grid.LatLonGrid;

/**
 * First-order conservative (area-weighted) regridding from the cells of a model grid to the cells of
 * an observation latitude-longitude grid, coarser or finer, aligned or not: the value of target cell
 * T is {@code sum_c |c ∩ T| x_c / |T|}, with {@code |c ∩ T|} the area on the sphere of the overlap of
 * model cell c and T (Jones 1999, Mon. Wea. Rev. 127, 2204, first-order scheme). A constant field maps
 * to itself, and when the target cells cover the sphere the area-weighted global integral is
 * conserved. Model cell values are taken as cell means (piecewise constant), so the error against the
 * exact cell mean of a smooth field is of first order in the model's spacing. One sparse matrix, so
 * linear and differentiable; target cells are numbered row-major with latitude outer.
 */
public final class ConservativeRegridding extends SparseOperator {
    private final String target;

    private ConservativeRegridding(String target, SparseLinearMap map) {
        super(map);
        this.target = target;
    }

    /**
     * The regridding to the cells {@code [latitudeBounds[J], latitudeBounds[J+1]] x [longitudeBounds[I],
     * longitudeBounds[I+1]]} (degrees).
     *
     * @param latitudeBounds  strictly ascending, within [-90, 90]; one more than the target rows
     * @param longitudeBounds strictly ascending (any convention), spanning at most 360 degrees; one more
     *                        than the target columns
     * @throws IllegalArgumentException naming the bound that breaks these rules
     */
    public static ConservativeRegridding toCells(LatLonGrid grid, double[] latitudeBounds, double[] longitudeBounds) {
        SparseLinearMap map = matrix(grid, latitudeBounds, longitudeBounds);
        return new ConservativeRegridding((latitudeBounds.length - 1) + " x " + (longitudeBounds.length - 1) + " cells", map);
    }

    /**
     * The regridding to the cells of a grid given by its centres (degrees, ascending), bounded halfway
     * between neighbouring centres: the outer latitude bounds half a spacing beyond the first and last
     * centres (clipped to the poles), the longitudes wrapped around when the centres are evenly spaced
     * around the whole circle, else bounded half a spacing beyond the ends.
     *
     * @throws IllegalArgumentException when a direction has fewer than 2 centres or they do not ascend
     */
    public static ConservativeRegridding toGrid(LatLonGrid grid, double[] latitudes, double[] longitudes) {
        SparseLinearMap map = matrix(grid, latitudeBounds(latitudes), longitudeBounds(longitudes));
        return new ConservativeRegridding(latitudes.length + " x " + longitudes.length + " cells", map);
    }

    /** The conservative regridding matrix; also the zonal mean's, with one cell around each band. */
    static SparseLinearMap matrix(LatLonGrid grid, double[] latitudeBounds, double[] longitudeBounds) {
        checkAscending("latitude bounds", latitudeBounds);
        checkAscending("longitude bounds", longitudeBounds);
        if (latitudeBounds[0] < -90 || latitudeBounds[latitudeBounds.length - 1] > 90) {
            throw new IllegalArgumentException("conservative regridding: latitude bounds " + latitudeBounds[0] + " to "
                    + latitudeBounds[latitudeBounds.length - 1] + " leave [-90, 90] degrees");
        }
        double span = longitudeBounds[longitudeBounds.length - 1] - longitudeBounds[0];
        if (span > 360 + 1e-9) {
            throw new IllegalArgumentException("conservative regridding: longitude bounds " + longitudeBounds[0] + " to "
                    + longitudeBounds[longitudeBounds.length - 1] + " span " + span + " degrees, more than 360");
        }
        int ny = grid.ny();
        int nx = grid.nx();
        int rowsOut = latitudeBounds.length - 1;
        int columnsOut = longitudeBounds.length - 1;
        int[][] lonColumns = new int[columnsOut][];
        double[][] lonShares = new double[columnsOut][];
        int[] columns = new int[nx + 1];
        double[] shares = new double[nx + 1];
        int perRow = 0;
        for (int i = 0; i < columnsOut; i++) {
            int n = SphericalOverlap.longitudeShares(nx, longitudeBounds[i], longitudeBounds[i + 1], columns, shares);
            lonColumns[i] = Arrays.copyOf(columns, n);
            lonShares[i] = Arrays.copyOf(shares, n);
            perRow += n;
        }
        int[] rows = new int[ny];
        double[] rowShares = new double[ny];
        int[][] latRows = new int[rowsOut][];
        double[][] latShares = new double[rowsOut][];
        int entries = 0;
        for (int j = 0; j < rowsOut; j++) {
            int n = SphericalOverlap.latitudeShares(ny, latitudeBounds[j], latitudeBounds[j + 1], rows, rowShares);
            latRows[j] = Arrays.copyOf(rows, n);
            latShares[j] = Arrays.copyOf(rowShares, n);
            entries += n * perRow;
        }
        int[] row = new int[entries];
        int[] column = new int[entries];
        double[] weight = new double[entries];
        int e = 0;
        for (int j = 0; j < rowsOut; j++) {
            for (int i = 0; i < columnsOut; i++) {
                int target = j * columnsOut + i;
                for (int a = 0; a < latRows[j].length; a++) {
                    for (int b = 0; b < lonColumns[i].length; b++) {
                        row[e] = target;
                        column[e] = latRows[j][a] * nx + lonColumns[i][b];
                        weight[e++] = latShares[j][a] * lonShares[i][b];
                    }
                }
            }
        }
        return SparseLinearMap.fromTriplets(ny, nx, rowsOut * columnsOut, row, column, weight);
    }

    /** Cell bounds in latitude from ascending centres: halfway between, half a spacing beyond the ends, within the poles. */
    static double[] latitudeBounds(double[] centres) {
        double[] b = boundsBetween("latitudes", centres);
        b[0] = Math.max(-90, b[0]);
        b[b.length - 1] = Math.min(90, b[b.length - 1]);
        return b;
    }

    /** Cell bounds in longitude from ascending centres, wrapped around when they are evenly spaced round the circle. */
    static double[] longitudeBounds(double[] centres) {
        double[] b = boundsBetween("longitudes", centres);
        int n = centres.length;
        double spacing = 360.0 / n;
        boolean aroundTheCircle = true;
        for (int i = 0; i < n && aroundTheCircle; i++) {
            aroundTheCircle = Math.abs(centres[i] - (centres[0] + i * spacing)) <= 1e-6 * spacing;
        }
        if (aroundTheCircle) {
            for (int i = 0; i <= n; i++) {
                b[i] = centres[0] + (i - 0.5) * spacing;
            }
        }
        return b;
    }

    private static double[] boundsBetween(String what, double[] centres) {
        if (centres.length < 2) {
            throw new IllegalArgumentException("conservative regridding: " + centres.length + " " + what
                    + "; cells from centres need at least 2 (give the cell bounds instead)");
        }
        checkAscending(what, centres);
        int n = centres.length;
        double[] b = new double[n + 1];
        for (int i = 1; i < n; i++) {
            b[i] = 0.5 * (centres[i - 1] + centres[i]);
        }
        b[0] = centres[0] - 0.5 * (centres[1] - centres[0]);
        b[n] = centres[n - 1] + 0.5 * (centres[n - 1] - centres[n - 2]);
        return b;
    }

    private static void checkAscending(String what, double[] x) {
        if (x.length < 2) {
            throw new IllegalArgumentException("conservative regridding: " + x.length + " " + what + "; need at least 2");
        }
        for (int k = 0; k < x.length; k++) {
            if (!Double.isFinite(x[k]) || (k > 0 && !(x[k] > x[k - 1]))) {
                throw new IllegalArgumentException("conservative regridding: " + what + " must be finite and strictly"
                        + " ascending; entry " + k + " is " + x[k] + (k > 0 ? " after " + x[k - 1] : ""));
            }
        }
    }




    @Override
    public ConservativeRegridding select(boolean[] keep) {
        SparseLinearMap kept = map.selectRows(keep);
        return new ConservativeRegridding(kept.size() + " of " + target, kept);
    }

    @Override
    public String description() {
        return "conservative regridding to " + target;
    }
}
