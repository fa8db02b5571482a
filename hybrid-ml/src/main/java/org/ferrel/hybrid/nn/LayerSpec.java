package org.ferrel.hybrid.nn;

import java.util.Objects;

/**
 * The serialisable description of one layer in an {@link Architecture}: its kind, sizes and
 * activation. Written as one line {@code <kind> <in> <out> <activation>}, e.g. {@code dense 3 16 tanh}.
 *
 * @param kind       the layer kind; {@code "dense"} is the only one so far
 * @param inputSize  input features
 * @param outputSize output features
 * @param activation the activation applied to the layer's output
 */
public record LayerSpec(String kind, int inputSize, int outputSize, Activation activation) {
    public static final String DENSE = "dense";

    public LayerSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(activation, "activation");
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException(kind + " layer: sizes must be positive, got " + inputSize + " -> " + outputSize);
        }
    }

    /** The layer this describes. */
    public Layer build() {
        if (kind.equals(DENSE)) {
            return new Dense(inputSize, outputSize, activation);
        }
        throw new IllegalArgumentException("unknown layer kind '" + kind + "'; known kinds: " + DENSE);
    }

    /** The one-line text form. */
    public String describe() {
        return kind + " " + inputSize + " " + outputSize + " " + activation.label();
    }

    /** The inverse of {@link #describe()}. */
    public static LayerSpec parse(String line) {
        String[] t = line.trim().split("\\s+");
        if (t.length != 4) {
            throw new IllegalArgumentException("layer line '" + line + "': expected '<kind> <in> <out> <activation>'");
        }
        try {
            return new LayerSpec(t[0], Integer.parseInt(t[1]), Integer.parseInt(t[2]), Activation.parse(t[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer line '" + line + "': sizes must be integers", e);
        }
    }
}
