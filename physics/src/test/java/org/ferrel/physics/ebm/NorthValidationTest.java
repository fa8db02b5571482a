package org.ferrel.physics.ebm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.physics.ebm.EnergyBalanceModel.Equilibrium;
import org.ferrel.physics.ebm.EnergyBalanceModel.SolverOptions;
import org.junit.jupiter.api.Test;

/**
 * The discrete model against North's published analytic results: the ice-free Legendre solution and
 * its convergence with N, the present climate of North (1975), the ice line as a function of Q, and
 * the slope-stability theorem.
 */
class NorthValidationTest {
    private final Eager o = Eager.serial();

    @Test
    void iceFreeSteadyStateConvergesToTheLegendreSolutionAtSecondOrder() {
        EbmParameters p = EbmParameters.NCC_1981;
        LegendreSolution exact = LegendreSolution.iceFree(p);
        double previous = Double.NaN;
        for (int n : new int[] {10, 20, 40, 80, 160}) {
            EnergyBalanceModel m = new EnergyBalanceModel(EbmGrid.hemisphere(n), IceEdge.none());
            Equilibrium e = m.equilibrium(p);
            double[] faces = m.grid().faces();
            double err = 0;
            for (int i = 0; i < n; i++) {
                err = Math.max(err, Math.abs(e.temperature()[i] - exact.cellAverage(faces[i], faces[i + 1])));
            }
            // the global mean is exact for any N: the forcing's cell averages are exact and diffusion conserves
            assertEquals(exact.globalMean(), e.globalMean(), 1e-11, "global mean at N = " + n);
            assertTrue(e.iterations() <= 2, "a linear problem: one solve (and one check), took " + e.iterations());
            if (!Double.isNaN(previous)) {
                double rate = Math.log(previous / err) / Math.log(2);
                System.out.printf("EBM ice-free NCC81: N = %d, max error %.3e K, rate %.3f%n", n, err, rate);
                assertEquals(2.0, rate, 0.12, "order at N = " + n);
            }
            previous = err;
        }
        assertTrue(previous < 5e-5, "error at N = 160: " + previous);
        assertEquals(15.449, exact.globalMean(), 1e-3, "T0 = (Q H0 - A)/B of NCC (1981)");
    }

    @Test
    void presentClimateOfNorth1975() {
        // Q = 334.4 W m-2, A = 201.4, B = 1.45, D/B = 0.31: the analytic stable ice line is x_s = 0.9235
        // (67.45°) with T0 = 14.88 °C; the smoothed (1 K) discrete model lands within 0.002 of it
        EnergyBalanceModel m = EnergyBalanceModel.north(180);
        Equilibrium e = m.equilibrium(EbmParameters.NORTH_1975);
        double analytic = LegendreSolutionTest.root(EbmParameters.NORTH_1975, 334.4, 0.80, 0.95);
        double analyticMean = LegendreSolution.withIceLine(EbmParameters.NORTH_1975, analytic).globalMean();
        System.out.printf("EBM North 1975 present climate, N = 180, w = 1 K: x_s = %.4f (%.2f deg), T0 = %.3f C,"
                        + " %d iterations, residual %.1e; analytic x_s = %.4f, T0 = %.3f C%n", e.iceLine(),
                e.iceLineLatitude(), e.globalMean(), e.iterations(), e.residual(), analytic, analyticMean);
        assertEquals(analytic, e.iceLine(), 0.002);
        assertEquals(analyticMean, e.globalMean(), 0.1);
        assertEquals(67.4, e.iceLineLatitude(), 0.3);
        assertTrue(e.isStable());
        assertTrue(e.residual() < 1e-9, "residual " + e.residual());
    }

    @Test
    void globalEnergyBalanceHoldsAtTheSteadyState() {
        EnergyBalanceModel m = EnergyBalanceModel.north(90);
        EbmParameters p = EbmParameters.NORTH_1975;
        Equilibrium e = m.equilibrium(p);
        Tensor t = o.constant(m.grid().shape(), e.temperature());
        Tensor[] pt = p.tensors(o);
        double absorbed = m.grid().mean(o, m.absorbedShortwave(o, t, pt)).item();
        double emitted = m.grid().mean(o, m.outgoingLongwave(o, t, pt)).item();
        System.out.printf("EBM North 1975 global means: absorbed SW %.3f, OLR %.3f W m-2%n", absorbed, emitted);
        assertEquals(absorbed, emitted, 1e-10);
        assertEquals(p.olrIntercept() + p.olrSlope() * e.globalMean(), emitted, 1e-10);
        double[] coAlbedo = m.coAlbedo(o, t, pt).values();
        assertEquals(0.68, coAlbedo[0], 1e-9, "ice-free co-albedo at the equator");
        assertEquals(0.38, coAlbedo[89], 1e-3, "ice co-albedo at the pole");
    }

    @Test
    void iceLineFollowsNorthsQOfXsOnTheStableBranch() {
        EnergyBalanceModel m = EnergyBalanceModel.north(180);
        double[] guess = m.defaultInitialGuess();
        for (double q : new double[] {327.0, 329.0, 331.0, 333.0, 334.4}) {
            EbmParameters p = EbmParameters.NORTH_1975.with(EbmParameters.INSOLATION, q);
            Equilibrium e = m.equilibrium(p, guess, SolverOptions.defaults());
            double analytic = LegendreSolutionTest.root(EbmParameters.NORTH_1975, q, 0.62, 0.95);
            System.out.printf("EBM North 1975 Q = %.1f: discrete x_s = %.4f, analytic %.4f%n", q, e.iceLine(), analytic);
            assertEquals(analytic, e.iceLine(), 0.003, "ice line at Q = " + q);
            assertTrue(e.isStable());
            guess = e.temperature();
        }
    }

