package org.ferrel.dycore.grid;

/**
 * A doubly periodic Cartesian C-grid on an f-plane (constant Coriolis parameter): the fast test
 * bed. A beta-plane would not be periodic in y, so only the f-plane is offered.
 *
 * @param nx       cells in x
 * @param ny       cells in y
 * @param lengthX  domain length in x [m]
 * @param lengthY  domain length in y [m]
 * @param coriolis f [1/s]
 */
public record PlaneGrid(int nx, int ny, double lengthX, double lengthY, double coriolis) implements Grid {
    public PlaneGrid {
        if (nx < 4 || ny < 4) {
            throw new IllegalArgumentException("PlaneGrid: need at least 4 x 4 cells, got " + nx + " x " + ny);
        }
        if (!(lengthX > 0) || !(lengthY > 0)) {
            throw new IllegalArgumentException("PlaneGrid: lengths must be positive");
        }
    }

    public double dx() {
        return lengthX / nx;
    }

    @Override
    public boolean periodicY() {
        return true;
    }

    @Override
    public double dy() {
        return lengthY / ny;
    }

    private double[] constant(double v) {
        double[] a = new double[ny];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Override
    public double[] dxAtCenterRow() {
        return constant(dx());
    }

    @Override
    public double[] dxAtVRow() {
        return constant(dx());
    }

    @Override
    public double[] cellArea() {
        return constant(dx() * dy());
    }

    @Override
    public double[] cornerArea() {
        return constant(dx() * dy());
    }

    @Override
    public double[] coriolisAtCorner() {
        return constant(coriolis);
    }

    @Override
    public double[] vMask() {
        return constant(1.0);
    }

    @Override
    public double x(Location location, int i) {
        return (location == Location.U_FACE || location == Location.CORNER ? i + 0.5 : i) * dx();
    }

    @Override
    public double y(Location location, int j) {
        return (location == Location.V_FACE || location == Location.CORNER ? j + 0.5 : j) * dy();
    }
}
