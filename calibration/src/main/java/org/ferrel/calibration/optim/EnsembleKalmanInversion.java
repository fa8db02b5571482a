package org.ferrel.calibration.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.MatrixUtils;

/**
 * Ensemble Kalman inversion (Iglesias, Law &amp; Stuart 2013, "Ensemble Kalman methods for inverse
 * problems", Inverse Problems 29, 045001): the derivative-free baseline. An ensemble of J parameter
 * vectors is moved by Kalman updates computed from forward runs only.
 *
 * <p>The observations are the whitened residuals, so the data are {@code y = 0} and the noise
 * covariance is Γ = I. With Tikhonov (prior) augmentation (Chada, Stuart &amp; Tong 2020, "Tikhonov
 * regularization within ensemble Kalman inversion", SIAM J. Numer. Anal. 58(2)), the forward map is
 * extended by the prior residuals, {@code G(θ) = [r(θ); (θ_i - μ_i)/s_i]}, so the ensemble seeks the
 * minimiser of the same cost {@code J(θ)} as the other optimizers; without it, the misfit only, with
 * the prior entering through the initial ensemble. Each iteration, for every member j,
 * <pre>
 *   θ_j ← θ_j + C^{θG} (C^{GG} + Γ)⁻¹ (y + η_j - G(θ_j)),   η_j ~ N(0, Γ) (perturbed observations) or 0,
 * </pre>
 * with the ensemble covariances {@code C^{θG}, C^{GG}} (divisor J - 1). It is computed in ensemble
 * space: with anomalies {@code A = (Θ - θ̄)/√(J-1)}, {@code B = (G - Ḡ)/√(J-1)},
 * {@code C^{θG}(C^{GG} + I)⁻¹ = A (I + BᵀB)⁻¹ Bᵀ}, a J×J Cholesky solve, so the number of
 * observations does not matter.
 *
 * <p>Details: the ensemble lives in scaled coordinates ξ ({@link Scaling}); the initial members
 * are drawn from the prior {@code N(μ, s²)} where there is one and from {@code N(θ₀, typicalScale²)}
 * otherwise, with a {@link SplittableRandom} of the given seed, member by member. <b>Bounds</b>:
 * members are projected onto the box after each update (and at the start). The estimate θ̂ is the
 * ensemble mean, which is run with the members each iteration (J + 1 runs per iteration, in one
 * batch) so that its cost is in the history. <b>Failed members</b> (exception, non-finite
 * residuals) are left out of that iteration's update (covariances from the survivors only), then
 * replaced by {@code θ̄ + A z}, {@code z ~ N(0, I)}, a draw with the survivors' mean and covariance
 * (as Lopez-Gomez et al. 2022, JAMES 14, e2022MS003105, do); when fewer than
 * {@code max(2, ⌈minimumSurvivingFraction·J⌉)} survive it stops with a {@link CalibrationFailure}.
 * The runs go through an {@link EnsembleRunner}; all random numbers are drawn on the calling thread
 * in member order and outcomes are combined in member order, so results are bitwise identical for
 * any number of threads.
 *
 * <p><b>Adaptive step</b> ({@code adaptiveStep}): the update above is one step of size h = 1 of the
 * tempering from prior to posterior; with the data-misfit controller of Iglesias &amp; Yang (2021),
 * "Adaptive regularisation for ensemble Kalman inversion", Inverse Problems 37(2), 025008, each
 * update takes {@code h_n = min(max(M/(2 mean Φ), sqrt(M/(2 var Φ))), 1 - t_n)}, t_n the sum of the
 * steps so far, Φ_j the members' misfits ({@link #dataMisfitStep}); the update is
 * {@code θ_j += C^{θG}(C^{GG} + Γ/h_n)⁻¹(y + η_j - G(θ_j))}, {@code η_j ~ N(0, Γ/h_n)}, and it stops
 * ({@link StopReason#ALGORITHM_TIME}) when t reaches 1.
 *
 * <p><b>Start and end</b>: the caller's start point is run once with the first batch, and a fit whose
 * final cost (at the ensemble mean) is above the start's or the initial mean's gets a warning and
 * {@link FitResult#endedWorseThanStart()}.
 *
 * <p><b>Cost per iteration</b>: J + 1 forward runs (in parallel; J + 2 in the first), no JVP or VJP. It stops after
 * {@code maxIterations} updates, or when the largest standard deviation of the ensemble in scaled
 * coordinates is at most {@code spreadTolerance}.
 *
 * @param ensembleSize             J, members (at least 2; more than the number of parameters to
 *                                 explore every direction)
 * @param maxIterations            updates at most
 * @param seed                     seed of the initial ensemble and the perturbations
 * @param perturbObservations      draw {@code η_j ~ N(0, I)} each iteration (Iglesias et al.), or use y = 0
 * @param priorAugmentation        extend G by the prior residuals (Tikhonov EKI)
 * @param spreadTolerance          stop when the ensemble's largest standard deviation (typical scales)
 *                                 is at most this (0: never)
 * @param minimumSurvivingFraction the fraction of members that must survive an iteration
 * @param runner                   where the members run
 * @param adaptiveStep             choose each step h_n by the data-misfit controller of Iglesias &amp; Yang
 *                                 (2021) and stop when the steps sum to 1 (false: h_n = 1, the classical EKI)
 */
