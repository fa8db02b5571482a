package org.ferrel.calibration.hybrid;

import org.ferrel.hybrid.train.NonFiniteLossException;

/**
 * Training met a non-finite loss or gradient: names the stage, epoch and batch; the weights of the
 * last good batch are kept (the update that would have used the bad gradient was not applied).
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient double[][] lastGoodWeights;
    private final int epoch;
    private final int batch;

    public TrainingDivergedException(String stage, int epoch, int batch, double loss, double[][] lastGoodWeights) {
        super(stage + " training stopped: the loss is " + loss + " at epoch " + epoch + ", batch " + batch
                + "; the weights of the last good batch are kept");
        this.lastGoodWeights = lastGoodWeights;
        this.epoch = epoch;
        this.batch = batch;
    }

    /**
     * What {@code ferrel train} reports when hybrid-ml's trainers stop: {@code e}'s epoch and batch,
     * counted from 1 instead of 0, its loss and last good weights.
     */
    public static TrainingDivergedException of(String stage, NonFiniteLossException e) {
        TrainingDivergedException d = new TrainingDivergedException(stage, e.epoch() + 1, e.batch() + 1, e.loss(), e.lastGoodWeights());
        d.initCause(e);
        return d;
    }

    public double[][] lastGoodWeights() {
        return lastGoodWeights;
    }

    public int epoch() {
        return epoch;
    }

    public int batch() {
        return batch;
    }
}
