package org.ferrel.dycore.cases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Whole-run gradient of case 5 over 1,000 steps at 11.25 degrees (10.4 days), checked against
 * central differences in 4 random directions; the 20-direction, 5.6-degree version is
 * {@code Case5GradientValidationTest}.
 */
class Case5GradientTest {
    @Test
    void thousandStepGradientMatchesFiniteDifferences() {
        Case5Gradient c = new Case5Gradient(11.25, 1000);
        Tensor[] g = c.gradient(10);
        double[] errors = c.compare(g, 4, 1e-2);
        for (double e : errors) {
            assertTrue(e < 1e-3, "relative difference to central differences: " + java.util.Arrays.toString(errors));
        }
    }
}
