package org.ferrel.calibration.ebm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.ferrel.calibration.optim.BoundedLbfgs;
import org.ferrel.calibration.optim.FitResult;
import org.ferrel.calibration.optim.HipparchusLeastSquares;
import org.ferrel.calibration.optim.Iterate;
import org.ferrel.calibration.optim.LeastSquaresProblem;
import org.ferrel.physics.ebm.EbmGrid;
import org.ferrel.physics.ebm.EbmParameters;
import org.ferrel.physics.ebm.EnergyBalanceModel;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: L-BFGS-B on the energy balance model must survive failed runs near the ice-albedo fold.
 * The problem is the EBM's steady state against the NCEP climatology, all 8 parameters free, fitted
 * on the ice-cap branch: a parameter set whose steady state has lost its ice cap (past the fold of
 * Q(x_s)) has no steady state on that branch and fails with a {@code ModelFailure}; a steady state the
 * solver does not find fails with the model's own {@code EquilibriumNotFoundException} (not wrapped).
 * From North (1975) with Q = 333 W m-2, L-BFGS-B's line searches step past the fold. Before the
 * change, the unwrapped exception of a trial run ended the fit (measured: "Newton found no steady
 * state in 100 iterations" thrown out of {@code minimize}); now each failed trial halves the step.
 */
class EbmLbfgsFailedRunsTest {

    /** The EBM problem restricted to its ice-cap branch; the model's exceptions pass through unwrapped. */
    private record IceCapBranch(EbmCalibrationProblem p, java.util.concurrent.atomic.AtomicInteger unwrapped) implements LeastSquaresProblem {
        @Override
        public List<String> parameterNames() {
            return p.parameterNames();
        }

        @Override
        public int residualCount() {
            return p.residualCount();
        }

        @Override
        public double[] lower() {
            return p.lower();
        }

        @Override
        public double[] upper() {
            return p.upper();
        }

        @Override
        public double[] priorMean() {
            return p.priorMean();
        }

        @Override
        public double[] priorSpread() {
            return p.priorSpread();
        }

        @Override
        public double[] typicalScale() {
            return p.typicalScale();
        }

        private void requireIceCap(double[] theta) {
            EnergyBalanceModel.Equilibrium e;
            try {
                e = p.model().equilibrium(p.parameters(theta), p.observations().temperature(),
                        EnergyBalanceModel.SolverOptions.defaults());
            } catch (EnergyBalanceModel.EquilibriumNotFoundException notFound) {
                unwrapped.incrementAndGet();
                throw notFound;
            }
            if (e.iceLine() >= 0.999) {
                throw new ModelFailure("no steady state with an ice cap past the fold (ice line " + e.iceLine() + ")", null);
            }
        }

        @Override
        public double[] residuals(double[] theta) {
            requireIceCap(theta);
            return p.residuals(theta);
        }

        @Override
        public double[] jvp(double[] theta, double[] v) {
            requireIceCap(theta);
            return p.jvp(theta, v);
        }

        @Override
        public double[] vjp(double[] theta, double[] w) {
            requireIceCap(theta);
            return p.vjp(theta, w);
        }
    }

    @Test
    void lbfgsBacktracksOverFailedRunsAndReachesLevenbergMarquardtsCost() {
        EnergyBalanceModel model = EnergyBalanceModel.north(90);
        EbmObservations obs = EbmTestData.climatology().onGrid(EbmGrid.hemisphere(90), NcepClimatology.Temperature.SURFACE_AIR);
        EbmParameters start = EbmParameters.NORTH_1975.with(EbmParameters.INSOLATION, 333.0);
        EbmCalibrationProblem ebm = new EbmCalibrationProblem(model, obs, EbmCalibrationProblem.ObservationErrors.defaults(),
                start, EbmParameters.DECLARED.stream().map(p -> p.name()).toList());
        IceCapBranch problem = new IceCapBranch(ebm, new java.util.concurrent.atomic.AtomicInteger());
        double[] theta0 = ebm.theta(start);

        FitResult lm = HipparchusLeastSquares.levenbergMarquardt().minimize(problem, theta0);
        FitResult lbfgs = BoundedLbfgs.defaults().minimize(problem, theta0);
        for (FitResult fit : List.of(lm, lbfgs)) {
            System.out.printf(Locale.ROOT, "EBM ice-cap branch, 8 parameters from Q = 333: %s %s after %d iterations, cost %.8g,"
                    + " %s, %d backtracks; %s%n", fit.method(), fit.stopReason(), fit.iterations(), fit.cost().total(),
                    fit.counts(), fit.backtracks(), fit.message());
        }
        System.out.println("EBM ice-cap branch: unwrapped EquilibriumNotFoundException thrown " + problem.unwrapped().get()
                + " times (all fits)");
        assertTrue(problem.unwrapped().get() > 0, "the model's own exception was met");
        assertTrue(lm.converged(), lm.message());
        assertTrue(lbfgs.converged(), lbfgs.message());
        assertTrue(lbfgs.counts().failedRuns() > 0, "the line searches met failed runs: " + lbfgs.counts());
        assertTrue(lbfgs.backtracks() > 0 && lbfgs.backtracks() <= lbfgs.counts().failedRuns(), "backtracks " + lbfgs.backtracks());
        assertTrue(lbfgs.message().contains("trial steps shortened after failed runs"), lbfgs.message());
        for (Iterate it : lbfgs.history()) {
            assertTrue(it.cost().isFinite(), "accepted a failed point at iteration " + it.iteration());
        }
        assertEquals(lm.cost().total(), lbfgs.cost().total(), 1e-3 * lm.cost().total());
        assertTrue(lbfgs.warnings().isEmpty(), lbfgs.warnings().toString());
    }
}
