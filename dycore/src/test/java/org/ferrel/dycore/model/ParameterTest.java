package org.ferrel.dycore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A parameter's prior: its spread checked where it is declared, its mean against the bounds before it is fitted. */
class ParameterTest {
    private final Parameter drag = Parameter.scalar("drag.rate", "1/s", 0.0, 1e-3, "linear drag rate");

    @Test
    void aPriorMeanOutsideTheBoundsIsRefusedNamingParameterPriorAndBounds() {
        // declared (a model may run with such a default), refused for calibration
        Parameter declared = drag.withPrior(-1e-6, 2e-6);
        IllegalArgumentException below = assertThrows(IllegalArgumentException.class, declared::requirePriorWithinBounds);
        assertTrue(below.getMessage().contains("drag.rate") && below.getMessage().contains("prior mean -1.0E-6")
                && below.getMessage().contains("spread 2.0E-6") && below.getMessage().contains("[0.0, 0.001]"),
                below.getMessage());
        IllegalArgumentException above = assertThrows(IllegalArgumentException.class,
                () -> new Parameter("drag.rate", "1/s", drag.shape(), 0.0, 1e-3, "", new Prior(2e-3, 1e-3))
                        .requirePriorWithinBounds());
        assertTrue(above.getMessage().contains("prior mean 0.002") && above.getMessage().contains("[0.0, 0.001]"),
                above.getMessage());
    }

    @Test
    void aNonPositiveOrNonFinitePriorIsRefusedNamingTheParameter() {
        for (double spread : new double[] {0.0, -1e-6, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> drag.withPrior(1e-6, spread));
            assertTrue(e.getMessage().contains("drag.rate") && e.getMessage().contains("spread " + spread)
                    && e.getMessage().contains("[0.0, 0.001]") && e.getMessage().contains("must be positive"), e.getMessage());
        }
        IllegalArgumentException mean = assertThrows(IllegalArgumentException.class, () -> drag.withPrior(Double.NaN, 1e-6));
        assertTrue(mean.getMessage().contains("drag.rate") && mean.getMessage().contains("must be finite"), mean.getMessage());
    }

    @Test
    void priorsOnTheBoundsOrWithoutMeanAreAccepted() {
        assertEquals(0.0, drag.withPrior(0.0, 1e-6).requirePriorWithinBounds().prior().mean());
        assertEquals(1e-3, drag.withPrior(1e-3, 1e-6).requirePriorWithinBounds().prior().mean());
        assertEquals(Prior.NONE, drag.requirePriorWithinBounds().prior());
        Parameter unbounded = Parameter.scalar("gravity", "m s-2", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "g");
        assertEquals(-5.0, unbounded.withPrior(-5.0, 1.0).requirePriorWithinBounds().prior().mean());
    }
}
