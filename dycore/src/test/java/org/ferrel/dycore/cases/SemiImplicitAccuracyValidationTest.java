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

/**
 * Issue 16's accuracy target for the semi-implicit step: Williamson cases 5 (day 15) and 6 (day 14)
 * at 2.8 degrees with SIL3 at 2,400 s (case 6: 1,800 s, the set-up check's limit for its winds) differ from the explicit SSP-RK3 run (450 s for case 5, 360 s
 * for case 6; all runs with the polar filter at 45 degrees) by less than the explicit run
 * differs from the explicit 1.4-degree run. The 1.4-degree depth is brought to the 2.8-degree
 * centres by taking every second column (the centres coincide in longitude) and the mean of the two
 * rows around each coarse centre. Each case prints one VALIDATION line. Run with
 * {@code ./mvnw -B verify -Pvalidation -pl dycore -am -Dtest=SemiImplicitAccuracyValidationTest}.
 */
@Tag("validation")
class SemiImplicitAccuracyValidationTest {
    private final Eager o = Eager.serial();

    @Test
    void case5And6SemiImplicitIsCloserToTheExplicitRunThanTheExplicitRunIsToOneAtTwiceTheResolution() {
        for (String name : new String[] {"case5", "case6"}) {
            InitialCondition ic = name.equals("case5") ? Williamson.case5() : Williamson.case6();
            double days = name.equals("case5") ? 15 : 14;
            LatLonGrid coarse = LatLonGrid.earth(2.8125);
            LatLonGrid fine = LatLonGrid.earth(1.40625);
            // explicit steps: case 5 as WilliamsonTest (450 s), case 6 as WilliamsonValidationTest (360 s), halved at 1.4 deg
            double step = name.equals("case5") ? 450 : 360;
            State explicit = run(explicit(coarse, ic, step), ic.state(o, coarse), days);
            State start = ic.state(o, coarse);
            double depth = Math.ceil(java.util.Arrays.stream(start.h().values()).max().orElseThrow());
            // case 6's winds (up to 100 m/s) limit the explicit advection to 1,923 s by the set-up check
            double longStep = name.equals("case5") ? 2400 : 1800;
            State semiImplicit = run(SemiImplicitWilliamsonTest.semiImplicit(coarse, ic, longStep, depth, true), start, days);
            double[] fineDepth = run(explicit(fine, ic, step / 2), ic.state(o, fine), days).h().values();
            double[] fineOnCoarse = new double[coarse.nx() * coarse.ny()];
            for (int j = 0; j < coarse.ny(); j++) {
                for (int i = 0; i < coarse.nx(); i++) {
                    fineOnCoarse[j * coarse.nx() + i] = 0.5 * (fineDepth[2 * j * fine.nx() + 2 * i]
                            + fineDepth[(2 * j + 1) * fine.nx() + 2 * i]);
                }
            }
            double timeScheme = ErrorNorms.of(coarse, semiImplicit.h().values(), explicit.h().values()).l2();
            double resolution = ErrorNorms.of(coarse, explicit.h().values(), fineOnCoarse).l2();
            System.out.printf(Locale.ROOT, "VALIDATION semi-implicit %s 2.8125deg day %.0f: l2(h) semi-implicit %.0f s"
                    + " (H0 %.0f m) against explicit %.0f s %.3e; explicit 2.8125 against 1.40625 deg %.3e%n", name, days,
                    longStep, depth, step, timeScheme, resolution);
            assertTrue(timeScheme < resolution, name + ": " + timeScheme + " >= " + resolution);
        }
    }

    private static Model explicit(LatLonGrid grid, InitialCondition ic, double dt) {
        return Model.builder(grid).topography(ic.topography(grid)).coriolis(ic.coriolis(grid)).timeStep(dt)
                .filter(new PolarFilter(grid, Math.toRadians(45))).build();
    }

    private State run(Model m, State initial, double days) {
        return m.run(o, initial, m.defaultParameters(o), (int) Math.round(days * 86400 / m.timeStep()),
                Model.StepObserver.NONE);
    }
}
