package org.ferrel.cluster.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplingTest {

    @Test
    void latinHypercubePutsExactlyOneMemberInEachStratumOfEveryParameter() {
        List<ParameterRange> ranges = List.of(ParameterRange.range("a", 0, 1), ParameterRange.range("b", -5, 15),
                ParameterRange.range("c", 1e-7, 2e-6));
        Sampling s = new Sampling.LatinHypercube(ranges);
        int n = 37;
        for (int d = 0; d < ranges.size(); d++) {
            Set<Integer> strata = new HashSet<>();
            ParameterRange r = ranges.get(d);
            for (int i = 0; i < n; i++) {
                double x = s.values(i, n, 11)[d];
                assertTrue(x >= r.min() && x <= r.max(), "inside the range");
                strata.add((int) Math.floor((x - r.min()) / (r.max() - r.min()) * n));
            }
            assertEquals(n, strata.size(), "one member per stratum of parameter " + r.name());
        }
    }

    @Test
    void aMembersValuesDependOnlyOnTheSeedAndItsIndex() {
        Sampling s = new Sampling.LatinHypercube(List.of(ParameterRange.range("a", 0, 1)));
        double[] forward = new double[10];
        for (int i = 0; i < 10; i++) {
            forward[i] = s.values(i, 10, 3)[0];
        }
        for (int i = 9; i >= 0; i--) {
            assertArrayEquals(new double[] {forward[i]}, s.values(i, 10, 3));
        }
        assertTrue(s.values(4, 10, 3)[0] != s.values(4, 10, 4)[0], "another seed, other values");
    }

    @Test
    void gridSweepHasTheProductOfTheCountsAndEveryCombinationOnce() {
        Sampling s = new Sampling.Grid(List.of(ParameterRange.grid("a", 0, 1, 3), ParameterRange.grid("b", 10, 40, 4),
                ParameterRange.grid("c", 5, 7, 1)));
        int n = s.memberCount(0);
        assertEquals(12, n);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            double[] v = s.values(i, n, 0);
            seen.add(v[0] + "," + v[1]);
            assertEquals(6.0, v[2], "a single value is the midpoint");
        }
        assertEquals(12, seen.size());
        assertArrayEquals(new double[] {0, 10, 6}, s.values(0, n, 0));
        assertArrayEquals(new double[] {0, 20, 6}, s.values(1, n, 0), "the last parameter varies fastest");
        assertArrayEquals(new double[] {1, 40, 6}, s.values(11, n, 0));
    }

    @Test
    void priorSamplesHaveThePriorsMeanAndSpreadAndStayInsideTheBounds() {
        Sampling s = new Sampling.Prior(List.of(ParameterRange.prior("a", 2.0, 0.5, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY), ParameterRange.prior("b", 0.0, 1.0, -0.5, 10)));
        int n = 20_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double[] v = s.values(i, n, 5);
            sum += v[0];
            squares += (v[0] - 2.0) * (v[0] - 2.0);
            assertTrue(v[1] >= -0.5 && v[1] <= 10, "truncated to the bounds");
        }
        // standard errors: 0.5/sqrt(n) = 0.0035 for the mean, about 0.0025 for the spread
        assertEquals(2.0, sum / n, 0.015);
        assertEquals(0.5, Math.sqrt(squares / n), 0.01);
    }
}
