/**
 * Optimizers and uncertainty for calibration, separate from the problems they solve (Hipparchus'
 * style): a {@link org.ferrel.calibration.optim.LeastSquaresProblem} says what to fit (whitened
 * residuals, bounds, Gaussian prior, JVP and VJP), an {@link org.ferrel.calibration.optim.Optimizer}
 * says how, and the answer is an immutable {@link org.ferrel.calibration.optim.FitResult} that
 * carries its cost in runs ({@link org.ferrel.calibration.optim.EvaluationCounts}, counted by a
 * {@link org.ferrel.calibration.optim.CountingProblem}) and its history.
 *
 * <ul>
 *   <li>{@link org.ferrel.calibration.optim.BoundedLbfgs}: L-BFGS-B with adjoint gradients (1 forward + 1 VJP per iteration);</li>
 *   <li>{@link org.ferrel.calibration.optim.HipparchusLeastSquares}: Hipparchus' Levenberg-Marquardt or
 *       Gauss-Newton with a Jacobian from n JVPs (1 forward per trial + n JVPs per accepted point);</li>
 *   <li>{@link org.ferrel.calibration.optim.MatrixFreeGaussNewton}: Gauss-Newton/LM by conjugate gradients
 *       (1 forward + k(1 JVP + 1 VJP) + 1 VJP per iteration), for many parameters;</li>
 *   <li>{@link org.ferrel.calibration.optim.EnsembleKalmanInversion}: derivative-free (J + 1 forward runs
 *       per iteration, in parallel through an {@link org.ferrel.calibration.optim.EnsembleRunner});</li>
 *   <li>{@link org.ferrel.calibration.optim.LaplaceApproximation}: posterior covariance at θ̂ (n JVPs).</li>
 * </ul>
 * All search in scaled coordinates {@code ξ = (θ - θ₀)/typicalScale} ({@link org.ferrel.calibration.optim.Scaling}).
 */
package org.ferrel.calibration.optim;
