package org.ferrel.dycore.model;

import org.ferrel.autodiff.Shape;

/**
 * A free parameter of a model component, declared next to the component so that calibration finds
 * it by name: its units, shape (scalar or a field on the grid), bounds and meaning.
 *
 * @param name        unique dotted name, e.g. {@code "drag.rate"}
 * @param units       physical units, e.g. {@code "1/s"}
 * @param shape       {@link Shape#SCALAR} or the grid's shape for a parameter field
 * @param lower       lowest admissible value
 * @param upper       highest admissible value
 * @param description what it is, with the equation it enters
 * @param prior       what is known of it before calibration ({@link Prior#NONE} when nothing is declared);
 *                    to be fitted, an informative prior's mean must lie within {@code [lower, upper]}
 *                    ({@link #requirePriorWithinBounds})
 */
public record Parameter(String name, String units, Shape shape, double lower, double upper, String description,
                        Prior prior) {
    public Parameter {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("parameter " + name + ": lower bound " + lower + " above upper " + upper);
        }
        java.util.Objects.requireNonNull(prior, "parameter " + name + ": prior (Prior.NONE for none)");
    }

    /**
     * This parameter, checked for calibration: an informative prior's mean must lie within the bounds.
     * (A declaration may carry a prior whose mean is outside, e.g. a term whose prior mean is a scenario's
     * value outside the calibration bounds: the model still runs; fitting the parameter is refused.)
     *
     * @throws IllegalArgumentException naming the parameter, the prior and the bounds
     */
    public Parameter requirePriorWithinBounds() {
        if (prior.isInformative() && !(prior.mean() >= lower && prior.mean() <= upper)) {
            throw new IllegalArgumentException("parameter " + name + ": prior mean " + prior.mean() + " (spread "
                    + prior.spread() + ") is outside its bounds [" + lower + ", " + upper + "]");
        }
        return this;
    }

    /** A parameter without a declared prior. */
    public Parameter(String name, String units, Shape shape, double lower, double upper, String description) {
        this(name, units, shape, lower, upper, description, Prior.NONE);
    }

    /**
     * The same parameter with a Gaussian prior of this mean and standard deviation (in its units).
     *
     * @throws IllegalArgumentException naming the parameter, the prior and the bounds when the spread
     *                                  is not positive or the mean not finite
     */
    public Parameter withPrior(double mean, double spread) {
        return withPrior(priorFor(name, lower, upper, mean, spread));
    }

    /** The same parameter with this prior. */
    public Parameter withPrior(Prior prior) {
        return new Parameter(name, units, shape, lower, upper, description, prior);
    }

    /**
     * A prior of the named parameter, with an error that names the parameter, the prior and the
     * bounds when the spread is not positive or the mean not finite.
     */
    private static Prior priorFor(String name, double lower, double upper, double mean, double spread) {
        try {
            return new Prior(mean, spread);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter " + name + " (bounds [" + lower + ", " + upper + "]): prior mean "
                    + mean + ", spread " + spread + ": " + e.getMessage(), e);
        }
    }

    /** The number of values (1 for a scalar). */
    public int size() {
        return shape.size();
    }

    public static Parameter scalar(String name, String units, double lower, double upper, String description) {
        return new Parameter(name, units, Shape.SCALAR, lower, upper, description);
    }
}
