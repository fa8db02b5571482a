package org.ferrel.physics.basis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.dycore.grid.LatLonGrid;
import org.junit.jupiter.api.Test;

class HarmonicsTest {

    @Test
    void legendreMatchesClosedForms() {
        double x = 0.3;
        double[] p = Harmonics.legendre(4, x);
        assertEquals(1.0, p[0], 0);
        assertEquals(x, p[1], 1e-15);
        assertEquals((3 * x * x - 1) / 2, p[2], 1e-15);
        assertEquals((5 * x * x * x - 3 * x) / 2, p[3], 1e-15);
        assertEquals((35 * Math.pow(x, 4) - 30 * x * x + 3) / 8, p[4], 1e-15);
    }

    @Test
    void normalisedFunctionsMatchClosedForms() {
        double phi = 0.7;
        double t = Math.sin(phi);
        double u = Math.cos(phi);
        double[][] p = Harmonics.normalisedAssociatedLegendre(3, t);
        // 4-pi normalised: Pbar_l^0 = sqrt(2l+1) P_l, Pbar_l^m = sqrt(2 (2l+1) (l-m)!/(l+m)!) P_l^m
        assertEquals(Math.sqrt(5) * (3 * t * t - 1) / 2, p[2][0], 1e-14);
        assertEquals(Math.sqrt(2 * 5 / 6.0) * 3 * t * u, p[2][1], 1e-14);
        assertEquals(Math.sqrt(2 * 5 / 24.0) * 3 * u * u, p[2][2], 1e-14);
        assertEquals(Math.sqrt(2 * 7 / 720.0) * 15 * u * u * u, p[3][3], 1e-13);
        assertEquals(Math.sqrt(2 * 7 / 12.0) * 1.5 * (5 * t * t - 1) * u, p[3][1], 1e-13);
    }

    @Test
    void realSphericalHarmonicsAreOrthonormalOnTheSphere() {
        LatLonGrid grid = LatLonGrid.earth(1.40625);
        Basis b = Harmonics.realSpherical(grid, 0, 4);
        assertEquals(25, b.size());
        double[] area = grid.cellArea();
        double total = grid.totalArea();
        double worst = 0;
        for (int a = 0; a < b.size(); a++) {
            for (int c = 0; c <= a; c++) {
                double s = 0;
                for (int j = 0; j < grid.ny(); j++) {
                    for (int i = 0; i < grid.nx(); i++) {
                        s += area[j] * b.value(a, j, i) * b.value(c, j, i);
                    }
                }
                s /= total;
                worst = Math.max(worst, Math.abs(s - (a == c ? 1 : 0)));
            }
        }
        // midpoint quadrature in latitude: error O(dphi^2) ~ 1e-3 at 1.4 degrees
        assertEquals(0.0, worst, 2e-3);
    }

    @Test
    void fieldIsTheBasisTimesTheCoefficients() {
        LatLonGrid grid = LatLonGrid.earth(11.25);
        Ops o = Eager.serial();
        Basis zonal = Harmonics.zonalLegendre(grid, 2);
        double[] c = {5000, 0, -300};
        double[] f = zonal.field(o, o.constant(Shape.of(3), c)).values();
        for (int j = 0; j < grid.ny(); j++) {
            double x = Math.sin(grid.latitude(j));
            for (int i = 0; i < grid.nx(); i++) {
                assertEquals(5000 - 300 * (3 * x * x - 1) / 2, f[j * grid.nx() + i], 1e-9);
            }
        }
        Basis sh = Harmonics.realSpherical(grid, 1, 2);
        double[] d = new double[sh.size()];
        d[2] = 2.0; // Y(1,-1) = sqrt(3) cos(phi) sin(lambda)
        double[] g = sh.field(o, o.constant(Shape.of(sh.size()), d)).values();
        double[] plain = sh.field(d);
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                double expected = 2 * Math.sqrt(3) * Math.cos(grid.latitude(j)) * Math.sin(2 * Math.PI * i / grid.nx());
                assertEquals(expected, g[j * grid.nx() + i], 1e-12);
                assertEquals(g[j * grid.nx() + i], plain[j * grid.nx() + i], 1e-12);
            }
        }
        assertEquals("Y(1,-1)", sh.labels().get(2));
    }
}
