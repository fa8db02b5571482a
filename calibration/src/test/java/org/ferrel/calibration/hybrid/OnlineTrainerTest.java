package org.ferrel.calibration.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ferrel.hybrid.train.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Online training: bitwise identical for any thread count, resumable bit for bit, stops on NaN. */
class OnlineTrainerTest {
    private static final OnlineTrainer.Listener QUIET = new OnlineTrainer.Listener() {
        @Override
        public void batchDone(int epoch, int batch, int batches, double loss) {
        }

        @Override
        public void epochDone(OnlineTrainer.Progress progress) {
        }
    };

    private static OnlineTrainer trainer(TinyHybrid.Problem p, TruthData truth, int epochs, int threads) {
        return new OnlineTrainer(p.loss(), p.base(), truth, new OnlineTrainer.Settings(epochs, 4, 2, Adam.withLearningRate(1e-2), 7,
                threads));
    }

    private static OnlineTrainer.Progress fresh(double[][] w) {
        return new OnlineTrainer.Progress(0, w, AdamMoments.start(w), List.of(), List.of());
    }

    private static void assertBitwise(double[][] a, double[][] b) {
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
    }

    @Test
    void weightsAreBitwiseTheSameForAnyThreadCountAndChange() throws IOException {
        TinyHybrid.Problem p = TinyHybrid.problem(0.1);
        TruthData truth = TinyHybrid.truth();
        OnlineTrainer.Progress one = trainer(p, truth, 2, 1).train(fresh(p.weights()), QUIET);
        OnlineTrainer.Progress three = trainer(p, truth, 2, 3).train(fresh(p.weights()), QUIET);
        assertBitwise(one.weights(), three.weights());
        assertEquals(one.epochLosses(), three.epochLosses());
        assertNotEquals(p.weights()[0][0], one.weights()[0][0], "training moved the weights");
        assertEquals(12, trainer(p, truth, 2, 1).windows().size(), "2 trajectories x starts 0, 2, .., 10 (rollouts span 2 of 13 snapshots)");
    }

    @Test
    void resumingFromAnEpochCheckpointGivesTheSameWeights(@TempDir Path dir) throws IOException {
        TinyHybrid.Problem p = TinyHybrid.problem(0);
        TruthData truth = TinyHybrid.truth();
        OnlineTrainer.Progress straight = trainer(p, truth, 3, 2).train(fresh(p.weights()), QUIET);
        Path file = dir.resolve("online-checkpoint.nc");
        List<Integer> saved = new ArrayList<>();
        trainer(p, truth, 1, 2).train(fresh(p.weights()), new OnlineTrainer.Listener() {
            @Override
            public void batchDone(int epoch, int batch, int batches, double loss) {
            }

            @Override
            public void epochDone(OnlineTrainer.Progress progress) throws IOException {
                TrainingCheckpoint.write(file, progress, "digest");
                saved.add(progress.nextEpoch());
            }
        });
        assertEquals(List.of(1), saved);
        OnlineTrainer.Progress resumed = trainer(p, truth, 3, 2).train(TrainingCheckpoint.read(file, "digest"), QUIET);
        assertBitwise(straight.weights(), resumed.weights());
        assertEquals(straight.epochLosses(), resumed.epochLosses());
        IOException e = assertThrows(IOException.class, () -> TrainingCheckpoint.read(file, "another"));
        assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
    }

    @Test
    void aNonFiniteLossStopsTrainingNamingEpochAndBatchAndKeepsTheLastGoodWeights() throws IOException {
        TinyHybrid.Problem p = TinyHybrid.problem(0);
        TruthData good = TinyHybrid.truth();
        List<TruthData.Trajectory> trajectories = new ArrayList<>();
        for (TruthData.Trajectory t : good.trajectories()) {
            double[][][] states = new double[t.snapshots()][][];
            for (int s = 0; s < states.length; s++) {
                states[s] = new double[][] {t.states()[s][0].clone(), t.states()[s][1], t.states()[s][2]};
                if (s >= 6) {
                    states[s][0][5] = Double.NaN;  // windows that reach snapshot 6 see a NaN truth
                }
            }
            trajectories.add(new TruthData.Trajectory(t.seed(), states, t.targets()));
        }
        TruthData bad = new TruthData(good.grid(), good.timeStep(), good.stepsPerSnapshot(), trajectories);
        List<double[][]> afterBatches = new ArrayList<>();
        OnlineTrainer t = new OnlineTrainer(p.loss(), p.base(), bad, new OnlineTrainer.Settings(3, 1, 2,
                Adam.withLearningRate(1e-2), 7, 2));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.train(fresh(p.weights()),
                new OnlineTrainer.Listener() {
                    @Override
                    public void batchDone(int epoch, int batch, int batches, double loss) {
                        afterBatches.add(null);
                    }

                    @Override
                    public void epochDone(OnlineTrainer.Progress progress) {
                    }
                }));
        assertTrue(e.getMessage().contains("epoch " + e.epoch() + ", batch " + e.batch()), e.getMessage());
        assertEquals(afterBatches.size(), e.batch() - 1, "the batches before the bad one were applied");
        for (double[] w : e.lastGoodWeights()) {
            for (double x : w) {
                assertTrue(Double.isFinite(x));
            }
        }
    }
}
