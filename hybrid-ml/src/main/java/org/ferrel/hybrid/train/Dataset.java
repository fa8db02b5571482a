package org.ferrel.hybrid.train;

import org.ferrel.hybrid.nn.Normalization;

/**
 * Training pairs in physical units: {@code inputs[sample][feature]} and {@code targets[sample][output]},
 * all finite (checked on construction; the arrays are not copied).
 *
 * @param inputs  one row per sample
 * @param targets one row per sample
 */
public record Dataset(double[][] inputs, double[][] targets) {
    public Dataset {
        if (inputs.length != targets.length || inputs.length == 0) {
            throw new IllegalArgumentException("dataset: " + inputs.length + " inputs and " + targets.length
                    + " targets; need the same positive number");
        }
        checkFinite(inputs, "input");
        checkFinite(targets, "target");
    }

    /**
     * A non-finite value in the data is a data error, reported here with its sample and feature, not
     * later as a non-finite training loss (which then means that training itself diverged).
     */
    private static void checkFinite(double[][] rows, String what) {
        for (int b = 0; b < rows.length; b++) {
            for (int k = 0; k < rows[b].length; k++) {
                if (!Double.isFinite(rows[b][k])) {
                    throw new IllegalArgumentException("dataset: sample " + b + ", " + what + " " + k + " is " + rows[b][k]);
                }
            }
        }
    }

    public int size() {
        return inputs.length;
    }

    /**
     * The samples at {@code indices} (positions {@code from} to {@code to}), normalised with the
     * given input and output normalisations ({@link Normalization#normalize(double[], double[], int)}:
     * the same bits as the network's own input normalisation), as one batch.
     */
    public Batch batch(int[] indices, int from, int to, Normalization in, Normalization out) {
        int ni = in.size();
        int no = out.size();
        double[] x = new double[(to - from) * ni];
        double[] y = new double[(to - from) * no];
        for (int b = from; b < to; b++) {
            double[] xi = inputs[indices[b]];
            double[] yi = targets[indices[b]];
            if (xi.length != ni || yi.length != no) {
                throw new IllegalArgumentException("dataset: sample " + indices[b] + " has " + xi.length + " inputs and "
                        + yi.length + " targets, the network takes " + ni + " and gives " + no);
            }
            in.normalize(xi, x, (b - from) * ni);
            out.normalize(yi, y, (b - from) * no);
        }
        return new Batch(x, y, to - from);
    }

    /** All samples in order, normalised. */
    public Batch all(Normalization in, Normalization out) {
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return batch(order, 0, order.length, in, out);
    }
}
