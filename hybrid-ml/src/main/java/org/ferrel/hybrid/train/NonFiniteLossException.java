package org.ferrel.hybrid.train;

/**
 * Training met a loss (or gradient) that is not finite. Names the epoch and batch where it
 * happened and carries the last good weights: those the failing batch was evaluated at, before any
 * update from it.
 */
public final class NonFiniteLossException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;
    private final double loss;
    private final transient double[][] lastGoodWeights;

    public NonFiniteLossException(int epoch, int batch, double loss, double[][] lastGoodWeights) {
        super("training stopped: loss " + loss + " (or its gradient) is not finite in epoch " + epoch + ", batch " + batch
                + "; the last good weights are kept");
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
        this.lastGoodWeights = copy(lastGoodWeights);
    }

    /** The epoch, counted from 0. */
    public int epoch() {
        return epoch;
    }

    /** The batch within the epoch, counted from 0. */
    public int batch() {
        return batch;
    }

    public double loss() {
        return loss;
    }

    /** The weights before the failing batch (copies). */
    public double[][] lastGoodWeights() {
        return copy(lastGoodWeights);
    }

    private static double[][] copy(double[][] w) {
        double[][] c = new double[w.length][];
        for (int i = 0; i < w.length; i++) {
            c[i] = w[i].clone();
        }
        return c;
    }
}
