package org.ferrel.hybrid.lorenz96;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The two-scale Lorenz-96 closure experiment: a learned closure beats none and keeps up with the cubic. */
class ClosureExperimentTest {

    @Test
    void learnedClosureForecastsAndClimateBeatNoClosureAndMatchTheCubic() {
        ClosureExperiment.Report r = new ClosureExperiment(TwoScaleLorenz96.arnold2013(),
                ClosureExperiment.Settings.quick(42)).run();
        for (ClosureExperiment.Score s : r.scores()) {
            System.out.println(s.closure() + ": rmse " + Arrays.toString(s.forecastRmse()) + ", hellinger " + s.hellinger());
        }
        System.out.println("cubic " + Arrays.toString(r.cubic()) + ", samples " + r.samples());
        ClosureExperiment.Score none = r.score("no closure");
        ClosureExperiment.Score cubic = r.score("cubic polynomial");
        ClosureExperiment.Score net = r.score(ClosureExperiment.POINTWISE);
        int lead1 = Arrays.binarySearch(r.leads(), 1.0);
        assertTrue(net.forecastRmse()[lead1] < 0.5 * none.forecastRmse()[lead1],
                "network " + net.forecastRmse()[lead1] + " vs no closure " + none.forecastRmse()[lead1]);
        assertTrue(net.forecastRmse()[lead1] < 1.5 * cubic.forecastRmse()[lead1],
                "network " + net.forecastRmse()[lead1] + " vs cubic " + cubic.forecastRmse()[lead1]);
        assertTrue(net.hellinger() < none.hellinger(), "climate: network " + net.hellinger() + " vs none " + none.hellinger());
        // the coupling damps X (U falls with X, slope near -1) and flattens at large |X| (positive cubic term),
        // the shape of the published fits (which are written for -U)
        assertTrue(r.cubic()[1] < -0.5 && r.cubic()[1] > -2, "linear coefficient " + r.cubic()[1]);
        assertTrue(r.cubic()[3] > 0, "cubic coefficient " + r.cubic()[3]);
        // the published cubic of Arnold et al. (2013) is a closure of the same system: far better than none
        ClosureExperiment.Score published = r.score(PolynomialClosure.ARNOLD_2013);
        assertTrue(published.forecastRmse()[lead1] < 0.5 * none.forecastRmse()[lead1],
                "published cubic " + published.forecastRmse()[lead1] + " vs no closure " + none.forecastRmse()[lead1]);
        // climate scores are only meaningful above the sampling noise of the truth's own histogram
        assertTrue(r.noiseFloor() > 0 && r.noiseFloor() < none.hellinger(),
                "noise floor " + r.noiseFloor() + " vs no closure " + none.hellinger());
    }

    @Test
    void fullModelTimeStepIsConvergedForTheFastVariables() {
        // c = 10, b = 10: the fast advection runs at about c b |Y| ~ 100 per MTU; RK4 at dt = 0.001
        // (the truth's step here) must agree with dt = 0.0005 far below any forecast error measured
        TwoScaleLorenz96 system = TwoScaleLorenz96.arnold2013();
        double[] x = new double[8];
        double[] y = new double[256];
        for (int i = 0; i < x.length; i++) {
            x[i] = 20 * (0.5 + 0.1 * i);
        }
        for (int q = 0; q < y.length; q++) {
            y[q] = 0.01 * Math.sin(q);
        }
        for (int s = 0; s < 2000; s++) {
            system.step(x, y, 0.001);
        }
        double[] coarse = after(system, x, y, 0.002, 0.2);
        double[] truth = after(system, x, y, 0.001, 0.2);
        double[] fine = after(system, x, y, 0.0005, 0.2);
        double errTruth = maxDifference(truth, fine);
        double errCoarse = maxDifference(coarse, truth);
        // about 2e-5 after 0.2 MTU, 4 orders below the forecast errors at that lead, and shrinking
        // as dt^4 (RK4 in its asymptotic range)
        assertTrue(errTruth < 1e-4, "X after 0.2 MTU differs by " + errTruth + " between dt = 0.001 and 0.0005");
        double rate = errCoarse / errTruth;
        assertTrue(rate > 8 && rate < 32, "halving dt divides the difference by " + rate + ", expected about 16");
    }

    private static double[] after(TwoScaleLorenz96 system, double[] x0, double[] y0, double dt, double time) {
        double[] x = x0.clone();
        double[] y = y0.clone();
        int steps = (int) Math.round(time / dt);
        for (int s = 0; s < steps; s++) {
            system.step(x, y, dt);
        }
        return x;
    }

    private static double maxDifference(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void publishedCubicIsArnoldEtAlWithTheirSignConvention() {
        double[] x = {-5, 0, 2.5, 10};
        double[] u = new double[4];
        PolynomialClosure.arnold2013().coupling(x, u);
        for (int i = 0; i < x.length; i++) {
            double up = 0.341 + 1.30 * x[i] - 0.0136 * x[i] * x[i] - 0.00235 * x[i] * x[i] * x[i];
            assertEquals(-up, u[i], 1e-12, "dX/dt = ... + F - U_p(X), so the coupling is -U_p");
        }
    }

    @Test
    void coarseModelWithTheExactCouplingOfAFrozenStateIsTheFullModelsSlowTendency() {
        TwoScaleLorenz96 system = TwoScaleLorenz96.arnold2013();
        double[] x = new double[8];
        double[] y = new double[256];
        for (int i = 0; i < x.length; i++) {
            x[i] = i - 3.5;
        }
        for (int q = 0; q < y.length; q++) {
            y[q] = Math.sin(q);
        }
        double[] dx = new double[8];
        double[] dy = new double[256];
        system.tendency(x, y, dx, dy);
        double[] u = new double[8];
        system.coupling(y, u);
        double[] frozen = u.clone();
        double[] coarse = new double[8];
        new CoarseLorenz96(system, new Closure() {
            @Override
            public String name() {
                return "frozen";
            }

            @Override
            public void coupling(double[] xs, double[] out) {
                System.arraycopy(frozen, 0, out, 0, out.length);
            }
        }).tendency(x, coarse);
        assertArrayEquals(dx, coarse, 1e-12);
        // dX_0/dt by hand: -X_7 (X_6 - X_1) - X_0 + F + U_0
        assertEquals(-x[7] * (x[6] - x[1]) - x[0] + 20 + u[0], dx[0], 1e-12);
        assertEquals(ClosureExperiment.hellinger(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}), 0.0, 1e-12);
        assertEquals(ClosureExperiment.hellinger(new double[] {1, 0}, new double[] {0, 1}), 1.0, 1e-12);
    }

    @Test
    void cubicFitRecoversAPolynomial() {
        double[] x = new double[50];
        double[] u = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = -10 + 0.6 * i;
            u[i] = 0.341 + 1.30 * x[i] - 0.0136 * x[i] * x[i] - 0.00235 * x[i] * x[i] * x[i];
        }
        assertArrayEquals(new double[] {0.341, 1.30, -0.0136, -0.00235}, PolynomialClosure.fit(x, u, 3).coefficients(), 1e-9);
    }
}
