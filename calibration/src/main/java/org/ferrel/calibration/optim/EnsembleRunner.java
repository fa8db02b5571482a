package org.ferrel.calibration.optim;

import java.util.List;

/**
 * Runs the forward model for a batch of ensemble members: the seam between ensemble methods and
 * where the runs happen (threads here, a Spark cluster in {@code ferrel-cluster}).
 *
 * <p>A runner must return one outcome per member, in member order, each depending only on that
 * member's θ (never on which thread or executor ran it), so ensemble methods that combine outcomes
 * in member order give bitwise-identical results for any degree of parallelism. A member whose run
 * throws or returns non-finite residuals is a failed outcome, not an exception of the runner
 * ({@link MemberOutcome#run}); the problem is called concurrently and must be thread-safe.
 */
public interface EnsembleRunner {

    /**
     * Evaluates {@code problem.residuals(θ)} for each member.
     *
     * @param problem the problem (as given to the ensemble method, wrapped in a {@link CountingProblem})
     * @param members parameter vectors, physical units
     * @return one outcome per member, in member order
     */
    List<MemberOutcome> evaluate(LeastSquaresProblem problem, List<double[]> members);

    /** Members one after the other on the calling thread. */
    static EnsembleRunner serial() {
        return new ThreadPoolEnsembleRunner(1);
    }

    /** Members in parallel on a pool of {@code threads} threads. */
    static EnsembleRunner threads(int threads) {
        return new ThreadPoolEnsembleRunner(threads);
    }
}
