package org.ferrel.calibration.observe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.dycore.grid.LatLonGrid;
import org.junit.jupiter.api.Test;

/** Masks: which values are kept, how many were dropped for which reason, and the adjoint of what remains. */
class MaskedOperatorTest {
    private final LatLonGrid grid = LatLonGrid.earth(11.25);
    private final ObservationOperator full = ConservativeRegridding.toGrid(grid, new double[] {-60, -20, 20, 60},
            new double[] {0, 90, 180, 270});
    private final double nan = Double.NaN;

    @Test
    void dropsValuesOutsideTheMaskAndMissingOnesAndCountsEach() {
        boolean[] mask = MaskedOperator.maskOf(new double[] {1, 1, 0, 1, nan, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 2});
        double[] observed = {3, nan, 4, 5, 6, 7, 8, 9, 10, 11, nan, 12, 13, nan, 14, 15};
        MaskedOperator m = MaskedOperator.of(full, mask, observed);
        // outside the mask: 2, 4, 12, 13 (13 is also missing, and counted once, as outside); missing inside: 1, 10
        assertEquals(4, m.droppedByMask());
        assertEquals(2, m.droppedMissing());
        assertArrayEquals(new int[] {0, 3, 5, 6, 7, 8, 9, 11, 14, 15}, m.keptIndices());
        assertEquals(10, m.size());
        double[] f = OperatorChecks.centred(grid, (lat, lon) -> lat + 2 * lon);
        double[] all = full.apply(f);
        double[] kept = m.apply(f);
        for (int k = 0; k < kept.length; k++) {
            assertEquals(all[m.keptIndices()[k]], kept[k], 0.0);
        }
        double[] map = m.scatter(kept, nan);
        assertEquals(all[15], map[15], 0.0);
        assertTrue(Double.isNaN(map[2]) && Double.isNaN(map[1]));
        assertTrue(m.description().endsWith("10 of 16 values kept (4 outside the mask, 2 missing)"), m.description());
    }

    @Test
    void selectingFromAMaskedOperatorComposesTheSelections() {
        MaskedOperator m = MaskedOperator.of(full, new boolean[] {true, false, true, true, true, true, true, true, true, true,
            true, true, true, true, true, false});
        MaskedOperator fewer = m.select(new boolean[] {false, true, true, false, false, false, false, false, false, false,
            false, false, false, true});
        assertArrayEquals(new int[] {2, 3, 14}, fewer.keptIndices());
        assertEquals(13, fewer.droppedByMask());
        double[] f = OperatorChecks.centred(grid, (lat, lon) -> lat * lon);
        assertArrayEquals(new double[] {full.apply(f)[2], full.apply(f)[3], full.apply(f)[14]}, fewer.apply(f), 0.0);
    }

    @Test
    void isLinearWithItsTransposeAsAdjointAndChecksLengths() {
        boolean[] mask = new boolean[16];
        for (int k = 0; k < 16; k += 3) {
            mask[k] = true;
        }
        OperatorChecks.assertAdjoint(MaskedOperator.of(full, mask), grid, 51);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskedOperator.of(full, new boolean[3]));
        assertTrue(e.getMessage().contains("3 mask entries and no observations for an operator of 16 values"), e.getMessage());
    }
}
