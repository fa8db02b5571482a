package org.ferrel.calibration.observe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.dycore.grid.LatLonGrid;
import org.junit.jupiter.api.Test;

class PointInterpolationTest {
    private final LatLonGrid grid = LatLonGrid.earth(11.25);

    private double[] centred(java.util.function.DoubleBinaryOperator f) {
        return OperatorChecks.centred(grid, f);
    }

    @Test
    void reproducesBilinearFunctionsAndWrapsLongitude() {
        // a * lat + b * lat * lon is bilinear in (lat, lon) away from the dateline
        double[] f = centred((lat, lon) -> 3 * lat + 0.01 * lat * lon + 7);
        double[] lat = {-40.3, 0.0, 12.7, 61.1};
        double[] lon = {10.0, 100.5, 200.25, 300.0};
        PointInterpolation p = PointInterpolation.toPoints(grid, lat, lon);
        double[] v = p.apply(f);
        for (int k = 0; k < lat.length; k++) {
            assertEquals(3 * lat[k] + 0.01 * lat[k] * lon[k] + 7, v[k], 1e-9);
        }
        // a field periodic in longitude, sampled across 0/360 and with negative longitudes
        double[] g = centred((la, lo) -> Math.cos(Math.toRadians(lo)));
        PointInterpolation q = PointInterpolation.toPoints(grid, new double[] {0.0, 0.0}, new double[] {-5.625, 354.375});
        double[] w = q.apply(g);
        assertEquals(w[0], w[1], 1e-15);
        assertEquals(Math.cos(Math.toRadians(354.375)), w[0], 0.01);
        // poleward of the last row of centres: the nearest row
        double[] poleward = PointInterpolation.toPoints(grid, new double[] {90.0}, new double[] {0.0}).apply(f);
        assertEquals(3 * Math.toDegrees(grid.latitude(grid.ny() - 1)) + 7, poleward[0], 1e-9);
    }

    @Test
    void isLinearWithItsTransposeAsAdjoint() {
        PointInterpolation p = PointInterpolation.toPoints(grid, new double[] {-80, -3.3, 45.1, 88}, new double[] {0, 359.9, 181, -170});
        OperatorChecks.assertAdjoint(p, grid, 3);
        PointInterpolation selected = p.select(new boolean[] {true, false, true, true});
        assertEquals(3, selected.size());
        assertEquals(45.1, selected.latitudes()[1]);
        assertEquals(p.apply(OperatorChecks.centred(grid, (la, lo) -> la * lo))[2],
                selected.apply(OperatorChecks.centred(grid, (la, lo) -> la * lo))[1], 0.0);
        OperatorChecks.assertAdjoint(selected, grid, 5);
    }

    @Test
    void observationsDropMissingValuesAndRejectAllMissing() {
        PointInterpolation p = PointInterpolation.toPoints(grid, new double[] {0, 10, 20}, new double[] {0, 0, 0});
        Observations obs = Observations.of("z", p, new double[] {1, Double.NaN, 3}, 10);
        assertEquals(2, obs.size());
        assertEquals(1, obs.dropped());
        assertArrayEquals(new int[] {0, 2}, ((MaskedOperator) obs.operator()).keptIndices());
        assertEquals(p.apply(centred((la, lo) -> la))[2], obs.operator().apply(centred((la, lo) -> la))[1], 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Observations.of("z500", p, new double[] {Double.NaN, Double.NaN, Double.NaN}, 10));
        assertTrue(e.getMessage().contains("'z500': all 3 values are missing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PointInterpolation.toPoints(grid, new double[] {95}, new double[] {0}));
    }
}
