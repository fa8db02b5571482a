package org.ferrel.calibration.ebm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.ferrel.physics.ebm.EbmGrid;
import org.ferrel.physics.ebm.EbmParameters;
import org.ferrel.physics.ebm.EnergyBalanceModel;
import org.junit.jupiter.api.Test;

/** The EBM side of the calibration seam: declarations, residuals, and J v / Jᵀ w against each other and finite differences. */
class EbmCalibrationProblemTest {
    private final EnergyBalanceModel model = EnergyBalanceModel.north(90);
    private final EbmObservations observations = EbmTestData.climatology()
            .onGrid(EbmGrid.hemisphere(90), NcepClimatology.Temperature.SURFACE_AIR);
    private final EbmCalibrationProblem problem = EbmCalibrationProblem.allParameters(model, observations,
            EbmCalibrationProblem.ObservationErrors.defaults());
    /** North (1975) with Q = 333 W m-2, away from the fold of Q(x_s) at 334.8 W m-2. */
    private final double[] theta = problem.theta(EbmParameters.NORTH_1975.with(EbmParameters.INSOLATION, 333.0));

    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void declaresTheModelsParametersBoundsAndPriors() {
        assertEquals(EbmParameters.DECLARED.stream().map(p -> p.name()).toList(), problem.parameterNames());
        assertEquals(270, problem.residualCount());
        assertEquals(201.4, problem.priorMean()[EbmParameters.A], 0.0);
        assertEquals(10.0, problem.priorSpread()[EbmParameters.A], 0.0);
        assertEquals(0.01, problem.lower()[EbmParameters.D], 0.0);
        assertArrayEquals(problem.priorSpread(), problem.typicalScale(), 0.0);
        EbmCalibrationProblem two = new EbmCalibrationProblem(model, observations,
                EbmCalibrationProblem.ObservationErrors.defaults(), EbmParameters.NORTH_1975,
                List.of(EbmParameters.OLR_SLOPE, EbmParameters.OLR_INTERCEPT));
        assertEquals(List.of(EbmParameters.OLR_INTERCEPT, EbmParameters.OLR_SLOPE), two.parameterNames(), "declared order");
        assertEquals(EbmParameters.NORTH_1975.with(EbmParameters.OLR_SLOPE, 2.0),
                two.parameters(new double[] {201.4, 2.0}));
        assertThrows(IllegalArgumentException.class, () -> new EbmCalibrationProblem(model, observations,
                EbmCalibrationProblem.ObservationErrors.defaults(), EbmParameters.NORTH_1975, List.of("ebm.albedo")));
    }

    @Test
    void residualsAreTheWhitenedMisfitsOfTheSteadyState() {
        double[] r = problem.residuals(theta);
        EnergyBalanceModel.Equilibrium e = model.equilibrium(problem.parameters(theta), observations.temperature(),
                EnergyBalanceModel.SolverOptions.defaults());
        double cost = 0.5 * dot(r, r);
        double[] rt = java.util.Arrays.copyOf(r, 90);
        System.out.printf("EBM calibration: North 1975 (Q = 333) against NCEP air.sig995 on 90 cells: cost %.1f over %d"
                + " residuals, rms T misfit %.2f K, ice line %.3f%n", cost, r.length, 2.0 * Math.sqrt(dot(rt, rt) / 90),
                e.iceLine());
        assertEquals((e.temperature()[0] - observations.temperature()[0]) / 2.0, r[0], 1e-9);
        double olr = 201.4 + 1.45 * e.temperature()[89];
        assertEquals((olr - observations.outgoingLongwave()[89]) / 5.0, r[179], 1e-9);
        for (double v : r) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void dotProductTestOfJvpAndVjp() {
        for (long seed : new long[] {1, 2}) {
            double[] v = random(8, seed);
            double[] w = random(problem.residualCount(), seed + 100);
            double forward = dot(problem.jvp(theta, v), w);
            double reverse = dot(v, problem.vjp(theta, w));
            System.out.printf("EBM calibration dot-product test: <Jv,w> = %.15e, <v,J^T w> = %.15e%n", forward, reverse);
            assertEquals(forward, reverse, 1e-13 * Math.abs(forward));
        }
    }

    @Test
    void jvpMatchesCentralDifferencesOfTheResiduals() {
        double[] scale = problem.typicalScale();
        double[] v = random(8, 7);
        for (int k = 0; k < 8; k++) {
            v[k] *= scale[k];
        }
        double[] jv = problem.jvp(theta, v);
        double h = 1e-6;
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        for (int k = 0; k < 8; k++) {
            plus[k] += h * v[k];
            minus[k] -= h * v[k];
        }
        double[] rp = problem.residuals(plus);
        double[] rm = problem.residuals(minus);
        double err = 0;
        double size = 0;
        for (int i = 0; i < jv.length; i++) {
            double fd = (rp[i] - rm[i]) / (2 * h);
            err = Math.max(err, Math.abs(fd - jv[i]));
            size = Math.max(size, Math.abs(jv[i]));
        }
        System.out.printf("EBM calibration J v against central differences: max error %.2e at max |J v| %.2e%n", err, size);
        assertTrue(err < 1e-6 * size, "max error " + err + " of " + size);
    }

    @Test
    void aBrightSunGivesTheIceFreeStateAndMismatchesAreRefused() {
        double[] bright = problem.theta(EbmParameters.NORTH_1975.with(EbmParameters.INSOLATION, 449.0));
        double[] r = problem.residuals(bright);
        for (double v : r) {
            assertTrue(Double.isFinite(v));
        }
        assertThrows(IllegalArgumentException.class, () -> EbmCalibrationProblem.allParameters(EnergyBalanceModel.north(45),
                observations, EbmCalibrationProblem.ObservationErrors.defaults()));
        assertThrows(IllegalArgumentException.class, () -> problem.jvp(theta, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> problem.vjp(theta, new double[3]));
    }
}
