package org.ferrel.hybrid.online;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.ferrel.hybrid.train.Adam;
import org.ferrel.hybrid.train.NonFiniteLossException;
import org.junit.jupiter.api.Test;

/**
 * Online training: bitwise identical for any thread count, resumable bit for bit from an epoch's
 * progress, stops on NaN. (Resuming through the NetCDF checkpoint of {@code ferrel train} is tested
 * in calibration's {@code TrainingCheckpointTest}.)
 */
class OnlineTrainerTest {
    private static final OnlineTrainer.Listener QUIET = new OnlineTrainer.Listener() {
        @Override
        public void batchDone(int epoch, int batch, int batches, double loss) {
        }

        @Override
        public void epochDone(OnlineTrainer.Progress progress) {
        }
    };

    private static OnlineTrainer trainer(TinyHybrid.Problem p, Trajectories truth, int epochs, int threads) {
        return new OnlineTrainer(p.loss(), p.base(), truth, new OnlineTrainer.Settings(epochs, 4, 2, Adam.withLearningRate(1e-2), 7,
                threads));
    }

    private static OnlineTrainer.Progress fresh(double[][] w) {
        return OnlineTrainer.Progress.start(w);
    }

    private static void assertBitwise(double[][] a, double[][] b) {
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
    }

    @Test
    void weightsAreBitwiseTheSameForAnyThreadCountAndChange() throws IOException {
        TinyHybrid.Problem p = TinyHybrid.problem(0.1);
        Trajectories truth = TinyHybrid.truth();
        OnlineTrainer.Progress one = trainer(p, truth, 2, 1).train(fresh(p.weights()), QUIET);
        OnlineTrainer.Progress three = trainer(p, truth, 2, 3).train(fresh(p.weights()), QUIET);
        assertBitwise(one.weights(), three.weights());
        assertEquals(one.epochLosses(), three.epochLosses());
        assertNotEquals(p.weights()[0][0], one.weights()[0][0], "training moved the weights");
        assertEquals(12, trainer(p, truth, 2, 1).windows().size(), "2 trajectories x starts 0, 2, .., 10 (rollouts span 2 of 13 snapshots)");
    }

    @Test
    void resumingFromAnEpochsProgressGivesTheSameWeights() throws IOException {
        TinyHybrid.Problem p = TinyHybrid.problem(0);
        Trajectories truth = TinyHybrid.truth();
        OnlineTrainer.Progress straight = trainer(p, truth, 3, 2).train(fresh(p.weights()), QUIET);
        List<OnlineTrainer.Progress> saved = new ArrayList<>();
        trainer(p, truth, 1, 2).train(fresh(p.weights()), new OnlineTrainer.Listener() {
            @Override
            public void batchDone(int epoch, int batch, int batches, double loss) {
            }

            @Override
            public void epochDone(OnlineTrainer.Progress progress) {
                saved.add(progress);
            }
        });
        assertEquals(List.of(1), saved.stream().map(OnlineTrainer.Progress::nextEpoch).toList());
        OnlineTrainer.Progress resumed = trainer(p, truth, 3, 2).train(saved.getFirst(), QUIET);
        assertBitwise(straight.weights(), resumed.weights());
        assertEquals(straight.epochLosses(), resumed.epochLosses());
        assertEquals(straight.adam(), resumed.adam(), "Adam's steps and moments bitwise the same");
    }

    @Test
    void aNonFiniteLossStopsTrainingNamingEpochAndBatchAndKeepsTheLastGoodWeights() throws IOException {
        TinyHybrid.Problem p = TinyHybrid.problem(0);
        ArrayTrajectories good = TinyHybrid.truth();
        double[][][][] states = new double[good.trajectoryCount()][good.snapshots()][][];
        for (int c = 0; c < states.length; c++) {
            for (int s = 0; s < states[c].length; s++) {
                double[][] g = good.states()[c][s];
                states[c][s] = new double[][] {g[0].clone(), g[1], g[2]};
                if (s >= 6) {
                    states[c][s][0][5] = Double.NaN;  // windows that reach snapshot 6 see a NaN truth
                }
            }
        }
        Trajectories bad = new ArrayTrajectories(good.shape(), good.stepsPerSnapshot(), states);
        List<double[][]> afterBatches = new ArrayList<>();
        OnlineTrainer t = new OnlineTrainer(p.loss(), p.base(), bad, new OnlineTrainer.Settings(3, 1, 2,
                Adam.withLearningRate(1e-2), 7, 2));
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> t.train(fresh(p.weights()),
                new OnlineTrainer.Listener() {
                    @Override
                    public void batchDone(int epoch, int batch, int batches, double loss) {
                        afterBatches.add(null);
                    }

                    @Override
                    public void epochDone(OnlineTrainer.Progress progress) {
                    }
                }));
        // epoch and batch count from 0 here (calibration's TrainingDivergedException reports them from 1)
        assertTrue(e.getMessage().contains("epoch " + e.epoch() + ", batch " + e.batch()), e.getMessage());
        assertEquals(afterBatches.size(), e.batch(), "the batches before the bad one were applied");
        for (double[] w : e.lastGoodWeights()) {
            for (double x : w) {
                assertTrue(Double.isFinite(x));
            }
        }
    }
}
