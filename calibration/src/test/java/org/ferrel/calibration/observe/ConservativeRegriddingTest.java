package org.ferrel.calibration.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.dycore.grid.LatLonGrid;
import org.junit.jupiter.api.Test;

/** Conservative regridding: exactness, conservation, first-order accuracy, adjoint (validation levels 1 and 2). */
class ConservativeRegriddingTest {
    private final LatLonGrid grid = LatLonGrid.earth(5.625);

    /** Bounds that cover the sphere and align with nothing on the model grid. */
    private static final double[] UNEVEN_LAT = {-90, -61, -20, 3.7, 45, 90};
    private static final double[] UNEVEN_LON = {-17, 40, 100.3, 222, 343};

    /** An ERA-Interim-like grid of 6-degree spacing with points on the poles, and a finer shifted 2-degree grid. */
    private static double[] range(double first, double step, int n) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = first + k * step;
        }
        return x;
    }

    private ObservationOperator[] targets() {
        return new ObservationOperator[] {
            ConservativeRegridding.toCells(grid, UNEVEN_LAT, UNEVEN_LON),
            ConservativeRegridding.toGrid(grid, range(-90, 6, 31), range(0, 6, 60)),
            ConservativeRegridding.toGrid(grid, range(-89, 2, 90), range(1, 2, 180)),
            ConservativeRegridding.toCells(grid, new double[] {10, 33.3, 60}, new double[] {-30, 2.5, 50}),
        };
    }

    @Test
    void aConstantFieldMapsToItself() {
        double[] constant = OperatorChecks.centred(grid, (lat, lon) -> 7.3);
        for (ObservationOperator h : targets()) {
            for (double y : h.apply(constant)) {
                assertEquals(7.3, y, 1e-14 * 7.3 * 4, h.description());
            }
        }
    }

    @Test
    void theGlobalIntegralIsConservedWhenTheTargetCoversTheSphere() {
        double[] field = OperatorChecks.centred(grid, (lat, lon) -> 280 + 30 * Math.cos(Math.toRadians(lat))
                + 5 * Math.sin(Math.toRadians(3 * lon)) * Math.cos(Math.toRadians(lat)) + 0.01 * lat * lon / 90);
        double[] area = OperatorChecks.cellAreas(grid);
        double model = 0;
        for (int k = 0; k < field.length; k++) {
            model += area[k] * field[k];
        }
        // uneven cells
        double[] y = ConservativeRegridding.toCells(grid, UNEVEN_LAT, UNEVEN_LON).apply(field);
        double target = 0;
        for (int j = 0; j < UNEVEN_LAT.length - 1; j++) {
            for (int i = 0; i < UNEVEN_LON.length - 1; i++) {
                target += OperatorChecks.rectangleArea(UNEVEN_LAT[j], UNEVEN_LAT[j + 1], UNEVEN_LON[i], UNEVEN_LON[i + 1])
                        * y[j * (UNEVEN_LON.length - 1) + i];
            }
        }
        assertEquals(model, target, 1e-13 * Math.abs(model));
        // a finer shifted grid from its centres: cells 2 degrees wide around the whole circle
        double[] fine = ConservativeRegridding.toGrid(grid, range(-89, 2, 90), range(1, 2, 180)).apply(field);
        double fineTotal = 0;
        for (int j = 0; j < 90; j++) {
            for (int i = 0; i < 180; i++) {
                fineTotal += OperatorChecks.rectangleArea(-90 + 2 * j, -88 + 2 * j, 2 * i, 2 * i + 2) * fine[j * 180 + i];
            }
        }
        assertEquals(model, fineTotal, 1e-13 * Math.abs(model));
        // the sphere's area, 4 pi, as a check of the areas themselves
        double sphere = 0;
        for (double a : area) {
            sphere += a;
        }
        assertEquals(4 * Math.PI, sphere, 1e-13);
    }

    /**
     * Cell means of f = sin(phi) + cos(phi) cos(lambda) over [phi1, phi2] x [lambda1, lambda2], with the
     * area element cos(phi) dphi dlambda: (dlambda (sin^2 phi2 - sin^2 phi1) / 2 + (sin lambda2 - sin lambda1)
     * ((phi2 - phi1) / 2 + (sin 2 phi2 - sin 2 phi1) / 4)) / (dlambda (sin phi2 - sin phi1)).
     */
    private static double analyticMean(double south, double north, double west, double east) {
        double p1 = Math.toRadians(south);
        double p2 = Math.toRadians(north);
        double l1 = Math.toRadians(west);
        double l2 = Math.toRadians(east);
        double integral = (l2 - l1) * (Math.pow(Math.sin(p2), 2) - Math.pow(Math.sin(p1), 2)) / 2
                + (Math.sin(l2) - Math.sin(l1)) * ((p2 - p1) / 2 + (Math.sin(2 * p2) - Math.sin(2 * p1)) / 4);
        return integral / ((l2 - l1) * (Math.sin(p2) - Math.sin(p1)));
    }

    private static double maxError(LatLonGrid model, double[] latBounds, double[] lonBounds) {
        double[] f = OperatorChecks.centred(model, (lat, lon) -> Math.sin(Math.toRadians(lat))
                + Math.cos(Math.toRadians(lat)) * Math.cos(Math.toRadians(lon)));
        double[] y = ConservativeRegridding.toCells(model, latBounds, lonBounds).apply(f);
        int nx = lonBounds.length - 1;
        double max = 0;
        for (int j = 0; j < latBounds.length - 1; j++) {
            for (int i = 0; i < nx; i++) {
                double exact = analyticMean(latBounds[j], latBounds[j + 1], lonBounds[i], lonBounds[i + 1]);
                max = Math.max(max, Math.abs(y[j * nx + i] - exact));
            }
        }
        return max;
    }

    @Test
    void agreesWithAnalyticCellMeansToFirstOrder() {
        // each model value is f at its centre, at most half a cell diagonal (h / sqrt 2 on the unit sphere,
        // h the spacing in radians) from any point of its cell; |grad f| <= sqrt 3, so a target mean is off
        // by at most sqrt(3 / 2) h
        double[][] lat = {UNEVEN_LAT, range(-90, 7.5, 25), range(-87, 3, 59)};
        double[][] lon = {UNEVEN_LON, range(-3.3, 7.5, 49), range(0.7, 3, 121)};
        for (int t = 0; t < lat.length; t++) {
            double coarse = maxError(LatLonGrid.earth(5.625), lat[t], lon[t]);
            double fine = maxError(LatLonGrid.earth(2.8125), lat[t], lon[t]);
            assertTrue(coarse <= Math.sqrt(1.5) * Math.toRadians(5.625), "target " + t + ": error " + coarse);
            assertTrue(fine <= Math.sqrt(1.5) * Math.toRadians(2.8125), "target " + t + ": error " + fine);
            assertTrue(fine <= 0.6 * coarse, "target " + t + ": error " + coarse + " at 5.625 degrees, " + fine
                    + " at 2.8125: not converging at first order");
        }
    }

    @Test
    void aCellSpanningModelCellsExactlyIsTheirAreaWeightedMean() {
        // target cell = model rows 16 and 17 (0 to 11.25 N), columns 0 and 1 (-2.8125 to 8.4375 E)
        double[] f = OperatorChecks.centred(grid, (lat, lon) -> lat * lat + lon);
        ConservativeRegridding h = ConservativeRegridding.toCells(grid, new double[] {0, 11.25}, new double[] {-2.8125, 8.4375});
        double a16 = OperatorChecks.rectangleArea(0, 5.625, 0, 5.625);
        double a17 = OperatorChecks.rectangleArea(5.625, 11.25, 0, 5.625);
        int nx = grid.nx();
        double expected = (a16 * (f[16 * nx] + f[16 * nx + 1]) + a17 * (f[17 * nx] + f[17 * nx + 1])) / (2 * (a16 + a17));
        assertEquals(expected, h.apply(f)[0], 1e-12);
    }

    @Test
    void isLinearWithItsTransposeAsAdjoint() {
        long seed = 11;
        for (ObservationOperator h : targets()) {
            OperatorChecks.assertAdjoint(h, grid, seed++);
        }
        ConservativeRegridding h = ConservativeRegridding.toCells(grid, UNEVEN_LAT, UNEVEN_LON);
        boolean[] keep = new boolean[h.size()];
        keep[3] = true;
        keep[17] = true;
        ConservativeRegridding selected = h.select(keep);
        double[] f = OperatorChecks.centred(grid, (lat, lon) -> lat - lon);
        assertEquals(h.apply(f)[17], selected.apply(f)[1], 0.0);
        OperatorChecks.assertAdjoint(selected, grid, 21);
        assertEquals("conservative regridding to 2 of 5 x 4 cells", selected.description());
    }

    @Test
    void badBoundsAreNamed() {
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
                () -> ConservativeRegridding.toCells(grid, new double[] {0, 10, 5}, new double[] {0, 10}));
        assertTrue(order.getMessage().contains("latitude bounds must be finite and strictly ascending; entry 2 is 5.0"),
                order.getMessage());
        IllegalArgumentException pole = assertThrows(IllegalArgumentException.class,
                () -> ConservativeRegridding.toCells(grid, new double[] {0, 95}, new double[] {0, 10}));
        assertTrue(pole.getMessage().contains("leave [-90, 90]"), pole.getMessage());
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> ConservativeRegridding.toCells(grid, new double[] {0, 10}, new double[] {0, 200, 400}));
        assertTrue(wide.getMessage().contains("more than 360"), wide.getMessage());
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> ConservativeRegridding.toGrid(grid, new double[] {10}, new double[] {0, 10}));
        assertTrue(single.getMessage().contains("1 latitudes"), single.getMessage());
    }
}
