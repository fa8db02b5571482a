package org.ferrel.dycore.grid;

/**
 * A regular latitude-longitude C-grid on a sphere of radius {@code radius} rotating at
 * {@code rotationRate}. Cell centres are at longitudes {@code lambda_i = i dLambda} and latitudes
 * {@code phi_j = -pi/2 + (j + 1/2) dPhi}; the first and last rows of v-faces sit at the poles,
 * where the face length {@code a cos(phi) dLambda} vanishes, so no mass crosses a pole and v there
 * is held at zero. With {@code nx = 2 ny} the cells are square at the equator.
 *
 * @param nx           number of longitudes
 * @param ny           number of latitudes
 * @param radius       planet radius a [m]
 * @param rotationRate angular velocity Omega [1/s]
 */
public record LatLonGrid(int nx, int ny, double radius, double rotationRate) implements Grid {
    /** Earth's radius used by Williamson et al. (1992) [m]. */
    public static final double EARTH_RADIUS = 6.37122e6;
    /** Earth's rotation rate used by Williamson et al. (1992) [1/s]. */
    public static final double EARTH_ROTATION = 7.292e-5;

    public LatLonGrid {
        if (nx < 4 || ny < 2) {
            throw new IllegalArgumentException("LatLonGrid: need nx >= 4 and ny >= 2, got " + nx + " x " + ny);
        }
        if (!(radius > 0)) {
            throw new IllegalArgumentException("LatLonGrid: radius must be positive, got " + radius);
        }
    }

    /** The Earth grid of spacing {@code degrees} (nx = 360/degrees, ny = 180/degrees). */
    public static LatLonGrid earth(double degrees) {
        int nx = (int) Math.round(360.0 / degrees);
        int ny = (int) Math.round(180.0 / degrees);
        return new LatLonGrid(nx, ny, EARTH_RADIUS, EARTH_ROTATION);
    }

    public double dLambda() {
        return 2 * Math.PI / nx;
    }

    public double dPhi() {
        return Math.PI / ny;
    }

    /** Latitude of row j's centres [rad]. */
    public double latitude(int j) {
        return -Math.PI / 2 + (j + 0.5) * dPhi();
    }

    /** Latitude of row j's north faces and corners [rad]; row ny-1 is the north pole. */
    public double faceLatitude(int j) {
        return -Math.PI / 2 + (j + 1) * dPhi();
    }

    private double cosFace(int j) {
        return j >= ny - 1 || j < 0 ? 0.0 : Math.cos(faceLatitude(j));
    }

    @Override
    public boolean periodicY() {
        return false;
    }

    @Override
    public double dy() {
        return radius * dPhi();
    }

    @Override
    public double[] dxAtCenterRow() {
        double[] d = new double[ny];
        for (int j = 0; j < ny; j++) {
            d[j] = radius * Math.cos(latitude(j)) * dLambda();
        }
        return d;
    }

    @Override
    public double[] dxAtVRow() {
        double[] d = new double[ny];
        for (int j = 0; j < ny; j++) {
            d[j] = radius * cosFace(j) * dLambda();
        }
        return d;
    }

    @Override
    public double[] cellArea() {
        double[] a = new double[ny];
        for (int j = 0; j < ny; j++) {
            double north = j == ny - 1 ? 1.0 : Math.sin(faceLatitude(j));
            double south = j == 0 ? -1.0 : Math.sin(faceLatitude(j - 1));
            a[j] = radius * radius * dLambda() * (north - south);
        }
        return a;
    }

    @Override
    public double[] cornerArea() {
        double[] a = new double[ny];
        for (int j = 0; j < ny; j++) {
            double north = j + 1 < ny ? Math.sin(latitude(j + 1)) : 1.0;
            a[j] = radius * radius * dLambda() * (north - Math.sin(latitude(j)));
        }
        return a;
    }

    @Override
    public double[] coriolisAtCorner() {
        double[] f = new double[ny];
        for (int j = 0; j < ny; j++) {
            f[j] = 2 * rotationRate * (j == ny - 1 ? 1.0 : Math.sin(faceLatitude(j)));
        }
        return f;
    }

    @Override
    public double[] vMask() {
        double[] m = new double[ny];
        for (int j = 0; j < ny - 1; j++) {
            m[j] = 1.0;
        }
        return m;
    }

    /** Longitude [rad] of column i at a location. */
    @Override
    public double x(Location location, int i) {
        return (location == Location.U_FACE || location == Location.CORNER ? i + 0.5 : i) * dLambda();
    }

    /** Latitude [rad] of row j at a location. */
    @Override
    public double y(Location location, int j) {
        return location == Location.V_FACE || location == Location.CORNER ? faceLatitude(j) : latitude(j);
    }
}
