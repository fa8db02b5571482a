package org.ferrel.dycore.cases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.TreeMap;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Williamson cases 5 and 6 against a converged reference: the same model at 2.8, 1.4 and 0.7 degrees,
 * the normalised l1, l2 and l-infinity errors of the surface height h + b (Williamson et al. 1992,
 * eqs. 82-84) of the two coarser runs against the 0.7-degree run, the fine run restricted to the
 * coarse centres (see {@link #restrict}). A 0.35-degree reference would cost about 8 times the three
 * runs' 4 to 5 minutes per case measured on this project's shared 2-core machine, so it is not run.
 *
 * <p>Asserted: (1) at every day the l2 error falls from 2.8 to 1.4 degrees by more than 3, what a
 * first-order scheme would give against this reference (errors e = C dx^p measured against a run at
 * a quarter of the 2.8-degree spacing fall by 2^p + 1: 3 for p = 1, 5 for p = 2); (2) published
 * errors of another grid-point model, the GME shallow-water model's l2 errors of h against the NCAR
 * spectral model (icon.enes.org/swm/gmeswm/node6.html, tables 4 and 5; GME's errors at ni = 96 and
 * 192 level off at 6.7e-4 for case 5, the difference between its reference's and its own set-up),
 * scaled to equal numbers of points as for a second-order scheme (error proportional to the number
 * of points to the power -1): 2.8 degrees (8,192 points) against GME at ni = 32 (10,242 points),
 * 1.4 degrees (32,768) against ni = 64 (40,962). Case 5 at 2.8 degrees is not asserted against GME:
 * its l2 at day 15 is about twice GME's at equal points (docs/validation.md).
 * Each test prints one VALIDATION line per resolution and day.
 */
@Tag("reference")
class SelfConvergenceValidationTest {
    private static final double[] DEGREES = {2.8125, 1.40625, 0.703125};
    /** A published l2 error of h scaled from {@code points} to {@code ourPoints} as for a second-order scheme. */
    private static double atEqualPoints(double published, int points, int ourPoints) {
        return published * points / ourPoints;
    }

    /** GME, case 5, day 15, ni = 64: 7.2106e-4 on 40,962 points, at the 1.4-degree grid's 32,768. */
    private static final double GME_CASE5_DAY15_AT_1P4 = atEqualPoints(7.2106e-4, 40962, 32768);
    /** GME, case 6, day 10, ni = 32: 9.0148e-3 on 10,242 points, at the 2.8-degree grid's 8,192. */
    private static final double GME_CASE6_DAY10_AT_2P8 = atEqualPoints(9.0148e-3, 10242, 8192);
    /** GME, case 6, day 10, ni = 64: 2.8930e-3 on 40,962 points, at the 1.4-degree grid's 32,768. */
    private static final double GME_CASE6_DAY10_AT_1P4 = atEqualPoints(2.8930e-3, 40962, 32768);
    /** GME, case 5, day 15, ni = 32: 1.3713e-3 on 10,242 points, at the 2.8-degree grid's 8,192 (printed only). */
    private static final double GME_CASE5_DAY15_AT_2P8 = atEqualPoints(1.3713e-3, 10242, 8192);
    private final Eager o = Eager.serial();

    /**
     * A field at centres of a grid restricted to the grid of twice the spacing: the fine grid's rows
     * 2j and 2j+1 straddle the coarse row j's centre (their mean), and its column 2i is the coarse
     * column i's longitude. Second order: from 0.7 to 2.8 degrees (two restrictions, the mean of four
     * rows at dy/8 and 3 dy/8 either side) the interpolation error is (10/256) dy^2 h_yy, 4 cm for a
     * wave of 1,000 m and 2,000 km (1e-5 of h), against errors of about 20 m measured.
     */
    static double[] restrict(LatLonGrid fine, double[] h) {
        int nx = fine.nx() / 2;
        int ny = fine.ny() / 2;
        double[] r = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                r[j * nx + i] = 0.5 * (h[2 * j * fine.nx() + 2 * i] + h[(2 * j + 1) * fine.nx() + 2 * i]);
            }
        }
        return r;
    }

    /** The surface height h + b of a run at the given days, by day (polar filter from 45 degrees). */
    private TreeMap<Integer, double[]> run(LatLonGrid grid, InitialCondition ic, double timeStepAt2p8, int[] days) {
        return run(grid, ic, timeStepAt2p8, 45, days);
    }

    private TreeMap<Integer, double[]> run(LatLonGrid grid, InitialCondition ic, double timeStepAt2p8,
                                          double filterLatitude, int[] days) {
        double dt = timeStepAt2p8 * (180.0 / grid.ny()) / 2.8125;
        Model m = Model.builder(grid).topography(ic.topography(grid)).timeStep(dt)
                .filter(new PolarFilter(grid, Math.toRadians(filterLatitude))).build();
        double[] b = ic.topography(grid);
        TreeMap<Integer, double[]> byDay = new TreeMap<>();
        TreeMap<Integer, Integer> dayOfStep = new TreeMap<>();
        for (int d : days) {
            dayOfStep.put(WilliamsonTest.steps(m, d), d);
        }
        Tensor[] p = m.defaultParameters(o);
        m.run(o, ic.state(o, grid), p, dayOfStep.lastKey(), (k, s) -> {
            Integer day = dayOfStep.get(k);
            if (day != null) {
                double[] surface = s.h().values().clone();
                for (int c = 0; c < surface.length; c++) {
                    surface[c] += b[c];
                }
                byDay.put(day, surface);
            }
        });
        return byDay;
    }

    /** Errors [resolution][day index] of the coarser runs against the finest. */
    private ErrorNorms[][] study(String name, InitialCondition ic, double timeStepAt2p8, int[] days) {
        LatLonGrid[] grids = new LatLonGrid[DEGREES.length];
        @SuppressWarnings("unchecked")
        TreeMap<Integer, double[]>[] runs = new TreeMap[DEGREES.length];
        for (int r = 0; r < DEGREES.length; r++) {
            grids[r] = LatLonGrid.earth(DEGREES[r]);
            runs[r] = run(grids[r], ic, timeStepAt2p8, days);
        }
        int finest = DEGREES.length - 1;
        ErrorNorms[][] errors = new ErrorNorms[finest][days.length];
        for (int d = 0; d < days.length; d++) {
            double[] reference = runs[finest].get(days[d]);
            for (int r = finest - 1; r >= 0; r--) {
                reference = restrict(grids[r + 1], reference);
                ErrorNorms e = ErrorNorms.of(grids[r], runs[r].get(days[d]), reference);
                errors[r][d] = e;
                System.out.println(String.format(Locale.ROOT, "VALIDATION %s %.4fdeg day%d against %.4fdeg:"
                        + " l1=%.3e l2=%.3e linf=%.3e", name, DEGREES[r], days[d], DEGREES[finest], e.l1(), e.l2(),
                        e.lInf()));
            }
            double ratio = errors[0][d].l2() / errors[1][d].l2();
            System.out.println(String.format(Locale.ROOT, "VALIDATION %s day%d l2 ratio 2.8/1.4 %.2f (order %.2f if the"
                    + " errors share their sign: log2(ratio - 1))", name, days[d], ratio, Math.log(ratio - 1) / Math.log(2)));
        }
        return errors;
    }

    /** At every day the l2 error falls from 2.8 to 1.4 degrees by more than a first-order scheme's 3. */
    private static void assertFallsFasterThanFirstOrder(String name, ErrorNorms[][] e, int[] days) {
        for (int d = 0; d < days.length; d++) {
            double ratio = e[0][d].l2() / e[1][d].l2();
            assertTrue(ratio > 3, name + ", day " + days[d] + ": l2 falls by only " + ratio + " from 2.8 to 1.4 degrees");
        }
    }

    private static void assertAtMost(String what, double l2, double published) {
        System.out.println(String.format(Locale.ROOT, "VALIDATION %s: l2(h) %.3e, GME at equal points %.3e (ratio %.2f)",
                what, l2, published, l2 / published));
        assertTrue(l2 <= published, what + ": l2(h) " + l2 + " above GME's at equal points, " + published);
    }

    /** Case 5 (450 s at 2.8 degrees), days 5, 10, 15; GME's numbers are for day 15. */
    @Test
    void case5() {
        int[] days = {5, 10, 15};
        ErrorNorms[][] e = study("case5", Williamson.case5(), 450, days);
        assertFallsFasterThanFirstOrder("case 5", e, days);
        System.out.println(String.format(Locale.ROOT, "VALIDATION case 5 2.8 deg day 15: l2(h) %.3e, GME at equal points"
                + " %.3e (ratio %.2f; not asserted)", e[0][2].l2(), GME_CASE5_DAY15_AT_2P8, e[0][2].l2() / GME_CASE5_DAY15_AT_2P8));
        assertAtMost("case 5 1.4 deg day 15", e[1][2].l2(), GME_CASE5_DAY15_AT_1P4);
    }

    /** Case 6 (360 s at 2.8 degrees, as in WilliamsonValidationTest), days 5, 10, 14; GME's numbers are for day 10. */
    @Test
    void case6() {
        int[] days = {5, 10, 14};
        ErrorNorms[][] e = study("case6", Williamson.case6(), 360, days);
        assertFallsFasterThanFirstOrder("case 6", e, days);
        assertAtMost("case 6 2.8 deg day 10", e[0][1].l2(), GME_CASE6_DAY10_AT_2P8);
        assertAtMost("case 6 1.4 deg day 10", e[1][1].l2(), GME_CASE6_DAY10_AT_1P4);
    }

    /**
     * Case 5's error at 2.8 degrees is the grid's, not the time step's or the polar filter's: against
     * the same 0.7-degree reference, l2 at day 15 changes by less than 1 % when the step is a quarter
     * (450 to 112.5 s) or the filter starts at 75 instead of 45 degrees.
     */
    @Test
    void case5ErrorAt2p8IsSpatial() {
        InitialCondition ic = Williamson.case5();
        int[] day15 = {15};
        LatLonGrid fine = LatLonGrid.earth(0.703125);
        LatLonGrid middle = LatLonGrid.earth(1.40625);
        LatLonGrid coarse = LatLonGrid.earth(2.8125);
        double[] reference = restrict(middle, restrict(fine, run(fine, ic, 450, day15).get(15)));
        double base = ErrorNorms.of(coarse, run(coarse, ic, 450, day15).get(15), reference).l2();
        double shortStep = ErrorNorms.of(coarse, run(coarse, ic, 112.5, day15).get(15), reference).l2();
        double filterFrom75 = ErrorNorms.of(coarse, run(coarse, ic, 450 / 2.0, 75, day15).get(15), reference).l2();
        System.out.println(String.format(Locale.ROOT, "VALIDATION case5 2.8125deg day15 l2 %.4e; with 112.5 s steps %.4e;"
                + " with 225 s steps and the filter from 75 deg %.4e", base, shortStep, filterFrom75));
        assertTrue(Math.abs(shortStep / base - 1) < 0.01, "time step: " + shortStep + " against " + base);
        assertTrue(Math.abs(filterFrom75 / base - 1) < 0.01, "polar filter: " + filterFrom75 + " against " + base);
    }
}
