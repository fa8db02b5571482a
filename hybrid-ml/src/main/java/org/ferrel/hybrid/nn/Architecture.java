package org.ferrel.hybrid.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The complete, serialisable description of a {@link Network}: a format version, the layers in
 * order and the input and output normalisations. Its text form ({@link #describe()}) is stable and
 * line-based, so weight files store it as an attribute:
 * <pre>
 *   ferrel-network 1
 *   input.mean 0.0 0.0 0.0
 *   input.scale 1.0 1.0 1.0
 *   layer0 dense 3 16 tanh
 *   layer1 dense 16 2 identity
 *   output.mean 0.0 0.0
 *   output.scale 1.0 1.0
 * </pre>
 * Numbers are written with {@link Double#toString}, which reads back to the same bits.
 *
 * @param version the format version ({@link #VERSION} when written by this code)
 * @param layers  the layers in order
 * @param input   input normalisation
 * @param output  output normalisation
 */
public record Architecture(int version, List<LayerSpec> layers, Normalization input, Normalization output) {
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    private static final String MAGIC = "ferrel-network";

    public Architecture {
        if (version != VERSION) {
            throw new IllegalArgumentException("network architecture format version " + version + " is not supported;"
                    + " this Ferrel reads version " + VERSION);
        }
        layers = List.copyOf(layers);
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
    }

    /** The network this describes. */
    public Network build() {
        return new Network(layers.stream().map(LayerSpec::build).toList(), input, output);
    }

    /** The stable text form (see the class comment). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(MAGIC).append(' ').append(version).append('\n');
        vector(sb, "input.mean", input.mean());
        vector(sb, "input.scale", input.scale());
        for (int i = 0; i < layers.size(); i++) {
            sb.append(Network.layerName(i)).append(' ').append(layers.get(i).describe()).append('\n');
        }
        vector(sb, "output.mean", output.mean());
        vector(sb, "output.scale", output.scale());
        return sb.toString();
    }

    private static void vector(StringBuilder sb, String key, double[] values) {
        sb.append(key);
        for (double v : values) {
            sb.append(' ').append(v);
        }
        sb.append('\n');
    }

    /**
     * Reads the text form written by {@link #describe()}.
     *
     * @throws IllegalArgumentException naming the line that is malformed, or the version that is unsupported
     */
    public static Architecture parse(String text) {
        String[] lines = text.strip().split("\\R");
        String[] head = lines[0].trim().split("\\s+");
        if (head.length != 2 || !head[0].equals(MAGIC)) {
            throw new IllegalArgumentException("network architecture: first line '" + lines[0] + "' should be '" + MAGIC
                    + " <version>'");
        }
        int version = integer(head[1], lines[0]);
        if (version != VERSION) {
            throw new IllegalArgumentException("network architecture format version " + version
                    + " is not supported; this Ferrel reads version " + VERSION);
        }
        double[] inMean = null;
        double[] inScale = null;
        double[] outMean = null;
        double[] outScale = null;
        List<LayerSpec> layers = new ArrayList<>();
        for (int n = 1; n < lines.length; n++) {
            String line = lines[n].trim();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String rest = space < 0 ? "" : line.substring(space + 1);
            switch (key) {
                case "input.mean" -> inMean = doubles(rest, line);
                case "input.scale" -> inScale = doubles(rest, line);
                case "output.mean" -> outMean = doubles(rest, line);
                case "output.scale" -> outScale = doubles(rest, line);
                default -> {
                    if (!key.equals(Network.layerName(layers.size()))) {
                        throw new IllegalArgumentException("network architecture: line " + (n + 1) + " '" + line
                                + "': expected " + Network.layerName(layers.size()) + " or a normalization vector");
                    }
                    layers.add(LayerSpec.parse(rest));
                }
            }
        }
        if (layers.isEmpty() || inMean == null || inScale == null || outMean == null || outScale == null) {
            throw new IllegalArgumentException("network architecture: needs at least one layer and input.mean, input.scale,"
                    + " output.mean, output.scale");
        }
        return new Architecture(version, layers, new Normalization(inMean, inScale), new Normalization(outMean, outScale));
    }

    private static int integer(String token, String line) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("network architecture: '" + token + "' in '" + line + "' is not an integer", e);
        }
    }

    private static double[] doubles(String rest, String line) {
        String[] t = rest.trim().split("\\s+");
        double[] v = new double[t.length];
        try {
            for (int i = 0; i < t.length; i++) {
                v[i] = Double.parseDouble(t[i]);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("network architecture: line '" + line + "' holds a value that is not a number", e);
        }
        return v;
    }
}