public record EnsembleKalmanInversion(int ensembleSize, int maxIterations, long seed, boolean perturbObservations,
                                      boolean priorAugmentation, double spreadTolerance,
                                      double minimumSurvivingFraction, EnsembleRunner runner, boolean adaptiveStep)
        implements Optimizer {

    public EnsembleKalmanInversion {
        if (ensembleSize < 2 || maxIterations < 0) {
            throw new IllegalArgumentException("ensembleSize >= 2 and maxIterations >= 0 required, got "
                    + ensembleSize + ", " + maxIterations);
        }
        if (!(spreadTolerance >= 0)) {
            throw new IllegalArgumentException("spreadTolerance must be >= 0");
        }
        if (!(minimumSurvivingFraction > 0 && minimumSurvivingFraction <= 1)) {
            throw new IllegalArgumentException("minimumSurvivingFraction must be in (0, 1], got " + minimumSurvivingFraction);
        }
        java.util.Objects.requireNonNull(runner, "runner");
    }

    /**
     * 40 members, 20 iterations, seed 1, perturbed observations, prior augmentation, no spread
     * tolerance, half the members must survive, run serially.
     */
    public static EnsembleKalmanInversion defaults() {
        return new EnsembleKalmanInversion(40, 20, 1, true, true, 0, 0.5, EnsembleRunner.serial(), false);
    }

    public EnsembleKalmanInversion withEnsembleSize(int j) {
        return new EnsembleKalmanInversion(j, maxIterations, seed, perturbObservations, priorAugmentation, spreadTolerance,
                minimumSurvivingFraction, runner, adaptiveStep);
    }

    public EnsembleKalmanInversion withMaxIterations(int n) {
        return new EnsembleKalmanInversion(ensembleSize, n, seed, perturbObservations, priorAugmentation, spreadTolerance,
                minimumSurvivingFraction, runner, adaptiveStep);
    }

    public EnsembleKalmanInversion withSeed(long s) {
        return new EnsembleKalmanInversion(ensembleSize, maxIterations, s, perturbObservations, priorAugmentation,
                spreadTolerance, minimumSurvivingFraction, runner, adaptiveStep);
    }

    public EnsembleKalmanInversion withPerturbedObservations(boolean perturb) {
        return new EnsembleKalmanInversion(ensembleSize, maxIterations, seed, perturb, priorAugmentation, spreadTolerance,
                minimumSurvivingFraction, runner, adaptiveStep);
    }

    public EnsembleKalmanInversion withPriorAugmentation(boolean augment) {
        return new EnsembleKalmanInversion(ensembleSize, maxIterations, seed, perturbObservations, augment, spreadTolerance,
                minimumSurvivingFraction, runner, adaptiveStep);
    }

    public EnsembleKalmanInversion withSpreadTolerance(double tol) {
        return new EnsembleKalmanInversion(ensembleSize, maxIterations, seed, perturbObservations, priorAugmentation, tol,
                minimumSurvivingFraction, runner, adaptiveStep);
    }

    public EnsembleKalmanInversion withMinimumSurvivingFraction(double fraction) {
        return new EnsembleKalmanInversion(ensembleSize, maxIterations, seed, perturbObservations, priorAugmentation,
                spreadTolerance, fraction, runner, adaptiveStep);
    }

    public EnsembleKalmanInversion withRunner(EnsembleRunner r) {
        return new EnsembleKalmanInversion(ensembleSize, maxIterations, seed, perturbObservations, priorAugmentation,
                spreadTolerance, minimumSurvivingFraction, r, adaptiveStep);
    }

    /** With or without the adaptive step of Iglesias &amp; Yang (2021) (see the class comment). */
    public EnsembleKalmanInversion withAdaptiveStep(boolean adaptive) {
        return new EnsembleKalmanInversion(ensembleSize, maxIterations, seed, perturbObservations, priorAugmentation,
                spreadTolerance, minimumSurvivingFraction, runner, adaptive);
    }

    /** The members that must survive an iteration: {@code max(2, ⌈fraction · J⌉)}. */
    public int minimumSurvivors() {
        return Math.max(2, (int) Math.ceil(minimumSurvivingFraction * ensembleSize - 1e-9));
    }

    @Override
    public FitResult minimize(LeastSquaresProblem problem, double[] start) {
        FitContext ctx = new FitContext("EKI(J=" + ensembleSize + (priorAugmentation ? ", Tikhonov" : "")
                + (perturbObservations ? ", perturbed" : "") + ")", problem, start);
        int n = ctx.parameterCount;
        int m = ctx.residualCount;
        int[] priorRows = priorAugmentation ? priorRows(ctx) : new int[0];
        int rows = m + priorRows.length;
        SplittableRandom random = new SplittableRandom(seed);
        double[][] ensemble = new double[ensembleSize][n];
        for (int j = 0; j < ensembleSize; j++) {
            for (int i = 0; i < n; i++) {
                double z = random.nextGaussian();
                ensemble[j][i] = ctx.hasPrior(i) ? ctx.priorMean[i] + ctx.priorSpread[i] * z : z;
            }
            ensemble[j] = ctx.project(ensemble[j]);
        }
        int required = minimumSurvivors();
        double time = 0;
        int failedMembers = 0;
        for (int iteration = 0; ; iteration++) {
            double[] mean = ctx.project(mean(ensemble, allMembers(ensembleSize)));
            List<double[]> batch = new ArrayList<>(ensembleSize + 2);
            for (double[] member : ensemble) {
                batch.add(ctx.theta(member));
            }
            batch.add(ctx.theta(mean));
            if (iteration == 0) {
                batch.add(ctx.theta(new double[n])); // the caller's start, to compare the end with
            }
            List<MemberOutcome> outcomes = runner.evaluate(ctx.counted, batch);
            if (iteration == 0) {
                if (outcomes.size() != batch.size()) {
                    throw new IllegalStateException("the ensemble runner returned " + outcomes.size() + " outcomes for "
                            + batch.size() + " members");
                }
                MemberOutcome atStart = outcomes.get(ensembleSize + 1);
                ctx.startCost(atStart.failed() ? Cost.FAILED
                        : Cost.of(atStart.residuals(), new double[n], ctx.priorMean, ctx.priorSpread));
                outcomes = outcomes.subList(0, ensembleSize + 1);
                batch = batch.subList(0, ensembleSize + 1);
            }
            if (outcomes.size() != batch.size()) {
                throw new IllegalStateException("the ensemble runner returned " + outcomes.size() + " outcomes for "
                        + batch.size() + " members");
            }
            for (MemberOutcome o : outcomes) {
                if (!o.failed() && o.residuals().length != m) {
                    throw new IllegalStateException("a member returned " + o.residuals().length + " residuals, the problem declares " + m);
                }
            }
            MemberOutcome meanOutcome = outcomes.get(ensembleSize);
            Cost meanCost = meanOutcome.failed() ? Cost.FAILED
                    : Cost.of(meanOutcome.residuals(), mean, ctx.priorMean, ctx.priorSpread);
            ctx.record(iteration, mean, meanCost);
            String meanNote = (failedMembers > 0 ? "; " + failedMembers + " member runs failed (dropped from their update and"
                    + " redrawn)" : "")
                    + (adaptiveStep ? format("; algorithm time %.6f", time) : "")
                    + (meanOutcome.failed() ? "; the run at the ensemble mean failed: " + meanOutcome.failure() : "");
            if (iteration >= maxIterations) {
                return ctx.finish(mean, meanCost, iteration, StopReason.MAX_ITERATIONS,
                        format("%d ensemble updates done, spread %.3e typical scales%s", iteration, spread(ensemble), meanNote));
            }
            if (adaptiveStep && time >= 1 - 1e-12) {
                return ctx.finish(mean, meanCost, iteration, StopReason.ALGORITHM_TIME,
                        format("the data-misfit controller's steps sum to 1 after %d updates%s", iteration, meanNote));
            }
            double spread = spread(ensemble);
            if (spread <= spreadTolerance) {
                return ctx.finish(mean, meanCost, iteration, StopReason.ENSEMBLE_COLLAPSED,
                        format("ensemble spread %.3e <= %.1e typical scales after %d updates%s", spread, spreadTolerance,
                                iteration, meanNote));
            }
            List<Integer> survivors = new ArrayList<>();
            List<Integer> failed = new ArrayList<>();
            for (int j = 0; j < ensembleSize; j++) {
                (outcomes.get(j).failed() ? failed : survivors).add(j);
            }
            failedMembers += failed.size();
            if (survivors.size() < required) {
                throw new CalibrationFailure(ctx.method + ": only " + survivors.size() + " of " + ensembleSize
                        + " members survived iteration " + iteration + " (at least " + required + " survivors needed); "
                        + failed.size() + " runs failed, the first: " + outcomes.get(failed.get(0)).failure());
            }
            double[][] g = new double[ensembleSize][];
            for (int j : survivors) {
                g[j] = augmented(ctx, priorRows, outcomes.get(j).residuals(), ensemble[j]);
            }
            double step = adaptiveStep ? Math.min(dataMisfitStep(g, survivors, rows), 1 - time) : 1;
            time += step;
            double noiseScale = 1 / Math.sqrt(step);
            double[][] noise = new double[ensembleSize][rows];
            if (perturbObservations) {
                for (int j = 0; j < ensembleSize; j++) {
                    for (int r = 0; r < rows; r++) {
                        noise[j][r] = noiseScale * random.nextGaussian();
                    }
                }
            }
            update(ensemble, g, noise, survivors, step);
            for (int j : survivors) {
                ensemble[j] = ctx.project(ensemble[j]);
            }
            replaceFailed(ctx, ensemble, survivors, failed, random);
        }
    }

    /**
     * The data-misfit controller of Iglesias &amp; Yang (2021), "Adaptive regularisation for ensemble
     * Kalman inversion", Inverse Problems 37(2), 025008: with the members' misfits
     * {@code Φ_j = ½|Γ^{-1/2}(G(θ_j) - y)|²} over M data (here the survivors' whitened, augmented
     * residuals, so Γ = I and y = 0), the step is
     * {@code h_n = max(M / (2 mean Φ), sqrt(M / (2 var Φ)))}, before it is cut to {@code 1 - t_n}
     * (the sample variance, divisor s - 1, as CliMA's EnsembleKalmanProcesses.jl computes it).
     */
    static double dataMisfitStep(double[][] g, List<Integer> survivors, int rows) {
        int s = survivors.size();
        double[] phi = new double[s];
        double mean = 0;
        for (int k = 0; k < s; k++) {
            double[] gj = g[survivors.get(k)];
            phi[k] = 0.5 * Vectors.dot(gj, gj);
            mean += phi[k];
        }
        mean /= s;
        double variance = 0;
        for (double v : phi) {
            variance += (v - mean) * (v - mean);
        }
        variance /= s - 1;
        return Math.max(rows / (2 * mean), Math.sqrt(rows / (2 * variance)));
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static int[] priorRows(FitContext ctx) {
        int count = 0;
        for (int i = 0; i < ctx.parameterCount; i++) {
            if (ctx.hasPrior(i)) {
                count++;
            }
        }
        int[] rows = new int[count];
        for (int i = 0, k = 0; i < ctx.parameterCount; i++) {
            if (ctx.hasPrior(i)) {
                rows[k++] = i;
            }
        }
        return rows;
    }

    private static List<Integer> allMembers(int j) {
        List<Integer> all = new ArrayList<>(j);
        for (int k = 0; k < j; k++) {
            all.add(k);
        }
        return all;
    }

    /** {@code G = [r; (ξ_i - μ_i)/s_i]} in scaled coordinates (the same prior residuals as in θ). */
    private static double[] augmented(FitContext ctx, int[] priorRows, double[] r, double[] xi) {
        double[] g = new double[r.length + priorRows.length];
        System.arraycopy(r, 0, g, 0, r.length);
        for (int k = 0; k < priorRows.length; k++) {
            int i = priorRows[k];
            g[r.length + k] = (xi[i] - ctx.priorMean[i]) / ctx.priorSpread[i];
        }
        return g;
    }

    private static double[] mean(double[][] vectors, List<Integer> members) {
        double[] mean = new double[vectors[members.get(0)].length];
        for (int j : members) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += vectors[j][i];
            }
        }
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= members.size();
        }
        return mean;
    }

    /** The largest standard deviation of the ensemble over parameters (scaled coordinates). */
    private static double spread(double[][] ensemble) {
        double[] mean = mean(ensemble, allMembers(ensemble.length));
        double largest = 0;
        for (int i = 0; i < mean.length; i++) {
            double ss = 0;
            for (double[] member : ensemble) {
                double a = member[i] - mean[i];
                ss += a * a;
            }
            largest = Math.max(largest, Math.sqrt(ss / (ensemble.length - 1)));
        }
        return largest;
    }

    /**
     * The Kalman update of the survivors with step h, in ensemble space:
     * {@code θ_j += C^{θG}(C^{GG} + I/h)⁻¹ (η_j - G_j) = h A (I + h BᵀB)⁻¹ Bᵀ (η_j - G_j)}, η_j ~ N(0, I/h).
     */
    private static void update(double[][] ensemble, double[][] g, double[][] noise, List<Integer> survivors, double step) {
        int s = survivors.size();
        double norm = 1 / Math.sqrt(s - 1);
        double[] thetaMean = mean(ensemble, survivors);
        double[] gMean = mean(g, survivors);
        int n = thetaMean.length;
        int rows = gMean.length;
        double[][] a = new double[s][n];
        double[][] b = new double[s][rows];
        double[][] innovation = new double[s][rows];
        for (int k = 0; k < s; k++) {
            int j = survivors.get(k);
            for (int i = 0; i < n; i++) {
                a[k][i] = (ensemble[j][i] - thetaMean[i]) * norm;
            }
            for (int r = 0; r < rows; r++) {
                b[k][r] = (g[j][r] - gMean[r]) * norm;
                innovation[k][r] = noise[j][r] - g[j][r];
            }
        }
        double[][] c = new double[s][s];
        double[][] bte = new double[s][s];
        for (int p = 0; p < s; p++) {
            for (int q = 0; q < s; q++) {
                c[p][q] = (p == q ? 1 : 0) + step * Vectors.dot(b[p], b[q]);
                bte[p][q] = step * Vectors.dot(b[p], innovation[q]);
            }
        }
        DecompositionSolver solver = new CholeskyDecomposition(MatrixUtils.createRealMatrix(c)).getSolver();
        double[][] x = solver.solve(MatrixUtils.createRealMatrix(bte)).getData();
        for (int q = 0; q < s; q++) {
            int j = survivors.get(q);
            for (int i = 0; i < n; i++) {
                double increment = 0;
                for (int p = 0; p < s; p++) {
                    increment += a[p][i] * x[p][q];
                }
                ensemble[j][i] += increment;
            }
        }
    }

    /** Failed members become {@code θ̄ + A z}: draws with the updated survivors' mean and covariance. */
    private static void replaceFailed(FitContext ctx, double[][] ensemble, List<Integer> survivors, List<Integer> failed,
                                      SplittableRandom random) {
        if (failed.isEmpty()) {
            return;
        }
        int s = survivors.size();
        double norm = 1 / Math.sqrt(s - 1);
        double[] mean = mean(ensemble, survivors);
        for (int j : failed) {
            double[] member = mean.clone();
            for (int k : survivors) {
                double z = random.nextGaussian() * norm;
                for (int i = 0; i < member.length; i++) {
                    member[i] += z * (ensemble[k][i] - mean[i]);
                }
            }
            ensemble[j] = ctx.project(member);
        }
    }
}
