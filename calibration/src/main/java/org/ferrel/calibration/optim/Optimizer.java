package org.ferrel.calibration.optim;

/**
 * A method that fits a {@link LeastSquaresProblem}: minimises
 * {@code J(θ) = ½|r(θ)|² + ½Σ((θ-μ)/s)²} within the bounds, starting from a point. Implementations
 * are records of their options (immutable, {@code withX} to change one), so one optimizer value can
 * be reused for many problems and threads.
 *
 * <p>All of them count runs with a {@link CountingProblem} around the problem and search in scaled
 * coordinates {@code ξ = (θ - θ₀) / typicalScale} ({@link Scaling}), θ₀ the start.
 */
public interface Optimizer {

    /**
     * Minimises the problem's cost from {@code start}.
     *
     * @param start physical units, inside the bounds
     * @throws IllegalArgumentException when the start has the wrong length, is outside the bounds or
     *                                  not finite, or the problem's bounds, prior or scales are inconsistent
     * @throws CalibrationFailure       when the method cannot proceed at all (the start's run fails, an
     *                                  ensemble loses too many members)
     */
    FitResult minimize(LeastSquaresProblem problem, double[] start);
}
