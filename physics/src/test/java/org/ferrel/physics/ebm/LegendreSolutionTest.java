package org.ferrel.physics.ebm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** North's analytic Legendre solutions: closed forms, quadrature and the Q(x_s) curve. */
class LegendreSolutionTest {

    @Test
    void quadratureReproducesTheClosedFormIceFreeCoefficients() {
        EbmParameters p = EbmParameters.NCC_1981;
        double[] closed = LegendreSolution.iceFreeCoefficients(p);
        LegendreSolution series = LegendreSolution.withIceLine(p, 1.0, 40);
        assertEquals(closed[0], series.coefficient(0), 1e-12);
        assertEquals(closed[1], series.coefficient(2), 1e-12);
        assertEquals(closed[2], series.coefficient(4), 1e-12);
        for (int n = 6; n <= 40; n += 2) {
            assertEquals(0.0, series.coefficient(n), 1e-12, "no ice: only degrees 0, 2, 4");
        }
        // NCC (1981) ice-free: T0 = (Q H0 - A)/B = 15.45 °C, equator 26.9 °C, pole -6.65 °C
        assertEquals(15.449, closed[0], 1e-3);
        assertEquals(26.873, series.temperature(0.0), 1e-3);
        assertEquals(-6.650, series.temperature(1.0), 1e-3);
    }

    @Test
    void gaussLegendreIntegratesPolynomialsExactly() {
        double[][] g = LegendreSolution.gaussLegendre(7);
        double s = 0;
        double w = 0;
        for (int j = 0; j < 7; j++) {
            s += g[1][j] * Math.pow(g[0][j], 12);
            w += g[1][j];
        }
        assertEquals(2.0 / 13.0, s, 1e-14);
        assertEquals(2.0, w, 1e-14);
    }

    @Test
    void cellAverageMatchesTheIntegralOfTheSeries() {
        LegendreSolution s = LegendreSolution.withIceLine(EbmParameters.NORTH_1975, 0.9235, 60);
        double a = 0.3;
        double b = 0.35;
        double[][] g = LegendreSolution.gaussLegendre(40);
        double integral = 0;
        for (int j = 0; j < 40; j++) {
            integral += 0.5 * (b - a) * g[1][j] * s.temperature(0.5 * (a + b) + 0.5 * (b - a) * g[0][j]);
        }
        assertEquals(integral / (b - a), s.cellAverage(a, b), 1e-11);
    }

    @Test
    void northIceLineCurveHasTheStableBranchBetweenTwoUnstableOnes() {
        // North (1975) parameters: Q(x_s) falls from the equator to a minimum (large ice cap
        // instability), rises to a maximum close to the pole, and falls again (small ice cap instability)
        EbmParameters p = EbmParameters.NORTH_1975;
        double[] xs = new double[201];
        double[] q = new double[201];
        for (int i = 0; i <= 200; i++) {
            xs[i] = i / 200.0;
            q[i] = LegendreSolution.insolationHoldingIceLine(p, Math.max(xs[i], 1e-9), -10.0);
        }
        int min = 1;
        int max = 100;
        for (int i = 1; i <= 200; i++) {
            if (i < 170 && q[i] < q[min]) {
                min = i;
            }
            if (i > 150 && q[i] > q[max]) {
                max = i;
            }
        }
        System.out.printf("EBM North 1975 Q(x_s): min %.2f W m-2 at x_s = %.3f, max %.2f W m-2 at x_s = %.3f (%.1f deg)%n",
                q[min], xs[min], q[max], xs[max], Math.toDegrees(Math.asin(xs[max])));
        assertEquals(0.605, xs[min], 0.01);
        assertEquals(325.07, q[min], 0.05);
        assertEquals(0.95, xs[max], 0.005);
        assertEquals(334.78, q[max], 0.05);
        // at the present Q = 334.4 W m-2: the stable root near 67.5° and the global mean near 15 °C
        double stable = root(p, 334.4, 0.80, 0.95);
        LegendreSolution present = LegendreSolution.withIceLine(p, stable);
        System.out.printf("EBM North 1975 at Q = 334.4: x_s = %.4f (%.2f deg), T0 = %.3f C%n", stable,
                Math.toDegrees(Math.asin(stable)), present.globalMean());
        assertEquals(0.9235, stable, 5e-4);
        assertEquals(14.88, present.globalMean(), 0.02);
        assertEquals(-10.0, present.temperature(stable), 1e-9, "T(x_s) = T_s by construction");
        assertTrue(present.temperature(0.0) > 25, "warm equator");
    }

    /** The x_s in [lo, hi] with Q(x_s) = q, by bisection. */
    static double root(EbmParameters p, double q, double lo, double hi) {
        double flo = LegendreSolution.insolationHoldingIceLine(p, lo, -10.0) - q;
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            double fm = LegendreSolution.insolationHoldingIceLine(p, mid, -10.0) - q;
            if (Math.signum(fm) == Math.signum(flo)) {
                lo = mid;
                flo = fm;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
