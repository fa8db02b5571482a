package org.ferrel.dycore.cases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Galewsky et al. (2004): the unperturbed balanced jet stays steady for 5 days (2.8 degrees). */
@Tag("validation")
class GalewskyValidationTest {
    @Test
    void balancedJetStaysSteady() {
        Eager o = Eager.serial();
        LatLonGrid grid = LatLonGrid.earth(2.8125);
        InitialCondition ic = Galewsky.jet(false);
        Model m = Model.builder(grid).timeStep(300).filter(new PolarFilter(grid, Math.toRadians(45))).build();
        State s0 = ic.state(o, grid);
        State s = m.run(o, s0, m.defaultParameters(o), 1440, Model.StepObserver.NONE);
        ErrorNorms h = ErrorNorms.of(grid, s.h().values(), s0.h().values());
        double maxDu = 0;
        double[] u0 = s0.u().values();
        double[] u1 = s.u().values();
        for (int k = 0; k < u0.length; k++) {
            maxDu = Math.max(maxDu, Math.abs(u1[k] - u0[k]));
        }
        System.out.println(String.format(Locale.ROOT,
                "VALIDATION galewsky balanced jet 2.8125deg dt=300s day5 h l2=%.3e linf=%.3e, max |du| = %.3f m/s", h.l2(), h.lInf(), maxDu));
        assertTrue(h.l2() < 1e-3, "l2 change of h " + h.l2());
        assertTrue(maxDu < 5, "max |du| " + maxDu);
    }
}
