package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;

/** A primitive of one operand whose output has the operand's shape (element-wise functions, rolls). */
interface ShapePreserving extends Primitive {
    @Override
    default Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 1);
        return inputs[0];
    }
}
