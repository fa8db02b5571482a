package org.ferrel.calibration.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CoarseGrainingTest {
    private static double integral(LatLonGrid g, double[] h) {
        double[] area = g.cellArea();
        double s = 0;
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                s += area[j] * h[j * g.nx() + i];
            }
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void areaIntegralOfDepthIsKept(int factor) {
        LatLonGrid fine = new LatLonGrid(20 * factor, 10 * factor, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
        CoarseGraining cg = new CoarseGraining(fine, factor);
        double[] h = new SplittableRandom(3).doubles(fine.nx() * fine.ny(), 5000, 12000).toArray();
        double fineMass = integral(fine, h);
        double coarseMass = integral(cg.coarse(), cg.centres(h));
        assertEquals(0, (coarseMass - fineMass) / fineMass, 1e-14);
    }

    /** Odd factors nest in longitude, so any field constant on coarse cells is reproduced. */
    @ParameterizedTest
    @ValueSource(ints = {3, 5})
    void fieldsConstantOnCoarseCellsAreReproduced(int factor) {
        LatLonGrid fine = new LatLonGrid(8 * factor, 4 * factor, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
        CoarseGraining cg = new CoarseGraining(fine, factor);
        LatLonGrid coarse = cg.coarse();
        // a field of the coarse cell index, sampled at fine centres: coarse cell of a fine centre by position
        double[] coarseValues = new SplittableRandom(5).doubles(coarse.nx() * coarse.ny(), -1, 1).toArray();
        double[] fineValues = new double[fine.nx() * fine.ny()];
        for (int j = 0; j < fine.ny(); j++) {
            for (int i = 0; i < fine.nx(); i++) {
                double x = (double) i / factor;  // position in coarse-centre units
                int ic = (int) Math.floorMod(Math.round(Math.floor(x + 0.5)), coarse.nx());
                fineValues[j * fine.nx() + i] = coarseValues[(j / factor) * coarse.nx() + ic];
            }
        }
        assertArrayEquals(coarseValues, cg.centres(fineValues), 1e-14);
        double[] constant = new double[fine.nx() * fine.ny()];
        java.util.Arrays.fill(constant, 7.25);
        double[] expected = new double[coarse.nx() * coarse.ny()];
        java.util.Arrays.fill(expected, 7.25);
        assertArrayEquals(expected, cg.centres(constant), 1e-12);
        assertArrayEquals(expected, cg.uFaces(constant), 1e-12);
        assertArrayEquals(expected, cg.vFaces(constant), 1e-12);
    }

    @Test
    void fieldsConstantInLatitudeBandsAreReproducedForEvenFactors() {
        LatLonGrid fine = new LatLonGrid(64, 32, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
        CoarseGraining cg = new CoarseGraining(fine, 4);
        double[] band = new double[64 * 32];
        for (int j = 0; j < 32; j++) {
            for (int i = 0; i < 64; i++) {
                band[j * 64 + i] = j / 4;
            }
        }
        double[] c = cg.centres(band);
        for (int jc = 0; jc < 8; jc++) {
            for (int ic = 0; ic < 16; ic++) {
                assertEquals(jc, c[jc * 16 + ic], 1e-12);
            }
        }
    }

    /**
     * Smooth fields: the coarse-grained value approaches the point value at the coarse location at
     * second order (for centres equatorward of 60 degrees: near a pole the area centroid of a cell
     * moves away from its centre latitude by tan(phi) dphi^2 / 12, so the difference from the point
     * value is first order there, as it should be).
     */
    @Test
    void smoothFieldsConvergeAtSecondOrder() {
        DoubleBinaryOperator f = (lon, lat) -> Math.cos(lat) * (2 + Math.sin(2 * lon) * Math.cos(lat) + Math.sin(3 * lat));
        double[] errors = new double[2];
        for (int r = 0; r < 2; r++) {
            int n = 32 << r;
            LatLonGrid fine = new LatLonGrid(4 * n, 2 * n, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
            CoarseGraining cg = new CoarseGraining(fine, 4);
            LatLonGrid coarse = cg.coarse();
            double e = 0;
            for (Location loc : new Location[] {Location.CENTER, Location.U_FACE, Location.V_FACE}) {
                double[] fineField = InitialCondition.sample(fine, loc, f);
                double[] got = switch (loc) {
                    case CENTER -> cg.centres(fineField);
                    case U_FACE -> cg.uFaces(fineField);
                    default -> cg.vFaces(fineField);
                };
                double[] exact = InitialCondition.sample(coarse, loc, f);
                for (int k = 0; k < exact.length; k++) {
                    if (loc == Location.CENTER && Math.abs(coarse.latitude(k / coarse.nx())) > Math.toRadians(60)) {
                        continue;
                    }
                    e = Math.max(e, Math.abs(got[k] - exact[k]));
                }
            }
            errors[r] = e;
        }
        double rate = Math.log(errors[0] / errors[1]) / Math.log(2);
        assertTrue(rate > 1.7, "order " + rate + " from errors " + errors[0] + ", " + errors[1]);
    }

    @Test
    void polesKeepZeroMeridionalVelocity() {
        LatLonGrid fine = new LatLonGrid(32, 16, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
        CoarseGraining cg = new CoarseGraining(fine, 4);
        double[] v = new SplittableRandom(9).doubles(32 * 16, -1, 1).toArray();
        for (int i = 0; i < 32; i++) {
            v[15 * 32 + i] = 0;
        }
        double[] c = cg.vFaces(v);
        for (int ic = 0; ic < 8; ic++) {
            assertEquals(0.0, c[3 * 8 + ic]);
        }
    }

    @Test
    void indivisibleGridsAreRejected() {
        LatLonGrid fine = new LatLonGrid(30, 16, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CoarseGraining(fine, 4));
        assertTrue(e.getMessage().contains("30 x 16"), e.getMessage());
    }
}
