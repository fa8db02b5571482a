package org.ferrel.calibration.optim;

/**
 * One entry of a calibration's history: the point an iteration ended at (iteration 0 is the start),
 * its cost, and the runs used so far (for convergence plots against forward-run equivalents).
 *
 * @param iteration   0 for the start, then 1, 2, ...
 * @param theta       the parameters, physical units
 * @param cost        the cost there
 * @param countsSoFar runs used from the start of the calibration up to and including this iteration
 */
public record Iterate(int iteration, double[] theta, Cost cost, EvaluationCounts countsSoFar) {
    public Iterate {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, got " + iteration);
        }
        theta = theta.clone();
    }

    @Override
    public double[] theta() {
        return theta.clone();
    }
}
