package org.ferrel.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitRoundingTest {

    /** Round to nearest, ties to even, worked out on exact decimal values of the two candidates. */
    private static double reference(double x, int keep) {
        int drop = 52 - keep;
        long bits = Double.doubleToRawLongBits(x);
        long down = bits & (-1L << drop);
        long up = down + (1L << drop);
        BigDecimal v = new BigDecimal(x);
        BigDecimal dDown = v.subtract(new BigDecimal(Double.longBitsToDouble(down))).abs();
        BigDecimal dUp = v.subtract(new BigDecimal(Double.longBitsToDouble(up))).abs();
        int c = dDown.compareTo(dUp);
        if (c != 0) {
            return Double.longBitsToDouble(c < 0 ? down : up);
        }
        return Double.longBitsToDouble(((down >>> drop) & 1L) == 0 ? down : up);
    }

    private static float reference(float x, int keep) {
        int drop = 23 - keep;
        int bits = Float.floatToRawIntBits(x);
        int down = bits & (-1 << drop);
        int up = down + (1 << drop);
        double dDown = Math.abs((double) x - Float.intBitsToFloat(down)); // exact: floats differ by few bits
        double dUp = Math.abs((double) x - Float.intBitsToFloat(up));
        if (dDown != dUp) {
            return Float.intBitsToFloat(dDown < dUp ? down : up);
        }
        return Float.intBitsToFloat(((down >>> drop) & 1) == 0 ? down : up);
    }

    @Test
    void roundsToNearestWithTiesToEven() {
        // 1 + 2^-4 kept to 3 bits is a tie between 1 and 1.125: to the even mantissa 1.0
        assertEquals(1.0, BitRounding.round(1.0625, 3));
        // 1.125 + 2^-4 is a tie between 1.125 (odd) and 1.25 (even): up
        assertEquals(1.25, BitRounding.round(1.1875, 3));
        assertEquals(-1.25, BitRounding.round(-1.1875, 3));
        assertEquals(1.0f, BitRounding.round(1.0625f, 3));
        assertEquals(1.25f, BitRounding.round(1.1875f, 3));
        // just above a tie rounds up, just below down
        assertEquals(1.125, BitRounding.round(Math.nextUp(1.0625), 3));
        assertEquals(1.0, BitRounding.round(Math.nextDown(1.0625), 3));
        // a carry into the exponent: 1.99 kept to 2 bits is 2
        assertEquals(2.0, BitRounding.round(1.99, 2));
        assertEquals(2.0, BitRounding.round(1.99, 0));
        assertEquals(1.0, BitRounding.round(1.4, 0));
    }

    @Test
    void agreesWithExactRoundingAndBoundsTheRelativeError() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n = 0; n < 20_000; n++) {
            double x = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-12, 12));
            int keep = r.nextInt(0, 52);
            double y = BitRounding.round(x, keep);
            assertEquals(reference(x, keep), y, () -> x + " to " + keep + " bits");
            assertTrue(Math.abs(y - x) <= Math.scalb(Math.abs(x), -(keep + 1)), () -> x + " to " + keep + " bits: " + y);
            float f = (float) x;
            int keepF = r.nextInt(0, 23);
            float g = BitRounding.round(f, keepF);
            assertEquals(reference(f, keepF), g, () -> f + " to " + keepF + " bits");
            assertTrue(Math.abs((double) g - f) <= Math.scalb(Math.abs((double) f), -(keepF + 1)));
            // the dropped bits are zero
            int drop = 23 - keepF;
            assertEquals(0, Float.floatToRawIntBits(g) & ((1 << drop) - 1));
        }
    }

    @Test
    void fullMantissaNonFiniteAndBadArguments() {
        assertEquals(Math.PI, BitRounding.round(Math.PI, 52));
        assertEquals((float) Math.PI, BitRounding.round((float) Math.PI, 23));
        assertTrue(Double.isNaN(BitRounding.round(Double.NaN, 3)));
        assertEquals(Double.POSITIVE_INFINITY, BitRounding.round(Double.POSITIVE_INFINITY, 3));
        assertTrue(Float.isNaN(BitRounding.round(Float.NaN, 3)));
        assertThrows(IllegalArgumentException.class, () -> BitRounding.round(1.0, 53));
        assertThrows(IllegalArgumentException.class, () -> BitRounding.round(1.0f, 24));
        assertThrows(IllegalArgumentException.class, () -> BitRounding.round(1.0f, -1));
        double[] x = {1.1875, 3.0};
        assertEquals(1.25, BitRounding.rounded(x, 3)[0]);
        assertEquals(1.1875, x[0], "a copy is rounded");
        assertEquals(1.1875, BitRounding.rounded(x, OutputEncoding.NO_ROUNDING)[0]);
        assertEquals(1.25f, BitRounding.toFloat(x, 3)[0]);
        assertEquals((float) 0.1, BitRounding.toFloat(new double[] {0.1}, OutputEncoding.NO_ROUNDING)[0]);
    }
}
