package org.ferrel.dycore.cases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ferrel.autodiff.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue acceptance: the gradient of a scalar diagnostic after 1,000 steps of case 5 (5.6 degrees,
 * 900 s steps: 10.4 days) with respect to the topography and the initial depth agrees with central
 * finite differences in 20 random directions, using a binomial schedule. Measured (2026-12-05):
 * largest normalised difference ({@link Case5Gradient#compare}) 2.6e-9, median 7.7e-10, largest
 * plain relative difference 4.2e-7 (in a direction nearly orthogonal to the gradient); asserted: {@value #TOLERANCE}
 * normalised.
 */
@Tag("validation")
class Case5GradientValidationTest {
    /** About 10 times the largest normalised difference measured. */
    static final double TOLERANCE = 2.5e-8;

    @Test
    void gradientAgreesWithFiniteDifferencesIn20Directions() {
        Case5Gradient c = new Case5Gradient(5.625, 1000);
        Tensor[] g = c.gradient(20);
        Case5Gradient.Comparison r = c.compare(g, 20, 1e-2);
        System.out.println("VALIDATION case5-gradient 5.625deg 1000 steps binomial(20): largest normalised difference "
                + r.maxNormalised() + ", median " + Arrays.stream(r.normalised()).sorted().toArray()[10]
                + ", largest plain relative difference " + Arrays.stream(r.relative()).max().orElseThrow() + r);
        assertTrue(r.maxNormalised() <= TOLERANCE, "whole-run gradient against central differences:" + r);
    }
}
