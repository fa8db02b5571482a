package org.ferrel.dycore.cases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Diagnostics;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Full-length Williamson et al. (1992) runs at 2.8 degrees: the numbers of docs/validation.md.
 * Each prints one VALIDATION line. Run with {@code ./mvnw -B verify -Pvalidation}.
 */
@Tag("validation")
class WilliamsonValidationTest {
    private final Eager o = Eager.serial();

    /** Relative changes of mass, total energy and potential enstrophy between two states. */
    private record Drifts(double mass, double energy, double enstrophy) {
        static Drifts of(Eager o, Model m, State s0, State s, Tensor[] p) {
            double m0 = Diagnostics.mass(o, m.operators(), s0).item();
            double e0 = Diagnostics.energy(o, m.operators(), s0, p[0], p[1]).item();
            double z0 = Diagnostics.potentialEnstrophy(o, m.operators(), s0).item();
            return new Drifts((Diagnostics.mass(o, m.operators(), s).item() - m0) / m0,
                    (Diagnostics.energy(o, m.operators(), s, p[0], p[1]).item() - e0) / e0,
                    (Diagnostics.potentialEnstrophy(o, m.operators(), s).item() - z0) / z0);
        }
    }

    private static void report(String line) {
        System.out.println("VALIDATION " + line);
    }

    @Test
    void case2NormalisedErrors() {
        double[] degrees = {5.625, 2.8125, 1.40625};
        double[] l2 = new double[degrees.length];
        double[] lInf = new double[degrees.length];
        for (double alpha : new double[] {0.0, Math.PI / 2 - 0.05}) {
            for (int k = 0; k < degrees.length; k++) {
                LatLonGrid grid = LatLonGrid.earth(degrees[k]);
                InitialCondition ic = Williamson.case2(alpha);
                Model m = WilliamsonTest.model(grid, ic);
                State s0 = ic.state(o, grid);
                State s = m.run(o, s0, m.defaultParameters(o), WilliamsonTest.steps(m, 5), Model.StepObserver.NONE);
                ErrorNorms e = ErrorNorms.of(grid, s.h().values(), s0.h().values());
                double poleRatio = ErrorNorms.poleRowRatio(ErrorNorms.largestPerRow(grid, s.h().values(), s0.h().values()));
                l2[k] = e.l2();
                lInf[k] = e.lInf();
                report(String.format(Locale.ROOT, "case2 alpha=%.4f %.4fdeg dt=%.0fs day5 l1=%.3e l2=%.3e linf=%.3e"
                                + " pole rows / next three rows (largest error) %.3f",
                        alpha, degrees[k], m.timeStep(), e.l1(), e.l2(), e.lInf(), poleRatio));
                if (alpha != 0.0) {
                    assertTrue(poleRatio <= 1.1, degrees[k] + " deg: pole rows " + poleRatio + " times their neighbours");
                }
            }
            double[] order = new double[2];
            double[] orderInf = new double[2];
            for (int k = 0; k < 2; k++) {
                order[k] = Math.log(l2[k] / l2[k + 1]) / Math.log(2);
                orderInf[k] = Math.log(lInf[k] / lInf[k + 1]) / Math.log(2);
            }
            report(String.format(Locale.ROOT, "case2 alpha=%.4f observed order l2 %.2f, %.2f; linf %.2f, %.2f"
                    + " (5.6 to 2.8, 2.8 to 1.4)", alpha, order[0], order[1], orderInf[0], orderInf[1]));
            assertTrue(l2[1] < 1e-3, "case 2 l2 at 2.8 deg: " + l2[1]);
            for (int k = 0; k < 2; k++) {
                assertTrue(order[k] > 1.8, "l2 order " + order[k]);
                if (alpha != 0.0) {
                    assertTrue(orderInf[k] > 1.8, "l-infinity order over the poles " + orderInf[k]);
                }
            }
        }
    }

    @Test
    void case5ConservationAndDrifts() {
        LatLonGrid grid = LatLonGrid.earth(2.8125);
        InitialCondition ic = Williamson.case5();
        Model m = WilliamsonTest.model(grid, ic);
        State s0 = ic.state(o, grid);
        Tensor[] p = m.defaultParameters(o);
        State s = m.run(o, s0, p, WilliamsonTest.steps(m, 15), Model.StepObserver.NONE);
        Drifts d = Drifts.of(o, m, s0, s, p);
        report(String.format(Locale.ROOT, "case5 2.8125deg dt=%.0fs day15 mass %.3e energy %.3e enstrophy %.3e (relative changes)",
                m.timeStep(), d.mass(), d.energy(), d.enstrophy()));
        assertTrue(Math.abs(d.mass()) <= 1e-12);
    }

    /** Phase (rad) and amplitude of zonal wavenumber k of h on row j. */
    private static double[] harmonic(LatLonGrid grid, double[] h, int j, int k) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < grid.nx(); i++) {
            double lon = i * grid.dLambda();
            re += h[j * grid.nx() + i] * Math.cos(k * lon);
            im -= h[j * grid.nx() + i] * Math.sin(k * lon);
        }
        return new double[] {Math.atan2(im, re), Math.hypot(re, im)};
    }

    @Test
    void case6RossbyHaurwitzWaveKeepsShapeAndPhaseSpeed() {
        LatLonGrid grid = LatLonGrid.earth(2.8125);
        InitialCondition ic = Williamson.case6();
        // the wave's depth (up to 10.5 km) and winds need a shorter step than cases 2 and 5
        Model m = Model.builder(grid).timeStep(360).filter(new org.ferrel.dycore.shallowwater.PolarFilter(grid,
                Math.toRadians(45))).build();
        State s0 = ic.state(o, grid);
        Tensor[] p = m.defaultParameters(o);
        int row = (int) Math.round((Math.toRadians(45) + Math.PI / 2) / grid.dPhi() - 0.5);
        double[] start = harmonic(grid, s0.h().values(), row, 4);
        double[] previous = {start[0]};
        double[] unwrapped = {0};
        int days = 14;
        State s = m.run(o, s0, p, WilliamsonTest.steps(m, days), (k, st) -> {
            if (k % 4 == 0) {
                double phase = harmonic(grid, st.h().values(), row, 4)[0];
                double d = phase - previous[0];
                d -= 2 * Math.PI * Math.round(d / (2 * Math.PI));
                unwrapped[0] += d;
                previous[0] = phase;
            }
        });
        double[] end = harmonic(grid, s.h().values(), row, 4);
        double d = end[0] - previous[0];
        d -= 2 * Math.PI * Math.round(d / (2 * Math.PI));
        unwrapped[0] += d;
        // h(lambda - c t) has phase -4 c t
        double measured = -unwrapped[0] / (4 * days * 86400.0);
        double analytic = Williamson.case6PhaseSpeed();
        Drifts drifts = Drifts.of(o, m, s0, s, p);
        report(String.format(Locale.ROOT, "case6 2.8125deg day14 phase speed %.4e rad/s (non-divergent analytic %.4e, ratio %.3f),"
                        + " wave-4 amplitude ratio %.3f at 45N; mass %.3e energy %.3e enstrophy %.3e",
                measured, analytic, measured / analytic, end[1] / start[1], drifts.mass(), drifts.energy(), drifts.enstrophy()));
        assertTrue(Math.abs(end[1] / start[1] - 1) < 0.1, "wave amplitude kept within 10%");
        assertTrue(Math.abs(measured / analytic - 1) < 0.15, "phase speed within 15% of the non-divergent value");
        assertTrue(Math.abs(drifts.mass()) <= 1e-12);
    }
}
