package org.ferrel.hybrid.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ferrel.autodiff.Shape;
import org.junit.jupiter.api.Test;

/** The architecture's text form and the check of stored weights against it. */
class ArchitectureTest {
    private final Network net = Network.mlp(3, new int[] {16, 8}, 2, Activation.SOFTPLUS)
            .withNormalization(new Normalization(new double[] {0.1, 1.0 / 3, -7e-12}, new double[] {1, 2e5, Math.PI}),
                    new Normalization(new double[] {0, 1}, new double[] {1e-4, 3}));

    @Test
    void describeAndParseRoundTripExactly() {
        Architecture a = net.architecture();
        String text = a.describe();
        assertTrue(text.startsWith("ferrel-network 1\n"), text);
        assertTrue(text.contains("layer1 dense 16 8 softplus\n"), text);
        assertTrue(text.contains("layer2 dense 8 2 identity\n"), text);
        Architecture back = Architecture.parse(text);
        assertEquals(a, back);
        assertEquals(net.weightSpecs(), back.build().weightSpecs());
        assertEquals(text, back.describe());
    }

    @Test
    void parseRejectsOtherVersionsAndMalformedLines() {
        String text = net.architecture().describe();
        IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
                () -> Architecture.parse(text.replace("ferrel-network 1", "ferrel-network 2")));
        assertTrue(version.getMessage().contains("version 2"), version.getMessage());
        IllegalArgumentException layer = assertThrows(IllegalArgumentException.class,
                () -> Architecture.parse(text.replace("layer1 dense 16 8 softplus", "layer1 dense 16 8 swish")));
        assertTrue(layer.getMessage().contains("swish"), layer.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Architecture.parse(text.replace("layer1 dense", "layer7 dense")));
    }

    @Test
    void checkCompatibleNamesTheLayerAndBothShapes() {
        List<String> names = net.weightSpecs().stream().map(WeightSpec::name).toList();
        List<Shape> shapes = net.weightSpecs().stream().map(WeightSpec::shape).toList();
        net.checkCompatible(names, shapes);
        net.checkCompatible(names.reversed(), shapes.reversed());

        Network other = Network.mlp(3, new int[] {16, 4}, 2, Activation.SOFTPLUS);
        List<Shape> otherShapes = other.weightSpecs().stream().map(WeightSpec::shape).toList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.checkCompatible(names, otherShapes));
        assertTrue(e.getMessage().contains("layer1.kernel"), e.getMessage());
        assertTrue(e.getMessage().contains("[16, 8]") && e.getMessage().contains("[16, 4]"), e.getMessage());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> net.checkCompatible(names.subList(0, 5), shapes.subList(0, 5)));
        assertTrue(missing.getMessage().contains("layer2.bias"), missing.getMessage());
    }
}
