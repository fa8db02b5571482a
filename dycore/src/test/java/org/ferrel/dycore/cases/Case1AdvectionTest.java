package org.ferrel.dycore.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.shallowwater.Advection;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.dycore.time.SspRk3;
import org.junit.jupiter.api.Test;

/**
 * Williamson case 1: one revolution (12 days) of a cosine bell at 2.8 degrees, along the equator
 * (alpha = 0) and over the poles (alpha = pi/2 - 0.05). Mass is conserved to rounding; the
 * normalised errors of the centred second-order flux are printed and bounded.
 */
class Case1AdvectionTest {
    private final Eager o = Eager.serial();

    private ErrorNorms revolve(double alpha, double degrees, double dt) {
        LatLonGrid grid = LatLonGrid.earth(degrees);
        InitialCondition ic = Williamson.case1(alpha);
        State s0 = ic.state(o, grid);
        CGridOperators ops = new CGridOperators(grid);
        Advection advection = new Advection(ops, new SspRk3(), new PolarFilter(grid, Math.toRadians(45)), s0.u(), s0.v());
        Tensor q = s0.h();
        int steps = (int) Math.round(12 * 86400 / dt);
        for (int k = 0; k < steps; k++) {
            q = advection.step(o, q, dt);
        }
        double m0 = ops.integral(o, s0.h()).item();
        assertEquals(m0, ops.integral(o, q).item(), 1e-12 * m0, "mass of the bell");
        ErrorNorms e = ErrorNorms.of(grid, q.values(), s0.h().values());
        System.out.println(String.format(Locale.ROOT, "VALIDATION case1 alpha=%.4f %.4fdeg dt=%.0fs day12 l1=%.3e l2=%.3e linf=%.3e",
                alpha, degrees, dt, e.l1(), e.l2(), e.lInf()));
        return e;
    }

    @Test
    void bellAlongTheEquator() {
        ErrorNorms e = revolve(0.0, 2.8125, 1800);
        // the centred flux is dispersive: the bell (13 cells across) lags by about 4 cells after one
        // revolution; l2 = 1.01 at 5.6 deg, 0.73 at 2.8 deg, 0.34 at 1.4 deg
        assertTrue(e.l2() < 0.8, "l2 " + e.l2());
    }

    @Test
    void bellOverThePoles() {
        ErrorNorms e = revolve(Math.PI / 2 - 0.05, 2.8125, 1800);
        assertTrue(e.l2() < 0.8, "l2 " + e.l2());
    }
}
