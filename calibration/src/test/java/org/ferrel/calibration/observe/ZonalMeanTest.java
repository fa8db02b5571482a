package org.ferrel.calibration.observe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.dycore.grid.LatLonGrid;
import org.junit.jupiter.api.Test;

/** Zonal means: exactness on the model's rows, conservation, first-order accuracy, latitude subsets, adjoint. */
class ZonalMeanTest {
    private final LatLonGrid grid = LatLonGrid.earth(5.625);

    private double[] modelLatitudes() {
        double[] lat = new double[grid.ny()];
        for (int j = 0; j < lat.length; j++) {
            lat[j] = Math.toDegrees(grid.latitude(j));
        }
        return lat;
    }

    private static double[] range(double first, double step, int n) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = first + k * step;
        }
        return x;
    }

    @Test
    void onTheModelsLatitudesEachValueIsItsRowsMean() {
        double[] f = OperatorChecks.centred(grid, (lat, lon) -> lat * lat + 3 * Math.sin(Math.toRadians(lon)) + lon / 100);
        double[] z = ZonalMean.atLatitudes(grid, modelLatitudes()).apply(f);
        for (int j = 0; j < grid.ny(); j++) {
            double sum = 0;
            for (int i = 0; i < grid.nx(); i++) {
                sum += f[j * grid.nx() + i];
            }
            assertEquals(sum / grid.nx(), z[j], 1e-12, "row " + j);
        }
    }

    @Test
    void constantsStayAndWavesAroundTheCircleVanish() {
        ZonalMean z = ZonalMean.atLatitudes(grid, range(-90, 6, 31));
        for (double y : z.apply(OperatorChecks.centred(grid, (lat, lon) -> -2.5))) {
            assertEquals(-2.5, y, 1e-14);
        }
        // sum_i cos(k lambda_i) = 0 over nx equally spaced longitudes for 0 < k < nx
        for (double y : z.apply(OperatorChecks.centred(grid, (lat, lon) -> Math.cos(Math.toRadians(lat))
                * Math.cos(Math.toRadians(3 * lon))))) {
            assertEquals(0.0, y, 1e-15);
        }
    }

    @Test
    void conservesTheGlobalIntegralAndAgreesWithBandMeansToFirstOrder() {
        double[] bounds = {-90, -72.5, -31, -2, 17.3, 60, 83, 90};
        double[] f = OperatorChecks.centred(grid, (lat, lon) -> Math.sin(Math.toRadians(lat)) + 0.2 * Math.cos(Math.toRadians(lon)));
        double[] z = ZonalMean.overBands(grid, bounds).apply(f);
        double[] area = OperatorChecks.cellAreas(grid);
        double model = 0;
        double absolute = 0;
        for (int k = 0; k < f.length; k++) {
            model += area[k] * f[k];
            absolute += area[k] * Math.abs(f[k]);
        }
        double bands = 0;
        for (int k = 0; k < z.length; k++) {
            // the band mean of sin(phi) is (sin phi1 + sin phi2) / 2; the cos(lambda) part averages to 0
            double exact = 0.5 * (Math.sin(Math.toRadians(bounds[k])) + Math.sin(Math.toRadians(bounds[k + 1])));
            assertTrue(Math.abs(z[k] - exact) <= Math.toRadians(5.625) / 2, "band " + k + ": " + z[k] + " vs " + exact);
            bands += OperatorChecks.rectangleArea(bounds[k], bounds[k + 1], 0, 360) * z[k];
        }
        assertEquals(model, bands, 1e-14 * absolute);
        assertArrayEquals(new double[] {-81.25, -51.75, -16.5, 7.65, 38.65, 71.5, 86.5}, ZonalMean.overBands(grid, bounds).latitudes(),
                1e-12);
    }

    @Test
    void aLatitudeSetKeepsTheBandsOfTheWholeObservationGrid() {
        double[] observed = range(-90, 6, 31);
        double[] f = OperatorChecks.centred(grid, (lat, lon) -> lat * Math.abs(lat) + lon);
        double[] all = ZonalMean.atLatitudes(grid, observed).apply(f);
        ZonalMean some = ZonalMean.atLatitudes(grid, observed, new double[] {48, -30, 0});
        assertArrayEquals(new double[] {-30, 0, 48}, some.latitudes(), 0.0);
        assertArrayEquals(new double[] {all[10], all[15], all[23]}, some.apply(f), 0.0);
        assertEquals("zonal mean at 3 latitudes", some.description());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZonalMean.atLatitudes(grid, observed, new double[] {45}));
        assertTrue(e.getMessage().contains("latitude 45.0 is not on the observation grid (31 latitudes from -90.0 to 90.0)"),
                e.getMessage());
    }

    @Test
    void isLinearWithItsTransposeAsAdjoint() {
        OperatorChecks.assertAdjoint(ZonalMean.atLatitudes(grid, range(-90, 6, 31)), grid, 31);
        OperatorChecks.assertAdjoint(ZonalMean.overBands(grid, new double[] {-50, -10, 12.5, 70}), grid, 37);
        OperatorChecks.assertAdjoint(ZonalMean.atLatitudes(grid, modelLatitudes(), new double[] {modelLatitudes()[3]}), grid, 41);
    }
}
