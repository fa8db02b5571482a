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
 */
public record Parameter(String name, String units, Shape shape, double lower, double upper, String description) {
    public Parameter {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("parameter " + name + ": lower bound " + lower + " above upper " + upper);
        }
    }

    public static Parameter scalar(String name, String units, double lower, double upper, String description) {
        return new Parameter(name, units, Shape.SCALAR, lower, upper, description);
    }
}
