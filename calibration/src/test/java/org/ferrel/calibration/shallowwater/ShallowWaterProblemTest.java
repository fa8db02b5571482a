package org.ferrel.calibration.shallowwater;

import org.ferrel.calibration.problem.TimeMeanProblem;
import org.ferrel.dycore.model.State;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.junit.jupiter.api.Test;

/** The shallow-water calibration problem: residuals, and derivatives from the engine against each other and finite differences. */
class ShallowWaterProblemTest {
    private final TwinSetup twin = new TwinSetup(11.25, 1800, 96, 48);

    @Test
    void residualsVanishAtTheTruthAndDescribeTheParameters() {
        TimeMeanProblem<State> p = twin.problem(TwinSetup.truth(), 10, 1, -1);
        assertEquals(11, p.parameterCount());
        assertEquals("equilibrium.coefficients[8]", p.parameterNames().get(10));
        assertEquals(3 * 32 * 16, p.residualCount());
        double max = 0;
        for (double r : p.residuals(TwinSetup.truth())) {
            max = Math.max(max, Math.abs(r));
        }
        assertEquals(0.0, max, 1e-12);
        double[] other = TwinSetup.truth();
        other[0] *= 1.1;
        double norm = 0;
        for (double r : p.residuals(other)) {
            norm += r * r;
        }
        assertTrue(norm > 1, "a 10% change of tau is seen: |r|^2 = " + norm);
        assertEquals(3600.0, p.lower()[0]);
        assertEquals(500.0, p.priorSpread()[5]);
        assertEquals(3 * 86400.0, p.priorSpread()[0]);
    }

    @Test
    void jvpAndVjpAreAdjointAndMatchFiniteDifferences() {
        TimeMeanProblem<State> p = twin.problem(TwinSetup.truth(), 10, 1, -1);
        double[] theta = TwinSetup.truth();
        theta[0] *= 0.8;
        theta[3] += 50;
        Random random = new Random(4);
        double[] scale = p.typicalScale();
        double[] v = new double[p.parameterCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale[i] * random.nextGaussian();
        }
        double[] w = new double[p.residualCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian();
        }
        double[] jv = p.jvp(theta, v);
        double[] jtw = p.vjp(theta, w);
        double forward = 0;
        double reverse = 0;
        for (int i = 0; i < w.length; i++) {
            forward += jv[i] * w[i];
        }
        for (int i = 0; i < v.length; i++) {
            reverse += v[i] * jtw[i];
        }
        assertEquals(0.0, (forward - reverse) / Math.abs(forward), 1e-11, "dot-product test");
        // central difference of the residuals along v
        double h = 1e-4;
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        for (int i = 0; i < v.length; i++) {
            plus[i] += h * v[i];
            minus[i] -= h * v[i];
        }
        double[] rp = p.residuals(plus);
        double[] rm = p.residuals(minus);
        double err = 0;
        double size = 0;
        for (int i = 0; i < jv.length; i++) {
            double fd = (rp[i] - rm[i]) / (2 * h);
            err = Math.max(err, Math.abs(fd - jv[i]));
            size = Math.max(size, Math.abs(jv[i]));
        }
        assertEquals(0.0, err / size, 1e-6, "JVP against a central difference");
    }

    @Test
    void storeAllAndBinomialGiveTheSameGradient() {
        TimeMeanProblem<State> binomial = twin.problem(TwinSetup.truth(), 10, 1, -1);
        double[] theta = TwinSetup.truth();
        theta[1] = 2e-6;
        double[] w = binomial.residuals(theta);
        double[] g = binomial.vjp(theta, w);
        // same observations, another schedule: the problem with store-all
        TimeMeanProblem<State> storeAll = new TimeMeanProblem<>(twin.model, twin.initial, twin.model.defaultParameters(twin.ops),
                TwinSetup.freeParameters(), twin.steps, twin.meanSteps, observationsOf(binomial), CheckpointSchedule.storeAll(),
                twin.ops);
        double[] g2 = storeAll.vjp(theta, w);
        for (int i = 0; i < g.length; i++) {
            assertEquals(Double.doubleToLongBits(g[i]), Double.doubleToLongBits(g2[i]), "component " + i);
        }
    }

    @Test
    void unknownParameterIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TimeMeanProblem<>(twin.model,
                twin.initial, twin.model.defaultParameters(twin.ops), List.of("drag.rat"), 10, 1,
                observationsOf(twin.problem(TwinSetup.truth(), 10, 1, -1)), CheckpointSchedule.storeAll(), twin.ops));
        assertTrue(e.getMessage().startsWith("unknown parameter 'drag.rat'; the model has [gravity, topography,"),
                e.getMessage());
    }

    private static List<org.ferrel.calibration.problem.FieldObservations<State>> observationsOf(TimeMeanProblem<State> p) {
        return p.observations();
    }

    @Test
    void aDeclaredPriorMeanOutsideTheBoundsIsRefusedWhenTheParameterIsFitted() {
        // a drag rate of 2e-3 1/s runs, but its declared prior mean (the rate) lies above the bound 1e-3
        org.ferrel.dycore.model.Model fast = org.ferrel.dycore.model.Model.builder(twin.grid).timeStep(1800)
                .term(new org.ferrel.dycore.model.RayleighDrag(2e-3)).build();
        org.ferrel.calibration.observe.PointInterpolation at = twin.centres();
        double[] sigma = new double[at.size()];
        java.util.Arrays.fill(sigma, 1.0);
        List<org.ferrel.calibration.problem.FieldObservations<State>> sets = List.of(new org.ferrel.calibration.problem.FieldObservations<>(
                org.ferrel.io.scenario.shallowwater.ShallowWaterSetup.observable(fast, "depth"),
                new org.ferrel.calibration.observe.Observations("depth", at, new double[at.size()], sigma)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TimeMeanProblem<>(fast,
                twin.initial, fast.defaultParameters(twin.ops), List.of(org.ferrel.dycore.model.RayleighDrag.RATE), 4, 2, sets,
                org.ferrel.autodiff.loop.CheckpointSchedule.binomial(2), twin.ops));
        assertTrue(e.getMessage().contains("drag.rate") && e.getMessage().contains("prior mean 0.002")
                && e.getMessage().contains("[0.0, 0.001]"), e.getMessage());
    }
}
