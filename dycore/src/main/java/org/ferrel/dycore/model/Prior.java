package org.ferrel.dycore.model;

/**
 * A Gaussian prior of a parameter, {@code p ~ N(mean, spread^2)} for every value of it; the prior
 * term of a calibration cost is {@code (p - mean)^2 / (2 spread^2)}. {@link #NONE} declares nothing
 * (an infinite spread: no prior term).
 *
 * @param mean   prior mean, in the parameter's units
 * @param spread prior standard deviation, positive (infinite for none)
 */
public record Prior(double mean, double spread) {
    public static final Prior NONE = new Prior(Double.NaN, Double.POSITIVE_INFINITY);

    public Prior {
        if (!(spread > 0)) {
            throw new IllegalArgumentException("prior spread must be positive, got " + spread);
        }
        if (Double.isFinite(spread) && !Double.isFinite(mean)) {
            throw new IllegalArgumentException("prior mean must be finite, got " + mean);
        }
    }

    public boolean isInformative() {
        return Double.isFinite(spread);
    }
}
