package org.ferrel.dycore.cases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.BlowUpException;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.State;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The semi-implicit step's longest stable steps at 2.8 degrees, with and without the polar filter:
 * Williamson cases 2 and 5 over 5 days at steps from 2,400 s to 21,600 s, each printing one
 * VALIDATION line (l2(h) against the initial state, or the step it blew up). The runs step without
 * the set-up time-step check, whose estimate is conservative. Run with
 * {@code ./mvnw -B verify -Pvalidation -pl dycore -am -Dtest=SemiImplicitValidationTest}.
 */
@Tag("validation")
class SemiImplicitValidationTest {
    private final Eager o = Eager.serial();

    @Test
    void longestStableStepWithAndWithoutThePolarFilter() {
        LatLonGrid grid = LatLonGrid.earth(2.8125);
        for (String name : new String[] {"case2", "case5"}) {
            InitialCondition ic = name.equals("case2") ? Williamson.case2(0.0) : Williamson.case5();
            double depth = name.equals("case2") ? 3000 : 6000;
            State s0 = ic.state(o, grid);
            for (boolean filter : new boolean[] {true, false}) {
                for (double dt : new double[] {2400, 7200, 14400, 21600}) {
                    Model m = SemiImplicitWilliamsonTest.semiImplicit(grid, ic, dt, depth, filter);
                    ParameterValues p = m.values(m.defaultParameters(o));
                    int steps = (int) Math.round(5 * 86400 / dt);
                    String result;
                    try {
                        State s = s0;
                        for (int k = 0; k < steps; k++) {
                            s = m.step(o, s, p);
                            m.checkHealth(k + 1, s);
                        }
                        result = String.format(Locale.ROOT, "stable, l2(h) %.3e",
                                ErrorNorms.of(grid, s.h().values(), s0.h().values()).l2());
                    } catch (BlowUpException e) {
                        result = "blew up at step " + e.step();
                        assertTrue(dt > 14400, name + " at " + dt + " s: " + e.getMessage());
                    }
                    System.out.printf(Locale.ROOT, "VALIDATION semi-implicit %s 2.8125deg filter=%s dt=%.0fs H0=%.0fm"
                            + " day5: %s%n", name, filter ? "45deg" : "none", dt, depth, result);
                }
            }
        }
    }
}
