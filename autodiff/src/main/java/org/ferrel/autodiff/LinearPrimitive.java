package org.ferrel.autodiff;


/**
 * A linear operator as an engine primitive: it writes every element of its output, and its reverse
 * rule (the transposed operator) reads neither the inputs' values nor the output's.
 */
public interface LinearPrimitive extends Primitive {
    @Override
    default boolean overwritesOutput() {
        return true;
    }

    @Override
    default boolean vjpReadsInputs() {
        return false;
    }

    @Override
    default boolean vjpReadsOutput() {
        return false;
    }
}
