package org.ferrel.calibration.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.ferrel.hybrid.nn.Activation;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.param.FeatureSet;
import org.ferrel.io.netcdf.ArrayFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFileTest {
    @Test
    void weightsRoundTripBitwiseWithArchitectureAndProvenance(@TempDir Path dir) throws IOException {
        Network n = TinyHybrid.network();
        double[][] w = n.initialWeights(3);
        Path file = dir.resolve("w.nc");
        WeightsFile.write(file, new WeightsFile.Weights(n, FeatureSet.POINTWISE, w, Map.of("training_stage", "online", "epochs", "4")));
        WeightsFile.Weights back = WeightsFile.read(file);
        assertEquals(n.architecture(), back.network().architecture());
        assertEquals(FeatureSet.POINTWISE, back.features());
        for (int i = 0; i < w.length; i++) {
            assertArrayEquals(w[i], back.weights()[i], 0.0);
        }
        assertEquals("online", back.provenance().get("training_stage"));
        ArrayFile.Content raw = ArrayFile.read(file);
        assertEquals("ferrel-weights", raw.attribute("format"));
        assertEquals("layer0.kernel", raw.variables().getFirst().name());
    }

    @Test
    void weightsOfAnotherArchitectureAreRejectedNamingTheLayerAndBothShapes(@TempDir Path dir) throws IOException {
        Network stored = Network.mlp(3, new int[] {6}, 3, Activation.TANH);
        Path file = dir.resolve("w.nc");
        WeightsFile.write(file, new WeightsFile.Weights(stored, FeatureSet.POINTWISE, stored.initialWeights(1), Map.of()));
        Network expected = Network.mlp(3, new int[] {8}, 3, Activation.TANH);
        IOException e = assertThrows(IOException.class, () -> WeightsFile.readInto(file, expected));
        assertTrue(e.getMessage().contains("layer0"), e.getMessage());
        assertTrue(e.getMessage().contains("[3, 8]") && e.getMessage().contains("[3, 6]"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void otherFilesAndVersionsAreRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.nc");
        ArrayFile.write(file, new ArrayFile.Content(Map.of("format", "ferrel-weights", "format_version", "9"), java.util.List.of()));
        IOException e = assertThrows(IOException.class, () -> WeightsFile.read(file));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }
}
