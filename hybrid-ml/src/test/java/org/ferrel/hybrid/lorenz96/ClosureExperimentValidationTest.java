package org.ferrel.hybrid.lorenz96;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The two-scale Lorenz-96 closure experiment in the configuration of docs/validation.md
 * ({@link ClosureExperiment.Settings#validation}: 80,000 training pairs, 200 forecast cases, 500 MTU
 * climate runs; about a minute of CPU time). Run with {@code ./mvnw -B verify -Pvalidation}.
 */
@Tag("validation")
class ClosureExperimentValidationTest {

    @Test
    void networksForecastBetterThanTheCubicAndTheStencilNetworksClimateIsClosest() {
        ClosureExperiment.Report r = new ClosureExperiment(TwoScaleLorenz96.arnold2013(),
                ClosureExperiment.Settings.validation(42)).run();
        for (ClosureExperiment.Score s : r.scores()) {
            System.out.println("VALIDATION l96 " + s.closure() + ": rmse " + Arrays.toString(s.forecastRmse())
                    + ", hellinger " + s.hellinger());
        }
        System.out.println("VALIDATION l96 noise floor " + r.noiseFloor() + ", cubic " + Arrays.toString(r.cubic()));
        ClosureExperiment.Score none = r.score("no closure");
        ClosureExperiment.Score cubic = r.score(PolynomialClosure.FITTED_CUBIC);
        ClosureExperiment.Score published = r.score(PolynomialClosure.ARNOLD_2013);
        ClosureExperiment.Score pointwise = r.score(ClosureExperiment.POINTWISE);
        ClosureExperiment.Score stencil = r.score(ClosureExperiment.STENCIL);
        assertTrue(r.noiseFloor() < 0.03, "noise floor " + r.noiseFloor());
        for (ClosureExperiment.Score s : r.scores()) {
            if (s != none) {
                assertTrue(s.hellinger() < none.hellinger(), s.closure() + " " + s.hellinger() + " vs none " + none.hellinger());
            }
        }
        // leads 0.2, 0.5 and 1 MTU: both networks beat both cubics
        for (int l = 0; l < 3; l++) {
            for (ClosureExperiment.Score net : new ClosureExperiment.Score[] {pointwise, stencil}) {
                for (ClosureExperiment.Score poly : new ClosureExperiment.Score[] {cubic, published}) {
                    assertTrue(net.forecastRmse()[l] < poly.forecastRmse()[l], net.closure() + " at lead " + r.leads()[l]
                            + ": " + net.forecastRmse()[l] + " vs " + poly.closure() + " " + poly.forecastRmse()[l]);
                }
            }
        }
        assertTrue(stencil.hellinger() < Math.min(cubic.hellinger(), published.hellinger()),
                "stencil network " + stencil.hellinger() + " vs cubics " + cubic.hellinger() + ", " + published.hellinger());
    }
}
