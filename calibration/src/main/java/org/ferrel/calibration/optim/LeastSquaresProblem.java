package org.ferrel.calibration.optim;

/**
 * What an optimizer needs of a calibration: a vector of free parameters θ (physical units) with
 * bounds and a Gaussian prior, and whitened residuals {@code r(θ) = R^{-1/2} (H(m(θ)) - y)} of
 * the model's observation-space output against the observations, with their derivatives.
 * The cost is
 * <pre>
 *   J(θ) = ½ |r(θ)|² + ½ Σ_i ((θ_i - μ_i) / s_i)²
 * </pre>
 * (prior terms only where {@code s_i} is finite). Each method may run the model: {@link #residuals}
 * is one forward run, {@link #jvp} a forward-mode (tangent) run, {@link #vjp} an adjoint run.
 * Implementations are the problems (a shallow-water run, the energy balance model, a test
 * function); optimizers never see a model.
 */
public interface LeastSquaresProblem {

    /** Names of the parameters, in order (for reports and errors). */
    java.util.List<String> parameterNames();

    default int parameterCount() {
        return parameterNames().size();
    }

    /** Number of residuals (observations). */
    int residualCount();

    /** Lowest admissible values; -infinity where unbounded. */
    double[] lower();

    /** Highest admissible values; +infinity where unbounded. */
    double[] upper();

    /** Prior means μ (NaN where there is no prior). */
    double[] priorMean();

    /** Prior standard deviations s (+infinity where there is no prior). */
    double[] priorSpread();

    /** A typical size of each parameter's variation, used to scale the search (e.g. the prior spread). */
    double[] typicalScale();

    /**
     * The whitened residuals at θ. A run that fails (blows up, NaN) returns an array containing NaN
     * (or throws {@link ModelFailure}); optimizers treat that as an infinite cost.
     */
    double[] residuals(double[] theta);

    /**
     * Told of residuals computed elsewhere for θ (an ensemble member run on a cluster executor by an
     * {@link EnsembleRunner}), so that wrappers that watch the runs (counting, checkpointing) see them
     * as if made here. Does nothing by default.
     */
    default void ranElsewhere(double[] theta, double[] residuals) {
    }

    /** {@code J(θ) v}, J = ∂r/∂θ (a tangent-linear run). */
    double[] jvp(double[] theta, double[] v);

    /** {@code J(θ)ᵀ w} (an adjoint run). */
    double[] vjp(double[] theta, double[] w);

    /** A model run that failed (blew up, produced NaN): an infinite cost for the optimizer. */
    final class ModelFailure extends RuntimeException {
        public ModelFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
