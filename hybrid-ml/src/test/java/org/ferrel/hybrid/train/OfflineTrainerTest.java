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
    void trainingBatchesHoldTheInputsAsTheNetworkNormalisesThem() {
        Dataset d = data(50, 2);
        Network net = network(d);
        org.ferrel.autodiff.Eager e = org.ferrel.autodiff.Eager.serial();
        double[] flat = new double[50 * 2];
        for (int i = 0; i < 50; i++) {
            System.arraycopy(d.inputs()[i], 0, flat, 2 * i, 2);
        }
        double[] byNetwork = net.inputNormalization().normalize(e, e.constant(org.ferrel.autodiff.Shape.of(50, 2), flat))
                .values();
        assertArrayEquals(byNetwork, d.all(net.inputNormalization(), net.outputNormalization()).inputs(), 0.0);
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
    void aNonFiniteValueInTheDataIsRejectedNamingTheSample() {
        Dataset clean = data(256, 8);
        double[][] x = clean.inputs().clone();
        x[137] = new double[] {1000, Double.NaN};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dataset(x, clean.targets()));
        assertTrue(e.getMessage().contains("sample 137, input 1 is NaN"), e.getMessage());
        double[][] y = clean.targets().clone();
        y[3] = new double[] {Double.POSITIVE_INFINITY, 0};
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> new Dataset(clean.inputs(), y));
        assertTrue(t.getMessage().contains("sample 3, target 0 is Infinity"), t.getMessage());
    }

    @Test
    void aDivergingRunStopsNamingEpochAndBatchWithTheLastGoodWeights() {
        Dataset d = data(256, 8);
        Network net = network(d);
        int batchSize = 32;
        double[][] w0 = net.initialWeights(10);
        // a learning rate far too large: the weights grow by about 1e100 per step until the loss overflows
        Optimizer diverging = new GradientDescent(1e100);
        OfflineTrainer trainer = new OfflineTrainer(diverging, 5, batchSize, 9, 2);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> trainer.train(net, w0, d));
        assertEquals(0, e.epoch());
        assertTrue(e.batch() >= 1, "diverged at batch " + e.batch() + ": the test needs good updates before it");
        assertFalse(Double.isFinite(e.loss()));
        assertTrue(e.getMessage().contains("epoch 0, batch " + e.batch()), e.getMessage());
        // the last good weights are those after the batches before the failing one: replay them
        int[] order = OfflineTrainer.order(9, 0, d.size());
        double[][] replay = new double[w0.length][];
        for (int i = 0; i < w0.length; i++) {
            replay[i] = w0[i].clone();
        }
        try (BatchGradient g = new BatchGradient(net, 1)) {
            Optimizer.Updater u = diverging.start(net, replay, g);
            for (int b = 0; b < e.batch(); b++) {
                double loss = u.update(replay, d.batch(order, b * batchSize, (b + 1) * batchSize, net.inputNormalization(),
                        net.outputNormalization()));
                assertTrue(Double.isFinite(loss), "batch " + b + " loss " + loss);
            }
        }
        double[][] kept = e.lastGoodWeights();
        for (int i = 0; i < kept.length; i++) {
            assertArrayEquals(replay[i], kept[i], "weight " + i);
            for (double v : kept[i]) {
                assertTrue(Double.isFinite(v), "last good weight " + i + " is " + v);
            }
        }
    }

    @Test
    void aSingleSampleAndABatchSizeThatDoesNotDivideTheDataAreHandled() {
        Dataset one = data(1, 3);
        Network net = network(one);
        assertArrayEquals(new double[] {1, 1}, net.inputNormalization().scale(), "one sample: no spread, scale 1");
        OfflineTrainer.Result r = new OfflineTrainer(Adam.withLearningRate(1e-2), 3, 8, 1, 1).train(net,
                net.initialWeights(2), one);
        assertEquals(3, r.history().batches().size());
        Dataset d = data(100, 4);
        Network n2 = network(d);
        OfflineTrainer.Result r2 = new OfflineTrainer(Adam.withLearningRate(1e-2), 2, 30, 1, 1).train(n2,
                n2.initialWeights(2), d);
        // 30 + 30 + 30 + 10 per epoch: every sample once
        assertEquals(8, r2.history().batches().size());
        assertEquals(3, r2.history().batches().get(3).batch());
    }
}
