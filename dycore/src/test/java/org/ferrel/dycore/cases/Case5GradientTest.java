package org.ferrel.dycore.cases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Whole-run gradient of case 5 over 1,000 steps at 11.25 degrees (10.4 days), checked against
 * central differences in 4 random directions; the 20-direction, 5.6-degree version is
 * {@code Case5GradientValidationTest}. Measured (2026-12-05): largest difference 2.5e-9 relative,
 * 6.3e-10 normalised as {@link Case5Gradient#compare} does; asserted: {@value #TOLERANCE} normalised.
 */
class Case5GradientTest {
    /** About 8 times the largest normalised difference measured. */
    static final double TOLERANCE = 5e-9;

    @Test
    void thousandStepGradientMatchesFiniteDifferences() {
        Case5Gradient c = new Case5Gradient(11.25, 1000);
        Tensor[] g = c.gradient(10);
        Case5Gradient.Comparison r = c.compare(g, 4, 1e-2);
        System.out.println("case5-gradient 11.25deg 1000 steps binomial(10): largest normalised difference "
                + r.maxNormalised() + r);
        assertTrue(r.maxNormalised() <= TOLERANCE, "whole-run gradient against central differences:" + r);
    }
}
