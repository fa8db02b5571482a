package org.ferrel.calibration.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrel.hybrid.online.OnlineTrainer;
import org.ferrel.hybrid.train.Adam;
import org.ferrel.io.netcdf.ArrayFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online-training checkpoint of {@code ferrel train}: a run resumed from it ends with bitwise the
 * weights of an uninterrupted one; its version-1 layout is read and written unchanged; other
 * versions and configurations are refused.
 */
class TrainingCheckpointTest {
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
        return OnlineTrainer.Progress.start(w);
    }

    private static void assertBitwise(double[][] a, double[][] b) {
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
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

    /**
     * {@code online-checkpoint-v1.nc} was written by {@code ferrel train} (the tiny configuration of
     * {@code TrainEndToEndTest}) before Adam's moments moved into {@link Adam.Snapshot}: it reads,
     * and writing what was read gives the same bytes.
     */
    @Test
    void aVersionOneCheckpointWrittenBeforeAdamSnapshotsReadsAndWritesBackByteForByte(@TempDir Path dir)
            throws IOException, URISyntaxException {
        Path old = Path.of(TrainingCheckpointTest.class.getResource("/hybrid/online-checkpoint-v1.nc").toURI());
        String digest = ArrayFile.read(old).attribute("config_digest");
        OnlineTrainer.Progress p = TrainingCheckpoint.read(old, digest);
        assertEquals(1, p.nextEpoch());
        assertEquals(3, p.adam().steps(), "12 windows in batches of 4");
        assertEquals(4, p.weights().length);
        assertEquals(1, p.epochLosses().size());
        for (int i = 0; i < p.weights().length; i++) {
            assertEquals(p.weights()[i].length, p.adam().firstMoments()[i].length);
        }
        Path again = dir.resolve("again.nc");
        TrainingCheckpoint.write(again, p, digest);
        assertArrayEquals(Files.readAllBytes(old), Files.readAllBytes(again));
    }

    @Test
    void anotherVersionIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("online-checkpoint.nc");
        double[][] w = {{1, 2}};
        TrainingCheckpoint.write(file, new OnlineTrainer.Progress(1, w, Adam.Snapshot.start(w), List.of(0.5), List.of(1.0)), "digest");
        ArrayFile.Content c = ArrayFile.read(file);
        Map<String, String> attributes = new LinkedHashMap<>(c.attributes());
        attributes.put("ferrel_checkpoint_version", "2");
        ArrayFile.write(file, new ArrayFile.Content(attributes, c.variables()));
        IOException e = assertThrows(IOException.class, () -> TrainingCheckpoint.read(file, "digest"));
        assertTrue(e.getMessage().contains("not a Ferrel online-training checkpoint of version 1"), e.getMessage());
    }
}