    @Test
    void slopeStabilityTheoremHoldsOnAllThreeIceCapBranches() {
        // At Q = 334.4 W m-2 North's Q(x_s) crosses three times: the large cap (dQ/dx_s < 0, unstable),
        // the present climate (dQ/dx_s > 0, stable) and the small cap (dQ/dx_s < 0, unstable). Newton
        // started on each analytic profile finds the discrete steady state, and the count of growing
        // modes (negative eigenvalues of -dF/dT) is 1, 0, 1 as Cahalan & North (1979) predict.
        EbmParameters p = EbmParameters.NORTH_1975;
        EnergyBalanceModel m = EnergyBalanceModel.north(180);
        double[][] brackets = {{0.2, 0.6}, {0.8, 0.95}, {0.951, 0.999}};
        int[] expected = {1, 0, 1};
        double[] x = m.grid().centres();
        for (int b = 0; b < 3; b++) {
            double xs = LegendreSolutionTest.root(p, 334.4, brackets[b][0], brackets[b][1]);
            double slope = (LegendreSolution.insolationHoldingIceLine(p, xs + 1e-4, -10)
                    - LegendreSolution.insolationHoldingIceLine(p, xs - 1e-4, -10)) / 2e-4;
            LegendreSolution analytic = LegendreSolution.withIceLine(p, xs);
            double[] guess = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                guess[i] = analytic.temperature(x[i]);
            }
            Equilibrium e = m.equilibrium(p, guess, SolverOptions.newton());
            System.out.printf("EBM slope stability: analytic x_s = %.4f, dQ/dx_s = %+.1f W m-2; discrete x_s = %.4f,"
                    + " T0 = %.2f C, growing modes %d%n", xs, slope, e.iceLine(), e.globalMean(), e.unstableModes());
            assertEquals(xs, e.iceLine(), 0.002);
            assertEquals(expected[b], e.unstableModes(), "branch " + b);
            assertEquals(slope > 0, e.isStable(), "stable exactly where dQ/dx_s > 0");
        }
    }

    @Test
    void coldAndWarmStartsReachTheSnowballAndTheIceFreeState() {
        // more equilibria at Q = 334.4: the ice-covered Earth, and (Q above the curve's maximum) no ice
        EnergyBalanceModel m = EnergyBalanceModel.north(90);
        double[] cold = new double[90];
        java.util.Arrays.fill(cold, -60.0);
        Equilibrium snowball = m.equilibrium(EbmParameters.NORTH_1975, cold, SolverOptions.defaults());
        assertEquals(0.0, snowball.iceLine(), 0.0);
        assertTrue(snowball.isStable());
        assertTrue(snowball.globalMean() < -30, "snowball mean " + snowball.globalMean());
        double[] warm = new double[90];
        java.util.Arrays.fill(warm, 40.0);
        Equilibrium iceFree = m.equilibrium(EbmParameters.NORTH_1975, warm, SolverOptions.defaults());
        System.out.printf("EBM North 1975 at Q = 334.4: snowball T0 = %.2f C; warm start x_s = %.4f, T0 = %.2f C%n",
                snowball.globalMean(), iceFree.iceLine(), iceFree.globalMean());
        assertEquals(1.0, iceFree.iceLine(), 0.0, "no cell below -10 °C");
        assertTrue(iceFree.isStable());
    }

    @Test
    void theGlobeOfTwiceTheCellsRepeatsTheHemisphereInBothHalves() {
        EbmParameters p = EbmParameters.NORTH_1975.with(EbmParameters.INSOLATION, 333.0);
        Equilibrium half = EnergyBalanceModel.north(90).equilibrium(p);
        EnergyBalanceModel globe = new EnergyBalanceModel(EbmGrid.globe(180), IceEdge.north());
        Equilibrium whole = globe.equilibrium(p);
        for (int i = 0; i < 90; i++) {
            assertEquals(half.temperature()[i], whole.temperature()[90 + i], 1e-8, "northern cell " + i);
            assertEquals(half.temperature()[i], whole.temperature()[89 - i], 1e-8, "southern cell " + i);
        }
        assertEquals(half.iceLine(), whole.iceLine(), 1e-9);
        assertEquals(half.globalMean(), whole.globalMean(), 1e-9);
        assertTrue(whole.isStable());
    }

    @Test
    void timeSteppingRelaxesToTheNewtonSteadyState() {
        EnergyBalanceModel m = EnergyBalanceModel.north(90);
        EbmParameters p = EbmParameters.NORTH_1975.with(EbmParameters.INSOLATION, 333.0);
        Equilibrium e = m.equilibrium(p);
        // a 100 m mixed layer, 120-day steps, 1,600 years: some 30 times the slowest relaxation time
        // (the mode at the ice edge, about 50 years)
        var step = m.implicitStep(4.2e8, 120 * 86400.0);
        Tensor[] pt = p.tensors(o);
        Tensor[] state = {o.constant(m.grid().shape(), m.defaultInitialGuess())};
        for (int k = 0; k < 5000; k++) {
            state = step.apply(o, k, state, pt);
        }
        double[] t = state[0].values();
        for (int i = 0; i < 90; i++) {
            assertEquals(e.temperature()[i], t[i], 1e-8, "cell " + i);
        }
    }
}
