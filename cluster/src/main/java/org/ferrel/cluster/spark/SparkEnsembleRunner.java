package org.ferrel.cluster.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.ferrel.calibration.optim.CountingProblem;
import org.ferrel.calibration.optim.EnsembleRunner;
import org.ferrel.calibration.optim.LeastSquaresProblem;
import org.ferrel.calibration.optim.MemberOutcome;

/**
 * An {@link EnsembleRunner} on Spark: each member of a batch is a task that evaluates the
 * residuals on its executor's copy of the problem (rebuilt from a {@link ProblemSource}), and the
 * outcomes come back in member order ({@code parallelize} and {@code collect} keep it). Each member's
 * outcome depends on its θ only, so ensemble Kalman inversion gives bitwise the same result as
 * {@link EnsembleRunner#serial()} for any master and partitioning. The runs are counted on the
 * driver's {@link CountingProblem}, as if made there, and the driver's problem is told of each
 * member's residuals ({@link LeastSquaresProblem#ranElsewhere}), in member order, so a campaign's
 * {@code checkpoint.json} is kept up to date as in a serial run.
 *
 * @param context    the Spark context (owned by the caller)
 * @param source     where executors get the problem from; it must build the problem the optimizer is given
 * @param partitions tasks per batch at most (0: one per member)
 */
public record SparkEnsembleRunner(JavaSparkContext context, ProblemSource source, int partitions) implements EnsembleRunner {

    /** Work done with a runner (a calibration). */
    @FunctionalInterface
    public interface WithRunner<T> {
        T apply(EnsembleRunner runner) throws java.io.IOException;
    }

    /**
     * Opens a Spark context on {@code master}, gives {@code body} a runner on it (one task per member)
     * and closes the context after it.
     */
    public static <T> T using(String master, String appName, ProblemSource source, WithRunner<T> body) throws java.io.IOException {
        try (JavaSparkContext sc = SparkContexts.open(master, appName)) {
            return body.apply(new SparkEnsembleRunner(sc, source, 0));
        }
    }

    @Override
    public List<MemberOutcome> evaluate(LeastSquaresProblem problem, List<double[]> members) {
        if (members.isEmpty()) {
            return List.of();
        }
        List<double[]> copies = members.stream().map(double[]::clone).toList();
        ProblemSource s = source;
        int slices = partitions <= 0 ? copies.size() : Math.min(partitions, copies.size());
        List<Outcome> collected = context.parallelize(copies, slices).map(theta -> Outcome.run(s, theta)).collect();
        List<MemberOutcome> outcomes = new ArrayList<>(collected.size());
        for (int i = 0; i < collected.size(); i++) {
            MemberOutcome m = collected.get(i).toMemberOutcome();
            if (problem instanceof CountingProblem c) {
                c.countForwardRun(m.failed());
            }
            if (!m.failed()) {
                problem.ranElsewhere(copies.get(i), m.residuals());   // in member order: checkpoint.json as in a serial run
            }
            outcomes.add(m);
        }
        return outcomes;
    }
}
