package org.ferrel.calibration.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * Unscented Kalman inversion (Huang, Schneider &amp; Stuart 2022, "Iterated Kalman methodology for
 * inverse problems", J. Comput. Phys. 463, 111262): a Gaussian N(m, C) over the parameters is moved
 * by Kalman updates whose covariances come from 2N + 1 sigma points, so each iteration costs 2N + 1
 * forward runs (in parallel) and no derivatives; for a linear problem the unscented transform is exact
 * and C converges to the posterior covariance.
 *
 * <p>As in {@link EnsembleKalmanInversion}, the forward map is the whitened residuals extended by the
 * prior residuals, {@code G(ξ) = [r(ξ); (ξ_i - μ_i)/s_i]} with data y = 0 and noise Γ = I, in scaled
 * coordinates ξ ({@link Scaling}). Each iteration from (m_n, C_n):
 * <ol>
 *   <li>prediction with α = 1 and the artificial evolution error Σ_ω = (2 - α²) C_n (the paper's choice
 *   for a covariance that converges to the posterior's): {@code m̂ = m_n}, {@code Ĉ = α² C_n + Σ_ω = 2 C_n};</li>
 *   <li>sigma points {@code ξ⁰ = m̂}, {@code ξ^{±j} = m̂ ± c [√Ĉ]_j} (columns of the Cholesky factor),
 *   {@code c = √(N + λ)}, {@code λ = a²(N + κ) - N}, {@code a = min(√(4/(N + κ)), 1)}, κ = 0, run in one
 *   batch through the {@link EnsembleRunner}; the modified unscented transform: the predicted mean
 *   is the central point's, {@code Ĝ = G(ξ⁰)}, and the covariances are
 *   {@code Ĉ^{ξG} = Σ_j w (ξ^j - m̂)(G^j - Ĝ)ᵀ}, {@code Ĉ^{GG} = Σ_j w (G^j - Ĝ)(G^j - Ĝ)ᵀ + Σ_ν},
 *   {@code w = 1/(2(N + λ))}, with the artificial observation error Σ_ν = 2Γ;</li>
 *   <li>analysis: {@code m_{n+1} = m̂ + Ĉ^{ξG}(Ĉ^{GG})⁻¹(y - Ĝ)},
 *   {@code C_{n+1} = Ĉ - Ĉ^{ξG}(Ĉ^{GG})⁻¹(Ĉ^{ξG})ᵀ}.</li>
 * </ol>
 * The analysis is computed in sigma-point space, {@code K = Ĉ^{ξG}(Ĉ^{GG})⁻¹ = w X (2I + w DᵀD)⁻¹ Dᵀ}
 * with {@code X = [ξ^j - m̂]}, {@code D = [G^j - Ĝ]} (j = 1..2N), a 2N × 2N Cholesky solve, so the
 * number of observations does not matter.
 * For a linear G with Jacobian H (whitened, augmented) the covariance obeys
 * {@code C_{n+1}⁻¹ = (C_n⁻¹ + HᵀH)/2}, so it converges geometrically (rate ½) to the posterior
 * covariance {@code (HᵀH)⁻¹ = (JᵀJ + P⁻¹)⁻¹}, and the mean to the minimiser of J.
 *
 * <p>The estimate is the mean m, whose cost is that of the next iteration's central point (the history
 * records it each iteration). It starts from m₀ = the start, C₀ = the prior covariance (typical
 * scale² where there is no prior). Sigma points outside the bounds are projected onto the box before
 * they are run (the covariances use the unprojected points). A sigma point whose run fails ends the fit
 * with a {@link CalibrationFailure} naming it: the transform needs all 2N + 1 points. It stops after
 * {@code maxIterations} or when the mean moves by at most {@code stepTolerance} typical scales
 * ({@link StopReason#STEP_SIZE}).
 *
 * @param maxIterations iterations (Kalman updates) at most
 * @param stepTolerance on the largest change of the mean in typical scales (0: never)
 * @param runner        where the sigma points run
 */
public record UnscentedKalmanInversion(int maxIterations, double stepTolerance, EnsembleRunner runner) implements Optimizer {

    public UnscentedKalmanInversion {
        if (maxIterations < 0 || !(stepTolerance >= 0)) {
            throw new IllegalArgumentException("maxIterations >= 0 and stepTolerance >= 0 required, got " + maxIterations
                    + ", " + stepTolerance);
        }
        java.util.Objects.requireNonNull(runner, "runner");
    }

    /** 50 iterations, step tolerance 1e-10 typical scales, run serially. */
    public static UnscentedKalmanInversion defaults() {
        return new UnscentedKalmanInversion(50, 1e-10, EnsembleRunner.serial());
    }

    public UnscentedKalmanInversion withMaxIterations(int n) {
        return new UnscentedKalmanInversion(n, stepTolerance, runner);
    }

    public UnscentedKalmanInversion withStepTolerance(double tol) {
        return new UnscentedKalmanInversion(maxIterations, tol, runner);
    }

    public UnscentedKalmanInversion withRunner(EnsembleRunner r) {
        return new UnscentedKalmanInversion(maxIterations, stepTolerance, r);
    }

    /**
     * The fit and the final covariance C of the parameters, in physical units (for a linear problem:
     * the posterior covariance).
     */
    public record Result(FitResult fit, double[][] covariance) {
    }

    @Override
    public FitResult minimize(LeastSquaresProblem problem, double[] start) {
        return fit(problem, start).fit();
    }

    /** Minimises as {@link #minimize} and returns the final covariance too. */
    public Result fit(LeastSquaresProblem problem, double[] start) {
        FitContext ctx = new FitContext("UKI", problem, start);
        int n = ctx.parameterCount;
        int m = ctx.residualCount;
        int points = 2 * n + 1;
        double a = Math.min(Math.sqrt(4.0 / n), 1.0);
        double lambda = a * a * n - n;
        double c = Math.sqrt(n + lambda);
        double w = 1 / (2 * (n + lambda));
        double[] mean = new double[n];
        double[][] cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            cov[i][i] = ctx.hasPrior(i) ? ctx.priorSpread[i] * ctx.priorSpread[i] : 1;
        }
        for (int iteration = 0; ; iteration++) {
            double[][] predicted = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    predicted[i][k] = 2 * cov[i][k];
                }
            }
            double[][] root = choleskyLower(predicted, ctx, iteration);
            double[][] sigma = new double[points][];
            sigma[0] = mean.clone();
            for (int j = 0; j < n; j++) {
                double[] plus = mean.clone();
                double[] minus = mean.clone();
                for (int i = 0; i < n; i++) {
                    plus[i] += c * root[i][j];
                    minus[i] -= c * root[i][j];
                }
                sigma[1 + j] = plus;
                sigma[1 + n + j] = minus;
            }
            List<double[]> batch = new ArrayList<>(points);
            for (double[] s : sigma) {
                batch.add(ctx.theta(ctx.project(s)));
            }
            List<MemberOutcome> outcomes = runner.evaluate(ctx.counted, batch);
            if (outcomes.size() != points) {
                throw new IllegalStateException("the ensemble runner returned " + outcomes.size() + " outcomes for " + points
                        + " sigma points");
            }
            for (int j = 0; j < points; j++) {
                MemberOutcome o = outcomes.get(j);
                if (o.failed()) {
                    throw new CalibrationFailure(ctx.method + ": the run at sigma point " + j + " of iteration " + iteration
                            + ", " + ctx.describe(ctx.project(sigma[j])) + ", failed (" + o.failure()
                            + "); unscented Kalman inversion needs all " + points + " points");
                }
                if (o.residuals().length != m) {
                    throw new IllegalStateException("a sigma point returned " + o.residuals().length
                            + " residuals, the problem declares " + m);
                }
            }
            double[] centre = ctx.project(mean);
            Cost cost = Cost.of(outcomes.get(0).residuals(), centre, ctx.priorMean, ctx.priorSpread);
            ctx.record(iteration, centre, cost);
            if (iteration >= maxIterations) {
                return result(ctx, centre, cost, iteration, cov, StopReason.MAX_ITERATIONS,
                        format("%d Kalman updates done", iteration));
            }
            double[][] g = new double[points][];
            for (int j = 0; j < points; j++) {
                g[j] = augmented(ctx, outcomes.get(j).residuals(), ctx.project(sigma[j]));
            }
            // in sigma-point space (push-through identity), so the number of observations does not matter:
            // with X = [ξ^j - m̂], D = [G^j - Ĝ] (j = 1..2N), K = Ĉ^{ξG}(Ĉ^{GG})⁻¹ = w X (2I + w DᵀD)⁻¹ Dᵀ
            int q2 = 2 * n;
            double[][] dx = new double[q2][];
            double[][] dg = new double[q2][];
            for (int j = 0; j < q2; j++) {
                dx[j] = Vectors.subtract(sigma[j + 1], mean);
                dg[j] = Vectors.subtract(g[j + 1], g[0]);
            }
            double[][] dtd = new double[q2][q2];
            double[][] sMatrix = new double[q2][q2];
            double[] dtg = new double[q2];
            for (int p = 0; p < q2; p++) {
                dtg[p] = Vectors.dot(dg[p], g[0]);
                for (int q = 0; q < q2; q++) {
                    dtd[p][q] = Vectors.dot(dg[p], dg[q]);
                    sMatrix[p][q] = (p == q ? 2 : 0) + w * dtd[p][q];
                }
            }
            org.hipparchus.linear.DecompositionSolver solver =
                    new CholeskyDecomposition(MatrixUtils.createRealMatrix(sMatrix), 1e-12, 0).getSolver();
            double[] z = solver.solve(MatrixUtils.createRealVector(dtg)).toArray();
            double[][] y = solver.solve(MatrixUtils.createRealMatrix(dtd)).getData();
            double[] newMean = mean.clone();
            double[][] newCov = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < q2; p++) {
                    newMean[i] -= w * dx[p][i] * z[p]; // m̂ + K(0 - Ĝ)
                }
                for (int k = 0; k < n; k++) {
                    double sum = 0; // (X Y Xᵀ)_{ik}, Y = S⁻¹ DᵀD
                    for (int p = 0; p < q2; p++) {
                        double xyp = 0;
                        for (int q = 0; q < q2; q++) {
                            xyp += y[p][q] * dx[q][k];
                        }
                        sum += dx[p][i] * xyp;
                    }
                    newCov[i][k] = predicted[i][k] - w * w * sum;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < i; k++) {
                    double sym = 0.5 * (newCov[i][k] + newCov[k][i]);
                    newCov[i][k] = sym;
                    newCov[k][i] = sym;
                }
            }
            double step = Vectors.maxAbs(Vectors.subtract(newMean, mean));
            mean = newMean;
            cov = newCov;
            if (stepTolerance > 0 && step <= stepTolerance) {
                double[] end = ctx.project(mean);
                Cost endCost = ctx.evaluate(end).cost();
                ctx.record(iteration + 1, end, endCost);
                return result(ctx, end, endCost, iteration + 1, cov, StopReason.STEP_SIZE,
                        format("the mean moved by %.3e <= %.1e typical scales in update %d", step, stepTolerance,
                                iteration + 1));
            }
        }
    }

    private static Result result(FitContext ctx, double[] xi, Cost cost, int iterations, double[][] cov, StopReason reason,
                                 String message) {
        FitResult fit = ctx.finish(xi, cost, iterations, reason, message);
        double[] scale = ctx.scaling.scale();
        double[][] physical = new double[cov.length][cov.length];
        for (int i = 0; i < cov.length; i++) {
            for (int k = 0; k < cov.length; k++) {
                physical[i][k] = cov[i][k] * scale[i] * scale[k];
            }
        }
        return new Result(fit, physical);
    }

    private static double[][] choleskyLower(double[][] a, FitContext ctx, int iteration) {
        try {
            return new CholeskyDecomposition(MatrixUtils.createRealMatrix(a), 1e-14, 0).getL().getData();
        } catch (org.hipparchus.exception.MathRuntimeException e) {
            throw new CalibrationFailure(ctx.method + ": the predicted covariance of iteration " + iteration
                    + " is not positive definite (" + e.getMessage() + ")", e);
        }
    }

    /** {@code G = [r; (ξ_i - μ_i)/s_i]} for the parameters with a prior. */
    private static double[] augmented(FitContext ctx, double[] r, double[] xi) {
        int priors = 0;
        for (int i = 0; i < ctx.parameterCount; i++) {
            if (ctx.hasPrior(i)) {
                priors++;
            }
        }
        double[] g = new double[r.length + priors];
        System.arraycopy(r, 0, g, 0, r.length);
        for (int i = 0, k = r.length; i < ctx.parameterCount; i++) {
            if (ctx.hasPrior(i)) {
                g[k++] = (xi[i] - ctx.priorMean[i]) / ctx.priorSpread[i];
            }
        }
        return g;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
