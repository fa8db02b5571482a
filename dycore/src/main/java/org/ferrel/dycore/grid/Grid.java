package org.ferrel.dycore.grid;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;

/**
 * A logically rectangular Arakawa C-grid of {@code ny} rows and {@code nx} columns, periodic in x,
 * described by the metric factors the finite-volume operators need. Metric arrays are per row
 * (length ny): all cells of a row have the same geometry on both grids Ferrel has
 * ({@link LatLonGrid} and {@link PlaneGrid}).
 */
public sealed interface Grid permits LatLonGrid, PlaneGrid {

    int nx();

    int ny();

    default Shape shape() {
        return Shape.of(ny(), nx());
    }

    /** Whether y is periodic (plane) or bounded by walls/poles where the north-face flux vanishes (sphere). */
    boolean periodicY();

    /** Length of the south-north edge of a cell (the u-face) [m]. */
    double dy();

    /** Length of the west-east edge through row j's centre [m] (where u lives). */
    double[] dxAtCenterRow();

    /** Length of the north face of row j's cells [m]; zero at a pole. */
    double[] dxAtVRow();

    /** Area of the cells of row j [m^2]. */
    double[] cellArea();

    /** Area of the dual (corner-centred) cells of row j (at y_{j+1/2}) [m^2]. */
    double[] cornerArea();

    /** Coriolis parameter at the corners of row j [1/s]. */
    double[] coriolisAtCorner();

    /** 1 where v is a prognostic value, 0 on a boundary face (the north pole) where it is held at 0. */
    double[] vMask();

    /** Coordinates of a location: {@code [ny][nx]} of (x or longitude, y or latitude) pairs in the grid's units. */
    double x(Location location, int i);

    double y(Location location, int j);

    /** A per-row metric as a constant tensor of shape [ny, 1], ready to broadcast over a row. */
    default Tensor rows(Ops ops, double[] perRow) {
        return ops.constant(Shape.of(ny(), 1), perRow);
    }

    /** The total area [m^2]. */
    default double totalArea() {
        double s = 0;
        for (double a : cellArea()) {
            s += a * nx();
        }
        return s;
    }
}
