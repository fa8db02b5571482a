package org.ferrel.hybrid.train;

import java.util.List;

/**
 * The loss curve of a training run: one point per mini-batch update, with the wall time since the
 * run began, and one validation point per epoch.
 *
 * @param batches per-update points
 * @param epochs  per-epoch points: the mean batch loss and the loss on the whole training set
 */
public record LossHistory(List<Point> batches, List<EpochPoint> epochs) {
    public LossHistory {
        batches = List.copyOf(batches);
        epochs = List.copyOf(epochs);
    }

    /**
     * One update.
     *
     * @param epoch     epoch, from 0
     * @param batch     batch within the epoch, from 0
     * @param iteration updates so far, from 1
     * @param loss      batch loss before the update
     * @param seconds   wall time since training began, after the update
     */
    public record Point(int epoch, int batch, long iteration, double loss, double seconds) {
    }

    /**
     * One epoch.
     *
     * @param epoch        epoch, from 0
     * @param meanLoss     mean of the epoch's batch losses
     * @param trainingLoss loss on the whole training set after the epoch
     * @param seconds      wall time since training began, after the epoch (excluding this evaluation)
     */
    public record EpochPoint(int epoch, double meanLoss, double trainingLoss, double seconds) {
    }

    /** The loss on the whole training set after the last epoch. */
    public double finalLoss() {
        return epochs.getLast().trainingLoss();
    }
}
