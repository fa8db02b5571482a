package org.ferrel.calibration.observe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.io.observations.GriddedObservation;
import org.junit.jupiter.api.Test;

/** Observation sets with errors per point: missing values dropped and counted, errors checked and converted. */
class ObservationsTest {
    private final LatLonGrid grid = LatLonGrid.earth(11.25);
    private final double nan = Double.NaN;
    private final double[] lat = {-30, 0, 30};
    private final double[] lon = {0, 120, 240};

    private GriddedObservation gridded(String file, String variable, String units, double[] values) {
        return new GriddedObservation(file, variable, units, new double[0], null, lat, lon, values, Map.of());
    }

    @Test
    void errorsPerPointDropMissingValuesOrErrorsAndCountThem() {
        ObservationOperator h = ConservativeRegridding.toGrid(grid, lat, lon);
        double[] values = {280, nan, 282, 283, 284, 285, 286, 287, 288};
        double[] sigma = {1, 2, 3, nan, 5, 6, 7, 8, 9};
        Observations o = Observations.withErrors("sst", h, values, sigma);
        assertEquals(7, o.size());
        assertEquals(2, o.dropped());
        assertArrayEquals(new double[] {280, 282, 284, 285, 286, 287, 288}, o.values(), 0.0);
        assertArrayEquals(new double[] {1, 3, 5, 6, 7, 8, 9}, o.sigma(), 0.0);
        double[] f = OperatorChecks.centred(grid, (la, lo) -> la + lo);
        assertEquals(h.apply(f)[2], o.operator().apply(f)[1], 0.0);
        // residuals go back to the observation grid, NaN where dropped
        double[] map = o.onObservationGrid(new double[] {1, 2, 3, 4, 5, 6, 7}, Double.NaN);
        assertArrayEquals(new double[] {1, nan, 2, nan, 3, 4, 5, 6, 7}, map, 0.0);
        // a mask first, then the missing values inside it: each counted for its reason
        boolean[] south = {true, true, true, false, false, false, false, false, false};
        Observations masked = Observations.withErrors("sst", MaskedOperator.of(h, south),
                new double[] {280, nan, 282}, new double[] {1, 1, 1});
        MaskedOperator m = (MaskedOperator) masked.operator();
        assertEquals(1, masked.dropped());
        assertEquals(6, m.droppedByMask());
        assertEquals(1, m.droppedMissing());
        assertArrayEquals(new int[] {0, 2}, m.keptIndices());
        assertTrue(m.description().endsWith("2 of 9 values kept (6 outside the mask, 1 missing)"), m.description());

        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Observations.withErrors("sst", h, values, new double[] {1, 1, 1, 1, 0, 1, 1, 1, 1}));
        assertTrue(zero.getMessage().contains("'sst': point 3 has value 284.0 and error 0.0"), zero.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> Observations.withErrors("sst", h, values, new double[] {1, 2}));
        assertTrue(length.getMessage().contains("9 values and 2 errors for 9 points"), length.getMessage());
        Observations unchanged = new Observations("twin", h, new double[9], filled(9, 1.0));
        assertEquals(0, unchanged.dropped());
    }

    private static double[] filled(int n, double value) {
        return java.util.stream.DoubleStream.generate(() -> value).limit(n).toArray();
    }

    @Test
    void errorsFromAGriddedVariableAreConvertedAsDifferences() {
        ObservationOperator h = PointInterpolation.toGrid(grid, lat, lon);
        GriddedObservation t = gridded("clim.nc", "sst", "degC", new double[] {10, 11, 12, 13, nan, 15, 16, 17, 18});
        // errors in K are errors in degC (no offset); errors in a tenth of a kelvin scale by 0.1
        Observations kelvin = Observations.fromGridded("sst", h, t,
                gridded("err.nc", "sst_sd", "K", filled(9, 0.5)));
        assertEquals(8, kelvin.size());
        assertEquals(1, kelvin.dropped());
        assertArrayEquals(filled(8, 0.5), kelvin.sigma(), 0.0);
        Observations deci = Observations.fromGridded("sst", h, t, gridded("err.nc", "sst_sd", "dK", filled(9, 5)));
        assertArrayEquals(filled(8, 0.5), deci.sigma(), 1e-15);

        IllegalArgumentException units = assertThrows(IllegalArgumentException.class,
                () -> Observations.fromGridded("sst", h, t, gridded("err.nc", "sst_sd", "m", filled(9, 1))));
        assertTrue(units.getMessage().contains("errors err.nc, variable 'sst_sd'") && units.getMessage().contains("'m'")
                && units.getMessage().contains("'degC'"), units.getMessage());
        GriddedObservation shifted = new GriddedObservation("err.nc", "sst_sd", "K", new double[0], null, lat,
                new double[] {0, 120, 241}, filled(9, 1), Map.of());
        IllegalArgumentException grids = assertThrows(IllegalArgumentException.class,
                () -> Observations.fromGridded("sst", h, t, shifted));
        assertTrue(grids.getMessage().contains("err.nc, variable 'sst_sd' is on a 3 x 3 lon-lat grid that differs from the"
                + " 3 x 3 grid of clim.nc, variable 'sst'"), grids.getMessage());
        IllegalArgumentException allMissing = assertThrows(IllegalArgumentException.class,
                () -> Observations.fromGridded("sst", h, t, gridded("err.nc", "sst_sd", "K", filled(9, nan))));
        assertTrue(allMissing.getMessage().startsWith("clim.nc, variable 'sst' with errors from err.nc, variable 'sst_sd':"
                + " observations 'sst': all 9 values are missing"), allMissing.getMessage());
    }
}
