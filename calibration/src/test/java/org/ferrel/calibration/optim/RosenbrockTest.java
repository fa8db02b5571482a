package org.ferrel.calibration.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Rosenbrock's function as least squares, r = (10(y - x²), 1 - x), from (-1.2, 1). */
class RosenbrockTest {
    private static final double[] START = {-1.2, 1};

    private static List<Optimizer> optimizers() {
        return List.of(BoundedLbfgs.defaults().withProjectedGradientTolerance(1e-10).withRelativeCostTolerance(0),
                HipparchusLeastSquares.levenbergMarquardt(),
                MatrixFreeGaussNewton.defaults());
    }

    @Test
    void unboundedMinimumIsFound() {
        for (Optimizer optimizer : optimizers()) {
            FitResult fit = optimizer.minimize(TestProblem.rosenbrock(), START);
            assertTrue(fit.converged(), fit.method() + ": " + fit.message());
            assertEquals(1, fit.value("x"), 1e-8, fit.method());
            assertEquals(1, fit.value("y"), 1e-8, fit.method());
            assertEquals(0, fit.cost().total(), 1e-16, fit.method());
            assertEquals(0, fit.cost().prior(), fit.method());
        }
    }

    @Test
    void activeUpperBoundGivesTheConstrainedMinimum() {
        // with x <= 0.5 the minimum is at x = 0.5, y = x² = 0.25, cost ½(1 - 0.5)² = 0.125;
        // there ∂J/∂x = -(1 - x) = -0.5 < 0 pushes against the bound and ∂J/∂y = 0
        TestProblem bounded = TestProblem.rosenbrock().withBounds(new double[] {-2, -2}, new double[] {0.5, 2});
        for (Optimizer optimizer : optimizers()) {
            FitResult fit = optimizer.minimize(bounded, START);
            assertTrue(fit.converged(), fit.method() + ": " + fit.message());
            assertEquals(0.5, fit.value("x"), 0, fit.method() + ": the bound is active exactly");
            assertEquals(0.25, fit.value("y"), 1e-8, fit.method());
            assertEquals(0.125, fit.cost().total(), 1e-12, fit.method());
            for (Iterate it : fit.history()) {
                assertTrue(it.theta()[0] <= 0.5, fit.method() + " left the box at iteration " + it.iteration());
            }
        }
    }

    @Test
    void activeLowerBoundAtTheStart() {
        // y >= 1.5, starting on that bound, excludes the minimum (1, 1): the constrained minimiser lies
        // on y = 1.5 where d/dx[100(1.5 - x²)² + (1 - x)²] = 0, x a little below √1.5, and there
        // ∂J/∂y = 100(1.5 - x²) > 0 pushes against the bound (a second, local, one is near x = -√1.5)
        TestProblem bounded = TestProblem.rosenbrock().withBounds(new double[] {-2, 1.5}, new double[] {2, 3});
        double x = solveConstrainedX();
        for (Optimizer optimizer : optimizers()) {
            FitResult fit = optimizer.minimize(bounded, new double[] {1, 1.5});
            assertTrue(fit.converged(), fit.method() + ": " + fit.message());
            assertEquals(1.5, fit.value("y"), 0, fit.method());
            assertEquals(x, fit.value("x"), 1e-7, fit.method());
        }
    }

    /** The root of -400x(1.5 - x²) - 2(1 - x) = 0 near 1.22 (Newton). */
    private static double solveConstrainedX() {
        double x = 1.2;
        for (int i = 0; i < 50; i++) {
            double f = -400 * x * (1.5 - x * x) - 2 * (1 - x);
            double df = -400 * (1.5 - 3 * x * x) + 2;
            x -= f / df;
        }
        assertTrue(x > 1.2 && x < 1.25, "root " + x);
        return x;
    }

    @Test
    void lbfgsHistoryDescendsAndCountsOneGradientPerAcceptedPoint() {
        FitResult fit = BoundedLbfgs.defaults().withProjectedGradientTolerance(1e-10).withRelativeCostTolerance(0)
                .minimize(TestProblem.rosenbrock(), START);
        for (int k = 1; k < fit.history().size(); k++) {
            double before = fit.history().get(k - 1).cost().total();
            // descent, up to differences the line search treats as rounding noise (1e-12 max(J, 1))
            assertTrue(fit.history().get(k).cost().total() <= before + 1e-12 * Math.max(before, 1), "descent at " + k);
        }
        EvaluationCounts c = fit.counts();
        assertEquals(0, c.jvps());
        assertTrue(c.vjps() >= fit.iterations() + 1, "a gradient at every accepted point: " + c);
        assertTrue(c.vjps() <= c.forwardRuns(), "a gradient only where a forward run was made: " + c);
        assertTrue(fit.iterations() > 10 && fit.iterations() < 60, "iterations " + fit.iterations());
        assertEquals(c, fit.history().getLast().countsSoFar());
    }
}
