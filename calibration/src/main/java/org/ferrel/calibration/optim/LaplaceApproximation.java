package org.ferrel.calibration.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Laplace uncertainty: the posterior near θ̂ approximated by a Gaussian whose precision is the
 * Gauss-Newton Hessian of the cost,
 * <pre>
 *   Σ = (JᵀJ + P⁻¹)⁻¹,   J = ∂r/∂θ at θ̂,   P⁻¹ = diag(1/s_i²) (0 where there is no prior),
 * </pre>
 * exact for a linear problem with a Gaussian prior (e.g. Tarantola 2005, "Inverse problem theory",
 * eq. 3.38), and otherwise neglecting the residual-curvature term {@code Σ r_k ∇²r_k}, which is
 * small when the fit is good. J is formed column by column from n JVPs (no forward run); the
 * Hessian is assembled and eigen-decomposed in scaled coordinates ({@code D H D}, D the typical
 * scales) so that parameters of very different sizes do not spoil its conditioning, and Σ is
 * returned in physical units. Bounds are ignored: at a parameter on an active bound the Gaussian
 * is only a local description.
 *
 * <p>When the smallest eigenvalue of the scaled Hessian is at most {@code relativeTolerance}
 * times the largest, a direction of parameter space is not determined and there is no covariance:
 * an {@link UndeterminedParameterException} names the parameter that dominates that direction.
 *
 * @param relativeTolerance smallest admissible ratio of the scaled Hessian's extreme eigenvalues
 */
public record LaplaceApproximation(double relativeTolerance) {

    public LaplaceApproximation {
        if (!(relativeTolerance > 0 && relativeTolerance < 1)) {
            throw new IllegalArgumentException("relativeTolerance must be in (0, 1), got " + relativeTolerance);
        }
    }

    /** A relative eigenvalue tolerance of 1e-12. */
    public static LaplaceApproximation defaults() {
        return new LaplaceApproximation(1e-12);
    }

    /** The posterior covariance at θ̂ with the default tolerance. */
    public static PosteriorUncertainty at(LeastSquaresProblem problem, double[] thetaHat) {
        return defaults().compute(problem, thetaHat);
    }

    /**
     * The posterior covariance at θ̂.
     *
     * @throws UndeterminedParameterException when the Gauss-Newton Hessian is singular
     * @throws CalibrationFailure             when a JVP fails at θ̂
     */
    public PosteriorUncertainty compute(LeastSquaresProblem problem, double[] thetaHat) {
        CountingProblem counted = new CountingProblem(problem);
        List<String> names = List.copyOf(problem.parameterNames());
        int n = names.size();
        double[] scale = problem.typicalScale();
        double[] spread = problem.priorSpread();
        if (thetaHat.length != n || scale.length != n || spread.length != n) {
            throw new IllegalArgumentException("expected " + n + " values of θ̂, typical scales and prior spreads");
        }
        new Scaling(thetaHat, scale); // checks the scales
        int m = problem.residualCount();
        double[][] jacobian = new double[m][n]; // ∂r/∂ξ = J D
        for (int j = 0; j < n; j++) {
            double[] direction = new double[n];
            direction[j] = scale[j];
            double[] column;
            try {
                column = counted.jvp(thetaHat.clone(), direction);
            } catch (LeastSquaresProblem.ModelFailure e) {
                throw new CalibrationFailure("Laplace approximation: the tangent-linear run for '" + names.get(j)
                        + "' failed at " + Arrays.toString(thetaHat) + ": " + e.getMessage(), e);
            }
            if (column == null || column.length != m || !Vectors.allFinite(column)) {
                throw new CalibrationFailure("Laplace approximation: the tangent-linear run for '" + names.get(j)
                        + "' gave " + (column == null || column.length != m ? "the wrong number of" : "non-finite") + " values");
            }
            for (int i = 0; i < m; i++) {
                jacobian[i][j] = column[i];
            }
        }
        double[][] h = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += jacobian[i][a] * jacobian[i][b];
                }
                h[a][b] = sum;
                h[b][a] = sum;
            }
            if (Double.isFinite(spread[a])) {
                double z = scale[a] / spread[a];
                h[a][a] += z * z;
            }
        }
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(h));
        double[] values = eigen.getEigenvalues();
        int smallest = 0;
        int largest = 0;
        for (int k = 1; k < n; k++) {
            if (values[k] < values[smallest]) {
                smallest = k;
            }
            if (values[k] > values[largest]) {
                largest = k;
            }
        }
        if (!(values[largest] > 0) || values[smallest] <= relativeTolerance * values[largest]) {
            throw undetermined(names, eigen.getEigenvector(smallest).toArray(), values[smallest], values[largest], scale);
        }
        RealMatrix v = eigen.getV();
        double[][] covariance = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += v.getEntry(a, k) * v.getEntry(b, k) / values[k];
                }
                covariance[a][b] = scale[a] * sum * scale[b];
                covariance[b][a] = covariance[a][b];
            }
        }
        double[] sigma = new double[n];
        for (int a = 0; a < n; a++) {
            sigma[a] = Math.sqrt(covariance[a][a]);
        }
        double[][] correlation = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                correlation[a][b] = a == b ? 1 : covariance[a][b] / (sigma[a] * sigma[b]);
            }
        }
        return new PosteriorUncertainty(names, thetaHat, sigma, covariance, correlation, counted.counts());
    }

    private static List<String> others(List<String> involved, String dominant) {
        List<String> others = new ArrayList<>(involved);
        others.remove(dominant);
        return others;
    }

    private static UndeterminedParameterException undetermined(List<String> names, double[] direction, double smallest,
                                                               double largest, double[] scale) {
        int dominant = 0;
        for (int i = 1; i < direction.length; i++) {
            if (Math.abs(direction[i]) > Math.abs(direction[dominant])) {
                dominant = i;
            }
        }
        double sign = Math.signum(direction[dominant]);
        List<String> involved = new ArrayList<>();
        StringBuilder change = new StringBuilder();
        for (int i = 0; i < direction.length; i++) {
            if (Math.abs(direction[i]) >= 0.1 * Math.abs(direction[dominant])) {
                involved.add(names.get(i));
                change.append(change.isEmpty() ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s by %+.3g", names.get(i), sign * direction[i] * scale[i]));
            }
        }
        String what = involved.size() == 1
                ? "parameter '" + names.get(dominant) + "' is not determined by the observations (nor by a prior)"
                : "parameter '" + names.get(dominant) + "' is not determined by the observations (nor by a prior) "
                  + "independently of " + others(involved, names.get(dominant))
                  + ": changing " + change + " together (in their units) leaves the cost unchanged to first order";
        return new UndeterminedParameterException(String.format(Locale.ROOT,
                "Laplace approximation: the Gauss-Newton Hessian JᵀJ + P⁻¹ is singular; %s "
                        + "(smallest/largest eigenvalue in typical scales %.3e / %.3e); give it a prior or observations "
                        + "that depend on it", what, smallest, largest), names.get(dominant), involved);
    }
}
