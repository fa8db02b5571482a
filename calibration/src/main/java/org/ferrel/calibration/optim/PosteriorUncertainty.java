package org.ferrel.calibration.optim;

import java.util.List;

/**
 * A Gaussian (Laplace) approximation of the posterior at θ̂, in physical units: the covariance
 * {@code Σ = (JᵀJ + P⁻¹)⁻¹}, its standard deviations {@code σ_i = √Σ_ii} and correlations
 * {@code Σ_ij / (σ_i σ_j)}.
 *
 * @param parameterNames     in order
 * @param theta              θ̂ where it was computed, physical units
 * @param standardDeviations σ_i, in each parameter's units
 * @param covariance         Σ, units of θ_i θ_j
 * @param correlation        dimensionless, 1 on the diagonal
 * @param counts             the runs it used (n JVPs)
 */
public record PosteriorUncertainty(List<String> parameterNames, double[] theta, double[] standardDeviations,
                                   double[][] covariance, double[][] correlation, EvaluationCounts counts) {
    public PosteriorUncertainty {
        parameterNames = List.copyOf(parameterNames);
        theta = theta.clone();
        standardDeviations = standardDeviations.clone();
        covariance = deepCopy(covariance);
        correlation = deepCopy(correlation);
    }

    @Override
    public double[] theta() {
        return theta.clone();
    }

    @Override
    public double[] standardDeviations() {
        return standardDeviations.clone();
    }

    @Override
    public double[][] covariance() {
        return deepCopy(covariance);
    }

    @Override
    public double[][] correlation() {
        return deepCopy(correlation);
    }

    /** σ of the named parameter. */
    public double standardDeviation(String parameterName) {
        int i = parameterNames.indexOf(parameterName);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter '" + parameterName + "' in " + parameterNames);
        }
        return standardDeviations[i];
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
