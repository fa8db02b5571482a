package org.ferrel.cluster.spark;

import java.io.Serializable;
import org.ferrel.calibration.optim.LeastSquaresProblem;
import org.ferrel.calibration.optim.MemberOutcome;

/**
 * A {@link MemberOutcome} on its way back from an executor (serializable).
 *
 * @param residuals the residuals, or null when the run failed
 * @param failure   why it failed, or null
 */
record Outcome(double[] residuals, String failure) implements Serializable {

    /** Runs one member on this JVM's problem of the source. */
    static Outcome run(ProblemSource source, double[] theta) {
        LeastSquaresProblem problem = ProblemSource.problem(source);
        MemberOutcome o = MemberOutcome.run(problem, theta);
        return new Outcome(o.residuals(), o.failure());
    }

    MemberOutcome toMemberOutcome() {
        return failure == null ? MemberOutcome.success(residuals) : MemberOutcome.failed(failure);
    }
}
