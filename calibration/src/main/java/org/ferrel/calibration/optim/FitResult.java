package org.ferrel.calibration.optim;

import java.util.List;

/**
 * The answer of an {@link Optimizer}: the estimate θ̂ with its cost, what it cost to get there, why
 * the optimizer stopped, and the history for convergence plots. Immutable.
 *
 * @param method         the optimizer and its main options, for reports (e.g. {@code "L-BFGS-B(m=5)"})
 * @param parameterNames the problem's parameter names, in order
 * @param theta          θ̂, physical units, inside the bounds
 * @param cost           the cost at θ̂ (misfit and prior parts)
 * @param iterations     iterations done (accepted steps; ensemble updates)
 * @param counts         the runs used, counted around the problem
 * @param stopReason     why it stopped
 * @param message        a sentence on how it stopped (tolerances, values), for logs and reports
 * @param history        one entry per iteration, the start first ({@code history.get(0).iteration() == 0})
 * @param backtracks     line-search steps shortened because the trial point's run failed (an exception,
 *                       non-finite residuals or gradient); 0 for methods without a line search
 * @param endedWorseThanStart whether the final total cost is above the start's (the first history entry's
 *                       and, for ensemble methods, the caller's start point's), or failed; a warning says so
 * @param warnings       what a user must know although the method returned (e.g. a cost worse than at
 *                       the start of the history); empty when all is well
 */
public record FitResult(String method, List<String> parameterNames, double[] theta, Cost cost, int iterations,
                        EvaluationCounts counts, StopReason stopReason, String message, List<Iterate> history,
                        int backtracks, boolean endedWorseThanStart, List<String> warnings) {
    public FitResult {
        parameterNames = List.copyOf(parameterNames);
        theta = theta.clone();
        history = List.copyOf(history);
        warnings = List.copyOf(warnings);
        if (backtracks < 0) {
            throw new IllegalArgumentException("negative backtrack count " + backtracks);
        }
        if (theta.length != parameterNames.size()) {
            throw new IllegalArgumentException(theta.length + " values for " + parameterNames.size() + " parameters");
        }
    }

    /** A result without backtracks or warnings. */
    public FitResult(String method, List<String> parameterNames, double[] theta, Cost cost, int iterations,
                     EvaluationCounts counts, StopReason stopReason, String message, List<Iterate> history) {
        this(method, parameterNames, theta, cost, iterations, counts, stopReason, message, history, 0, false, List.of());
    }

    @Override
    public double[] theta() {
        return theta.clone();
    }

    /** θ̂ of the named parameter. */
    public double value(String parameterName) {
        int i = parameterNames.indexOf(parameterName);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter '" + parameterName + "' in " + parameterNames);
        }
        return theta[i];
    }

    /** Whether the optimizer stopped on a convergence test. */
    public boolean converged() {
        return stopReason.converged();
    }
}
