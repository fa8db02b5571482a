package org.ferrel.io.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Eager;
import org.ferrel.dycore.grid.LatLonGrid;
import org.junit.jupiter.api.Test;

class InitialPerturbationTest {
    private final LatLonGrid grid = LatLonGrid.earth(5.625);

    @Test
    void aSeedGivesTheSameFieldWithTheAmplitudeAsRmsAndNoMass() {
        InitialPerturbation p = new InitialPerturbation(10, 1e6, 4);
        double[] f = p.field(grid);
        assertArrayEquals(f, p.field(grid), "reproducible");
        assertFalse(java.util.Arrays.equals(f, p.withSeed(5).field(grid)), "another seed, another field");
        double squares = 0;
        double mean = 0;
        double weights = 0;
        for (int j = 0; j < grid.ny(); j++) {
            double w = Math.cos(Math.PI * ((j + 0.5) / grid.ny() - 0.5));
            for (int i = 0; i < grid.nx(); i++) {
                double x = f[j * grid.nx() + i];
                squares += x * x;
                mean += w * x;
                weights += w;
            }
        }
        assertEquals(10, Math.sqrt(squares / f.length), 1e-9);
        assertEquals(0, mean / weights, 1e-9);
    }

    @Test
    void aLongerCorrelationLengthGivesASmootherField() {
        double[] rough = new InitialPerturbation(1, 0, 1).field(grid);
        double[] smooth = new InitialPerturbation(1, 2e6, 1).field(grid);
        assertTrue(neighbourDifference(smooth) < 0.3 * neighbourDifference(rough),
                neighbourDifference(smooth) + " vs " + neighbourDifference(rough));
    }

    private double neighbourDifference(double[] f) {
        double s = 0;
        for (int k = 1; k < f.length; k++) {
            s += Math.abs(f[k] - f[k - 1]);
        }
        return s / f.length;
    }

    @Test
    void aScenarioWithAPerturbationStartsFromThePerturbedDepth() {
        String text = """
                name: p
                grid: {resolution: 11.25}
                dynamics: {timeStep: 30 min}
                initial: {case: williamson5, perturbation: {amplitude: 5, correlationLength: 1e6, seed: 9}}
                run: {length: 1 day}
                output: {interval: 1 day}
                """;
        Scenario perturbed = ScenarioFile.parse(text, "p.yaml");
        Scenario plain = ScenarioFile.parse(text.replace(", perturbation: {amplitude: 5, correlationLength: 1e6, seed: 9}", ""), "p.yaml");
        assertEquals(new InitialPerturbation(5, 1e6, 9), org.ferrel.io.scenario.shallowwater.ShallowWaterFamily.spec(perturbed).initial().perturbation());
        assertTrue(org.ferrel.io.scenario.shallowwater.ShallowWaterFamily.spec(plain).initial().perturbation().isNone());
        double[] h = org.ferrel.io.scenario.shallowwater.ShallowWaterSetup.build(perturbed, Eager.serial()).initial().h().values();
        double[] h0 = org.ferrel.io.scenario.shallowwater.ShallowWaterSetup.build(plain, Eager.serial()).initial().h().values();
        double[] expected = new InitialPerturbation(5, 1e6, 9).applyTo(h0, perturbed.grid().toGrid());
        assertArrayEquals(expected, h);
    }
}
