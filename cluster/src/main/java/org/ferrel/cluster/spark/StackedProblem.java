package org.ferrel.cluster.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.ferrel.calibration.optim.LeastSquaresProblem;

/**
 * Several problems with the same parameters fitted jointly, each a part of the data (an observation
 * window, a period, a region), evaluated in parallel on Spark: the residuals are the parts'
 * residuals one after the other, so the cost is the sum of the parts' misfits plus one prior, and
 * the gradient {@code Jᵀw = Σ_k J_kᵀ w_k} is computed as one adjoint run per part on the executors
 * and summed on the driver in part order. The sum's order is fixed, so gradients, and any
 * gradient-based fit (L-BFGS-B, Gauss-Newton, Levenberg-Marquardt), are bitwise the same for any
 * partitioning and master. Bounds and prior are those of the first part (all parts must have the
 * same parameters).
 */
public final class StackedProblem implements LeastSquaresProblem {
    private final JavaSparkContext context;
    private final List<ProblemSource> parts;
    private final int partitions;
    private final LeastSquaresProblem first;
    private final int[] offsets;

    /**
     * @param context    the Spark context (owned by the caller)
     * @param parts      the parts, in the order their residuals are stacked and their gradients summed
     * @param partitions tasks per evaluation at most (0: one per part)
     */
    public StackedProblem(JavaSparkContext context, List<ProblemSource> parts, int partitions) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no parts");
        }
        this.context = context;
        this.parts = List.copyOf(parts);
        this.partitions = partitions;
        this.first = ProblemSource.problem(parts.getFirst());
        this.offsets = new int[parts.size() + 1];
        for (int k = 0; k < parts.size(); k++) {
            LeastSquaresProblem p = ProblemSource.problem(parts.get(k));
            if (!p.parameterNames().equals(first.parameterNames())) {
                throw new IllegalArgumentException("part " + k + " has parameters " + p.parameterNames() + ", part 0 has "
                        + first.parameterNames());
            }
            offsets[k + 1] = offsets[k] + p.residualCount();
        }
    }

    @Override
    public List<String> parameterNames() {
        return first.parameterNames();
    }

    @Override
    public int residualCount() {
        return offsets[parts.size()];
    }

    @Override
    public double[] lower() {
        return first.lower();
    }

    @Override
    public double[] upper() {
        return first.upper();
    }

    @Override
    public double[] priorMean() {
        return first.priorMean();
    }

    @Override
    public double[] priorSpread() {
        return first.priorSpread();
    }

    @Override
    public double[] typicalScale() {
        return first.typicalScale();
    }

    @Override
    public double[] residuals(double[] theta) {
        double[] t = theta.clone();
        return concatenate(onParts(k -> new PartCall(k, t, null, Kind.RESIDUALS)));
    }

    @Override
    public double[] jvp(double[] theta, double[] v) {
        double[] t = theta.clone();
        double[] d = v.clone();
        return concatenate(onParts(k -> new PartCall(k, t, d, Kind.JVP)));
    }

    /** {@code Σ_k J_kᵀ w_k}: one adjoint run per part on the executors, summed here in part order. */
    @Override
    public double[] vjp(double[] theta, double[] w) {
        double[] t = theta.clone();
        List<double[]> gradients = onParts(k -> new PartCall(k, t, java.util.Arrays.copyOfRange(w, offsets[k], offsets[k + 1]),
                Kind.VJP));
        double[] sum = new double[t.length];
        for (double[] g : gradients) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += g[i];
            }
        }
        return sum;
    }

    private List<double[]> onParts(java.util.function.IntFunction<PartCall> call) {
        List<PartCall> calls = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            calls.add(call.apply(k));
        }
        List<ProblemSource> ps = parts;
        int slices = partitions <= 0 ? calls.size() : Math.min(partitions, calls.size());
        return context.parallelize(calls, slices).map(c -> c.evaluate(ps.get(c.part()))).collect();
    }

    private static double[] concatenate(List<double[]> pieces) {
        int n = pieces.stream().mapToInt(p -> p.length).sum();
        double[] out = new double[n];
        int at = 0;
        for (double[] p : pieces) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private enum Kind { RESIDUALS, JVP, VJP }

    /** One part's evaluation, shipped to an executor. */
    private record PartCall(int part, double[] theta, double[] vector, Kind kind) implements java.io.Serializable {
        double[] evaluate(ProblemSource source) {
            LeastSquaresProblem p = ProblemSource.problem(source);
            return switch (kind) {
                case RESIDUALS -> p.residuals(theta);
                case JVP -> p.jvp(theta, vector);
                case VJP -> p.vjp(theta, vector);
            };
        }
    }
}
