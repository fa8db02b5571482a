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
 * @param prior       what is known of it before calibration ({@link Prior#NONE} when nothing is declared)
 */
public record Parameter(String name, String units, Shape shape, double lower, double upper, String description,
                        Prior prior) {
    public Parameter {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("parameter " + name + ": lower bound " + lower + " above upper " + upper);
        }
    }

    /** A parameter without a declared prior. */
    public Parameter(String name, String units, Shape shape, double lower, double upper, String description) {
        this(name, units, shape, lower, upper, description, Prior.NONE);
    }

    /** The same parameter with a Gaussian prior of this mean and standard deviation (in its units). */
    public Parameter withPrior(double mean, double spread) {
        return new Parameter(name, units, shape, lower, upper, description, new Prior(mean, spread));
    }

    /** The number of values (1 for a scalar). */
    public int size() {
        return shape.size();
    }

    public static Parameter scalar(String name, String units, double lower, double upper, String description) {
        return new Parameter(name, units, Shape.SCALAR, lower, upper, description);
    }
}
