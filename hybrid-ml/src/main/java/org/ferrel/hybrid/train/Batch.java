package org.ferrel.hybrid.train;

/**
 * A mini-batch of training pairs in the network's normalised units: inputs {@code [sample][in]}
 * and targets {@code [sample][out]}, flattened row-major.
 *
 * @param inputs  normalised inputs, {@code size * inputSize} values
 * @param targets normalised targets, {@code size * outputSize} values
 * @param size    the number of samples
 */
public record Batch(double[] inputs, double[] targets, int size) {
    public Batch {
        if (size < 1 || inputs.length % size != 0 || targets.length % size != 0) {
            throw new IllegalArgumentException("batch of " + size + " samples with " + inputs.length + " input and "
                    + targets.length + " target values");
        }
    }

    public int inputSize() {
        return inputs.length / size;
    }

    public int outputSize() {
        return targets.length / size;
    }

    /** Samples {@code [from, to)} as a batch of their own (copies). */
    public Batch slice(int from, int to) {
        int in = inputSize();
        int out = outputSize();
        double[] x = new double[(to - from) * in];
        double[] y = new double[(to - from) * out];
        System.arraycopy(inputs, from * in, x, 0, x.length);
        System.arraycopy(targets, from * out, y, 0, y.length);
        return new Batch(x, y, to - from);
    }
}
