package org.ferrel.hybrid.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ferrel.hybrid.nn.Network;

/**
 * Offline (a-priori) training of a network on (input, target) pairs: mini-batches drawn by a
 * seeded shuffle each epoch, any {@link Optimizer}, the mean-squared error in the network's
 * normalised output units.
 *
 * <p>Deterministic: the shuffle depends only on the seed and the epoch, and gradients are summed
 * over fixed chunks in a fixed order ({@link BatchGradient}), so the same seed and data give
 * bitwise-identical weights for any number of threads. A non-finite loss stops training with a
 * {@link NonFiniteLossException} naming the epoch and batch and holding the last good weights.
 *
 * @param optimizer the update method
 * @param epochs    passes over the data
 * @param batchSize samples per update (the last batch of an epoch may be smaller)
 * @param seed      seed of the shuffles
 * @param threads   threads for the gradients
 */
public record OfflineTrainer(Optimizer optimizer, int epochs, int batchSize, long seed, int threads) {
    public OfflineTrainer {
        if (epochs < 1 || batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("offline training needs epochs, batch size and threads >= 1, got "
                    + epochs + ", " + batchSize + ", " + threads);
        }
    }

    /** Trained weights and the loss curve. */
    public record Result(double[][] weights, LossHistory history) {
    }

    /**
     * Trains from {@code initialWeights} (not modified).
     *
     * @throws NonFiniteLossException when a batch loss is not finite
     */
    public Result train(Network network, double[][] initialWeights, Dataset data) {
        double[][] w = new double[initialWeights.length][];
        for (int i = 0; i < w.length; i++) {
            w[i] = initialWeights[i].clone();
        }
        List<LossHistory.Point> points = new ArrayList<>();
        List<LossHistory.EpochPoint> epochPoints = new ArrayList<>();
        Batch all = data.all(network.inputNormalization(), network.outputNormalization());
        long start = System.nanoTime();
        double evaluationSeconds = 0;
        long iteration = 0;
        try (BatchGradient gradient = new BatchGradient(network, threads)) {
            Optimizer.Updater updater = optimizer.start(network, w, gradient);
            for (int epoch = 0; epoch < epochs; epoch++) {
                int[] order = order(seed, epoch, data.size());
                double sum = 0;
                int batches = 0;
                for (int from = 0, b = 0; from < order.length; from += batchSize, b++) {
                    int to = Math.min(order.length, from + batchSize);
                    Batch batch = data.batch(order, from, to, network.inputNormalization(), network.outputNormalization());
                    double loss = updater.update(w, batch);
                    if (!Double.isFinite(loss)) {
                        throw new NonFiniteLossException(epoch, b, loss, w);
                    }
                    iteration++;
                    points.add(new LossHistory.Point(epoch, b, iteration, loss,
                            (System.nanoTime() - start) / 1e9 - evaluationSeconds));
                    sum += loss;
                    batches++;
                }
                long evaluation = System.nanoTime();
                double trainingLoss = gradient.loss(all, w);
                double seconds = (evaluation - start) / 1e9 - evaluationSeconds;
                evaluationSeconds += (System.nanoTime() - evaluation) / 1e9;
                epochPoints.add(new LossHistory.EpochPoint(epoch, sum / batches, trainingLoss, seconds));
            }
        }
        return new Result(w, new LossHistory(points, epochPoints));
    }

    /**
     * The order in which an epoch visits the samples: a Fisher-Yates shuffle of 0..n-1 by a generator
     * that depends only on the seed and the epoch. Batch b of the epoch holds positions
     * {@code [b batchSize, (b + 1) batchSize)} of it.
     */
    public static int[] order(long seed, int epoch, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
