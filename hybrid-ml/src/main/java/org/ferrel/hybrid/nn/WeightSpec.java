package org.ferrel.hybrid.nn;

import java.util.Objects;
import org.ferrel.autodiff.Shape;

/**
 * A named weight array of a layer or network and its shape, e.g. {@code ("layer0.kernel", [3, 16])}.
 *
 * @param name  the weight's name (within a layer: {@code "kernel"}; within a network: {@code "layer0.kernel"})
 * @param shape its shape
 */
public record WeightSpec(String name, Shape shape) {
    public WeightSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
    }

    /** The number of values. */
    public int size() {
        return shape.size();
    }
}
