package org.ferrel.hybrid.nn;

import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.ferrel.autodiff.check.GradientCheck.assertTaylorRate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Dense layers and networks: their values, and their derivatives by the dot-product and Taylor tests. */
class LayerGradientTest {
    private final Eager o = Eager.serial();

    @ParameterizedTest
    @EnumSource(Activation.class)
    void denseLayerPassesTheGradientChecksWithEveryActivation(Activation activation) {
        Dense layer = new Dense(4, 5, activation);
        Derivatives.Function f = (q, in) -> new Tensor[] {layer.apply(q, in[0], new Tensor[] {in[1], in[2]})};
        Tensor[] args = GradientCheck.random(o, new Shape[] {Shape.of(7, 4), Shape.of(4, 5), Shape.of(5)}, 21);
        assertDotProduct(GradientCheck.dotProduct(o, f, args, 3), 1e-12);
        // rectifiers have kinks: a small largest step keeps pre-activations from crossing zero
        double hMax = activation == Activation.RELU ? 1e-4 : 1e-2;
        assertTaylorRate(GradientCheck.taylor(o, f, args, 5, hMax, 3), 0.1, 3);
    }

    @Test
    void denseLayerComputesActivationOfAffineMap() {
        Dense layer = new Dense(2, 1, Activation.TANH);
        Tensor x = o.constant(new double[] {1, 2, -1, 0.5}, 2, 2);
        Tensor y = layer.apply(o, x, new Tensor[] {o.constant(new double[] {0.3, -0.2}, 2, 1), o.vector(0.1)});
        assertArrayEquals(new double[] {Math.tanh(0.3 - 0.4 + 0.1), Math.tanh(-0.3 - 0.1 + 0.1)}, y.values(), 1e-15);
    }

    @Test
    void initialisationFollowsGlorotOrHeAndIsSeeded() {
        Dense tanh = new Dense(200, 100, Activation.TANH);
        Dense relu = new Dense(200, 100, Activation.RELU);
        double[][] wt = tanh.initialWeights(new SplittableRandom(1));
        double[][] wr = relu.initialWeights(new SplittableRandom(1));
        assertEquals(2.0 / 300, variance(wt[0]), 0.05 * 2.0 / 300);
        assertEquals(2.0 / 200, variance(wr[0]), 0.05 * 2.0 / 200);
        assertArrayEquals(new double[100], wt[1]);
        assertArrayEquals(wt[0], tanh.initialWeights(new SplittableRandom(1))[0]);
    }

    private static double variance(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s / x.length;
    }

    @Test
    void networkWithNormalizationPassesTheGradientChecks() {
        Network net = Network.mlp(3, new int[] {8, 6}, 2, Activation.TANH)
                .withNormalization(new Normalization(new double[] {1, -2, 0.5}, new double[] {2, 0.5, 3}),
                        new Normalization(new double[] {0.1, 5}, new double[] {0.01, 4}));
        List<WeightSpec> specs = net.weightSpecs();
        Shape[] shapes = new Shape[1 + specs.size()];
        shapes[0] = Shape.of(10, 3);
        for (int i = 0; i < specs.size(); i++) {
            shapes[1 + i] = specs.get(i).shape();
        }
        Derivatives.Function f = (q, in) -> {
            Tensor[] w = new Tensor[specs.size()];
            System.arraycopy(in, 1, w, 0, w.length);
            return new Tensor[] {net.apply(q, in[0], w)};
        };
        Tensor[] args = GradientCheck.random(o, shapes, 8);
        assertDotProduct(GradientCheck.dotProduct(o, f, args, 9), 1e-12);
        assertTaylorRate(GradientCheck.taylor(o, f, args, 10, 1e-2, 3), 0.1, 3);
    }

    @Test
    void networkNamesItsWeightsByLayerAndAppliesTheNormalization() {
        Network net = Network.mlp(2, new int[] {3}, 1, Activation.RELU);
        assertEquals(List.of("layer0.kernel", "layer0.bias", "layer1.kernel", "layer1.bias"),
                net.weightSpecs().stream().map(WeightSpec::name).toList());
        assertEquals(Shape.of(2, 3), net.weightSpecs().get(0).shape());
        assertEquals(2 * 3 + 3 + 3 + 1, net.weightCount());
        double[][] w = net.initialWeights(4);
        Network scaled = net.withNormalization(new Normalization(new double[] {1, 1}, new double[] {2, 2}),
                new Normalization(new double[] {10}, new double[] {3}));
        Tensor x = o.constant(new double[] {3, 5}, 1, 2);
        double raw = net.apply(o, o.constant(new double[] {1, 2}, 1, 2), net.tensors(o, w)).item();
        assertEquals(10 + 3 * raw, scaled.apply(o, x, scaled.tensors(o, w)).item(), 1e-12);
    }

    @Test
    void normalizationFitsMeanAndStandardDeviation() {
        Normalization n = Normalization.fit(new double[][] {{1, 7}, {3, 7}, {5, 7}});
        assertArrayEquals(new double[] {3, 7}, n.mean(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), 1}, n.scale(), 1e-15);
        Tensor z = n.normalize(o, o.constant(new double[] {5, 8}, 1, 2));
        assertArrayEquals(new double[] {2 / Math.sqrt(8.0 / 3), 1}, z.values(), 1e-15);
        assertArrayEquals(new double[] {5, 8}, n.denormalize(o, z).values(), 1e-14);
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new double[] {0}, new double[] {0}));
    }

    @Test
    void aConstantFeatureIsOnlyShiftedEvenWhenItsMeanIsNotExact() {
        // 0.1 + 0.1 + 0.1 = 0.30000000000000004: the mean is off by one ulp and the naive standard
        // deviation is about 1e-17, which would amplify any later change of this input by 1e17
        Normalization n = Normalization.fit(new double[][] {{0.1, 1}, {0.1, 2}, {0.1, 3}});
        assertEquals(0.1, n.mean()[0], 0.0);
        assertEquals(1.0, n.scale()[0], 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Normalization.fit(new double[][] {{1, 2}, {Double.NaN, 2}}));
        assertTrue(e.getMessage().contains("sample 1, feature 0"), e.getMessage());
    }
}
