package org.ferrel.dycore.operators;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.grid.PlaneGrid;
import org.junit.jupiter.api.Test;

/**
 * Order of accuracy of the C-grid operators against analytic results on three resolutions: the
 * errors fall as dx^2 (observed order 2 +- 0.2) on the sphere and the plane.
 */
class OperatorAccuracyTest {
    private static final double A = LatLonGrid.EARTH_RADIUS;
    private final Eager o = Eager.serial();

    /** Errors on 3 successively doubled sphere grids. */
    private double[] sphereErrors(BiFunction<LatLonGrid, CGridOperators, double[]> errorOf) {
        double[] e = new double[3];
        int ny = 16;
        for (int k = 0; k < 3; k++, ny *= 2) {
            LatLonGrid g = new LatLonGrid(2 * ny, ny, A, LatLonGrid.EARTH_ROTATION);
            e[k] = errorOf.apply(g, new CGridOperators(g))[0];
        }
        return e;
    }

    private static void assertSecondOrder(double[] e, String what) {
        for (int k = 0; k + 1 < e.length; k++) {
            double p = SphereFunctions.order(e[k], e[k + 1]);
            assertTrue(Math.abs(p - 2) <= 0.2, what + ": observed order " + p + " (errors " + java.util.Arrays.toString(e) + ")");
        }
    }

    @Test
    void laplacianOfASphericalHarmonic() {
        // Y = cos(phi) sin(phi) cos(lambda) has degree 2: del^2 Y = -6 Y / a^2
        double[] e = sphereErrors((g, ops) -> {
            Tensor y = SphereFunctions.sample(o, g, Location.CENTER, (lon, lat) -> Math.cos(lat) * Math.sin(lat) * Math.cos(lon));
            Tensor exact = o.mul(y, -6 / (A * A));
            return new double[] {SphereFunctions.relativeL2(g, ops.laplacianAtCenter(o, y), exact, 0, g.ny())};
        });
        assertSecondOrder(e, "laplacian");
    }

    @Test
    void zonalGradient() {
        double[] e = sphereErrors((g, ops) -> {
            Tensor y = SphereFunctions.sample(o, g, Location.CENTER, (lon, lat) -> Math.cos(lat) * Math.sin(lat) * Math.cos(lon));
            Tensor exact = SphereFunctions.sample(o, g, Location.U_FACE, (lon, lat) -> -Math.sin(lat) * Math.sin(lon) / A);
            return new double[] {SphereFunctions.relativeL2(g, ops.ddxAtU(o, y), exact, 0, g.ny())};
        });
        assertSecondOrder(e, "d/dx");
    }

    @Test
    void meridionalGradient() {
        double[] e = sphereErrors((g, ops) -> {
            Tensor y = SphereFunctions.sample(o, g, Location.CENTER, (lon, lat) -> Math.cos(lat) * Math.sin(lat) * Math.cos(lon));
            Tensor exact = SphereFunctions.sample(o, g, Location.V_FACE, (lon, lat) -> Math.cos(2 * lat) * Math.cos(lon) / A);
            return new double[] {SphereFunctions.relativeL2(g, ops.ddyAtV(o, y), exact, 0, g.ny() - 1)};
        });
        assertSecondOrder(e, "d/dy");
    }

    @Test
    void vorticityOfSolidBodyRotationAndARossbyHaurwitzField() {
        // u = u0 cos(phi): zeta = 2 u0 sin(phi) / a; the discrete value is (sin phi_j + sin phi_j+1) u0 / a,
        // second order (1.2e-3 relative at 5.6 deg), the pole included through the polar-cap circulation
        LatLonGrid g = LatLonGrid.earth(5.625);
        CGridOperators ops = new CGridOperators(g);
        Tensor u = SphereFunctions.sample(o, g, Location.U_FACE, (lon, lat) -> 20 * Math.cos(lat));
        Tensor zeta = ops.curlAtCorner(o, u, o.zeros(g.shape()));
        Tensor exact = SphereFunctions.sample(o, g, Location.CORNER, (lon, lat) -> 2 * 20 * Math.sin(lat) / A);
        assertTrue(SphereFunctions.relativeL2(g, zeta, exact, 0, g.ny()) < 2e-3);
        // a field with longitudinal structure: u = cos^3(phi) cos(2 lambda), v = cos(phi) sin(phi) sin(2 lambda)
        double[] e = sphereErrors((grid, op) -> {
            Tensor uu = SphereFunctions.sample(o, grid, Location.U_FACE, (lon, lat) -> Math.pow(Math.cos(lat), 3) * Math.cos(2 * lon));
            Tensor vv = SphereFunctions.sample(o, grid, Location.V_FACE, (lon, lat) -> Math.cos(lat) * Math.sin(lat) * Math.sin(2 * lon));
            // zeta = (1/(a cos)) [d v/d lambda - d(u cos)/d phi]
            Tensor ex = SphereFunctions.sample(o, grid, Location.CORNER, (lon, lat) -> (2 * Math.sin(lat) * Math.cos(2 * lon)
                    + 4 * Math.pow(Math.cos(lat), 2) * Math.sin(lat) * Math.cos(2 * lon)) / A);
            return new double[] {SphereFunctions.relativeL2(grid, op.curlAtCorner(o, uu, vv), ex, 0, grid.ny() - 1)};
        });
        assertSecondOrder(e, "curl");
    }

    @Test
    void planeOperators() {
        double[] lap = new double[3];
        double[] div = new double[3];
        int n = 16;
        double length = 1e6;
        for (int k = 0; k < 3; k++, n *= 2) {
            PlaneGrid g = new PlaneGrid(n, n, length, length, 1e-4);
            CGridOperators ops = new CGridOperators(g);
            double kx = 2 * Math.PI / length;
            Tensor f = SphereFunctions.sample(o, g, Location.CENTER, (x, y) -> Math.sin(kx * x) * Math.cos(2 * kx * y));
            lap[k] = SphereFunctions.relativeL2(g, ops.laplacianAtCenter(o, f), o.mul(f, -5 * kx * kx), 0, n);
            Tensor fu = SphereFunctions.sample(o, g, Location.U_FACE, (x, y) -> Math.cos(kx * x));
            Tensor fv = SphereFunctions.sample(o, g, Location.V_FACE, (x, y) -> Math.sin(2 * kx * y));
            Tensor exact = SphereFunctions.sample(o, g, Location.CENTER,
                    (x, y) -> -kx * Math.sin(kx * x) + 2 * kx * Math.cos(2 * kx * y));
            div[k] = SphereFunctions.relativeL2(g, ops.divergenceAtCenter(o, fu, fv), exact, 0, n);
        }
        assertSecondOrder(lap, "plane laplacian");
        assertSecondOrder(div, "plane divergence");
    }
}
