package org.ferrel.calibration.optim;

import java.util.List;

/**
 * The Gauss-Newton Hessian {@code JᵀJ + P⁻¹} is singular at θ̂: some parameter (or combination)
 * is determined neither by the observations nor by a prior, so its posterior spread is unbounded.
 * {@link #parameterName()} names the parameter that dominates the undetermined direction; the
 * message gives the whole combination.
 */
public final class UndeterminedParameterException extends CalibrationFailure {
    private final String parameterName;
    private final List<String> involved;

    public UndeterminedParameterException(String message, String parameterName, List<String> involved) {
        super(message);
        this.parameterName = parameterName;
        this.involved = List.copyOf(involved);
    }

    /** The parameter with the largest share of the undetermined direction. */
    public String parameterName() {
        return parameterName;
    }

    /** All parameters with a noticeable share (≥ 10 % of the largest) of the undetermined direction. */
    public List<String> involvedParameters() {
        return involved;
    }
}
