package org.ferrel.dycore.cases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ferrel.autodiff.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue acceptance: the gradient of a scalar diagnostic after 1,000 steps of case 5 (5.6 degrees,
 * 900 s steps: 10.4 days) with respect to the topography and the initial depth agrees with central
 * finite differences to 1e-3 relative in 20 random directions, using a binomial schedule.
 */
@Tag("validation")
class Case5GradientValidationTest {
    @Test
    void gradientAgreesWithFiniteDifferencesIn20Directions() {
        Case5Gradient c = new Case5Gradient(5.625, 1000);
        Tensor[] g = c.gradient(20);
        double[] errors = c.compare(g, 20, 1e-2);
        System.out.println("VALIDATION case5-gradient 5.625deg 1000 steps binomial(20): max relative difference "
                + Arrays.stream(errors).max().orElseThrow() + ", median " + Arrays.stream(errors).sorted().toArray()[10]
                + ", all " + Arrays.toString(errors));
        for (double e : errors) {
            assertTrue(e < 1e-3, "relative differences: " + Arrays.toString(errors));
        }
    }
}
