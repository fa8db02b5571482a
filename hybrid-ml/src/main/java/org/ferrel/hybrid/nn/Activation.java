package org.ferrel.hybrid.nn;

import java.util.Locale;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;

/**
 * Element-wise activation functions of a layer, written with {@link Ops} so that their derivatives
 * come from the engine. Each knows which initialisation keeps the variance of activations steady
 * through a stack of layers: He (Kaiming) for rectifiers, Glorot (Xavier) for the others.
 */
public enum Activation {
    /** {@code y = x}. */
    IDENTITY,
    /** {@code y = tanh x}. */
    TANH,
    /** {@code y = max(x, 0)}. */
    RELU,
    /** {@code y = 1 / (1 + e^-x)}. */
    SIGMOID,
    /** {@code y = log(1 + e^x)}. */
    SOFTPLUS;

    /** Applies the activation element-wise. */
    public Tensor apply(Ops o, Tensor x) {
        return switch (this) {
            case IDENTITY -> x;
            case TANH -> o.tanh(x);
            case RELU -> o.relu(x);
            case SIGMOID -> o.sigmoid(x);
            case SOFTPLUS -> o.softplus(x);
        };
    }

    /** Whether He initialisation ({@code Var w = 2 / fan_in}) suits it better than Glorot. */
    public boolean rectifying() {
        return this == RELU || this == SOFTPLUS;
    }

    /** The lower-case name used in architecture descriptions. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The activation of a label written by {@link #label()}. */
    public static Activation parse(String label) {
        for (Activation a : values()) {
            if (a.label().equals(label)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + label + "'; expected one of identity, tanh, relu,"
                + " sigmoid, softplus");
    }
}
