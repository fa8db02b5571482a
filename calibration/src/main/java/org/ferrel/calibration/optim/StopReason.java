package org.ferrel.calibration.optim;

/** Why an optimizer stopped. The first six are convergence; the others are budgets or trouble. */
public enum StopReason {
    /** The projected gradient's largest component (scaled coordinates) fell below its tolerance. */
    PROJECTED_GRADIENT,
    /** The relative cost decrease of an iteration fell below its tolerance. */
    COST_DECREASE,
    /** The step (scaled coordinates) fell below its tolerance. */
    STEP_SIZE,
    /** The ensemble's spread (scaled coordinates) fell below its tolerance (ensemble methods). */
    ENSEMBLE_COLLAPSED,
    /**
     * An ensemble method's algorithm time reached its end: with the data-misfit controller of
     * Iglesias &amp; Yang (2021) the steps h_n sum to 1, where the ensemble approximates the posterior.
     */
    ALGORITHM_TIME,
    /** A library optimizer's own convergence test (Hipparchus' tolerances) was met. */
    SOLVER_TOLERANCE,
    /** The iteration budget was spent. */
    MAX_ITERATIONS,
    /** The forward-run budget was spent. */
    MAX_EVALUATIONS,
    /** No step along the search direction decreased the cost, even from steepest descent. */
    LINE_SEARCH_FAILED;

    /** Whether this reason is a convergence test (rather than a spent budget or a failure). */
    public boolean converged() {
        return switch (this) {
            case PROJECTED_GRADIENT, COST_DECREASE, STEP_SIZE, ENSEMBLE_COLLAPSED, ALGORITHM_TIME, SOLVER_TOLERANCE -> true;
            case MAX_ITERATIONS, MAX_EVALUATIONS, LINE_SEARCH_FAILED -> false;
        };
    }
}
