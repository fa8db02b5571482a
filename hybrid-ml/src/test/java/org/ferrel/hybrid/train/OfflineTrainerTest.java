package org.ferrel.hybrid.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ferrel.hybrid.nn.Activation;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.nn.Normalization;
import org.junit.jupiter.api.Test;

/** Offline training: it fits, it is bitwise reproducible for any thread count, and it stops on NaN. */
class OfflineTrainerTest {

    /** y = (sin x0 + x1^2 / 4, x0 x1) on [-2, 2]^2, inputs in odd units so normalisation matters. */
    static Dataset data(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = 4 * rng.nextDouble() - 2;
            double b = 4 * rng.nextDouble() - 2;
            x[i] = new double[] {1000 + 50 * a, 1e-3 * b};
            y[i] = new double[] {Math.sin(a) + b * b / 4, a * b};
        }
        return new Dataset(x, y);
    }

    static Network network(Dataset d) {
        return Network.mlp(2, new int[] {16, 16}, 2, Activation.TANH)
                .withNormalization(Normalization.fit(d.inputs()), Normalization.fit(d.targets()));
    }

    @Test
    void adamFitsASmoothFunction() {
        Dataset d = data(512, 1);
        Network net = network(d);
        double[][] w0 = net.initialWeights(2);
        OfflineTrainer trainer = new OfflineTrainer(Adam.withLearningRate(1e-2), 40, 64, 3, 1);
        OfflineTrainer.Result r = trainer.train(net, w0, d);
        double initial = new BatchGradient(net, 1).loss(d.all(net.inputNormalization(), net.outputNormalization()), w0);
        assertTrue(r.history().finalLoss() < 0.02 * initial, "loss " + initial + " -> " + r.history().finalLoss());
        assertEquals(40 * 8, r.history().batches().size());
        assertEquals(40, r.history().epochs().size());
        assertTrue(r.history().batches().getLast().seconds() >= r.history().batches().getFirst().seconds());
    }

    @Test
    void weightsAreBitwiseIdenticalForAnyThreadCount() {
        Dataset d = data(300, 4);
        Network net = network(d);
        double[][] w0 = net.initialWeights(5);
        for (Optimizer method : new Optimizer[] {Adam.withLearningRate(1e-2), Kfac.withLearningRate(0.2)}) {
            double[][] one = new OfflineTrainer(method, 3, 200, 6, 1).train(net, w0, d).weights();
            double[][] three = new OfflineTrainer(method, 3, 200, 6, 3).train(net, w0, d).weights();
            for (int i = 0; i < one.length; i++) {
                assertArrayEquals(one[i], three[i], method + ": weight " + i);
            }
            double[][] otherSeed = new OfflineTrainer(method, 3, 200, 7, 1).train(net, w0, d).weights();
            assertFalse(java.util.Arrays.equals(one[0], otherSeed[0]), "the seed must matter");
        }
    }

    @Test
    void aPoisonedSampleStopsTrainingNamingEpochAndBatchWithTheLastGoodWeights() {
        Dataset clean = data(256, 8);
        Network net = network(clean);
        int poisoned = 137;
        double[][] x = clean.inputs().clone();
        x[poisoned] = new double[] {Double.NaN, 0};
        Dataset d = new Dataset(x, clean.targets());
        int batchSize = 32;
        int[] order = OfflineTrainer.order(9, 0, d.size());
        int position = 0;
        while (order[position] != poisoned) {
            position++;
        }
        int expectedBatch = position / batchSize;
        double[][] w0 = net.initialWeights(10);
        OfflineTrainer trainer = new OfflineTrainer(Adam.withLearningRate(1e-2), 5, batchSize, 9, 2);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> trainer.train(net, w0, d));
        assertEquals(0, e.epoch());
        assertEquals(expectedBatch, e.batch());
        assertTrue(e.getMessage().contains("epoch 0, batch " + expectedBatch), e.getMessage());
        // the last good weights are those after the batches before the poisoned one: replay them
        double[][] replay = new double[w0.length][];
        for (int i = 0; i < w0.length; i++) {
            replay[i] = w0[i].clone();
        }
        try (BatchGradient g = new BatchGradient(net, 1)) {
            Optimizer.Updater u = Adam.withLearningRate(1e-2).start(net, replay, g);
            for (int b = 0; b < expectedBatch; b++) {
                u.update(replay, d.batch(order, b * batchSize, (b + 1) * batchSize, net.inputNormalization(),
                        net.outputNormalization()));
            }
        }
        double[][] kept = e.lastGoodWeights();
        for (int i = 0; i < kept.length; i++) {
            assertArrayEquals(replay[i], kept[i], "weight " + i);
        }
    }
}
