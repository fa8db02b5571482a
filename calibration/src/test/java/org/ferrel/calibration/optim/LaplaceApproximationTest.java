package org.ferrel.calibration.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class LaplaceApproximationTest {

    /** r = (a - 1, 2a + b·1e-3 - 3): c does not enter the residuals. */
    private static TestProblem withIdleParameter() {
        return TestProblem.of(List.of("a", "b", "c"), 2,
                t -> new double[] {t[0] - 1, 2 * t[0] + 1e-3 * t[1] - 3},
                t -> new double[][] {{1, 0, 0}, {2, 1e-3, 0}})
                .withTypicalScale(new double[] {1, 1000, 5});
    }

    @Test
    void aParameterTheObservationsDoNotSeeIsNamed() {
        UndeterminedParameterException e = assertThrows(UndeterminedParameterException.class,
                () -> LaplaceApproximation.at(withIdleParameter(), new double[] {1, 1000, 0}));
        assertEquals("c", e.parameterName());
        assertEquals(List.of("c"), e.involvedParameters());
        assertTrue(e.getMessage().contains("parameter 'c' is not determined by the observations"), e.getMessage());
    }

    @Test
    void aPriorDeterminesIt() {
        TestProblem problem = withIdleParameter().withPrior(new double[] {Double.NaN, Double.NaN, 0},
                new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 7});
        PosteriorUncertainty u = LaplaceApproximation.at(problem, new double[] {1, 1000, 0});
        assertEquals(7, u.standardDeviation("c"), 1e-12);
        assertEquals(0, u.correlation()[0][2], 1e-15);
        // a and b: J = [[1, 0], [2, 1e-3]] square and invertible, Σ = J⁻¹J⁻ᵀ: σ_a = 1, σ_b = √5·1e3
        assertEquals(1, u.standardDeviation("a"), 1e-10);
        assertEquals(Math.sqrt(5) * 1e3, u.standardDeviation("b"), 1e-10 * 1e3);
        assertEquals(-2 / Math.sqrt(5), u.correlation()[0][1], 1e-10);
    }

    @Test
    void anUndeterminedCombinationNamesItsParameters() {
        TestProblem sumOnly = TestProblem.of(List.of("p", "q"), 1, t -> new double[] {t[0] + t[1] - 1},
                t -> new double[][] {{1, 1}});
        UndeterminedParameterException e = assertThrows(UndeterminedParameterException.class,
                () -> LaplaceApproximation.at(sumOnly, new double[] {0.5, 0.5}));
        assertEquals(List.of("p", "q"), e.involvedParameters());
        // the null direction of [[1, 1], [1, 1]] is (1, -1)/√2
        assertTrue(e.getMessage().contains("changing p by +0.707, q by -0.707 together")
                || e.getMessage().contains("changing p by -0.707, q by +0.707 together"), e.getMessage());
    }
}
