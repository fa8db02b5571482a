package org.ferrel.hybrid.param;

import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.ferrel.autodiff.check.GradientCheck.assertTaylorRate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.PlaneGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.hybrid.nn.Activation;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.nn.Normalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The neural tendency term: its place in a model, its layout on the C-grid, and its derivatives. */
class NeuralTendencyTest {
    private final Eager o = Eager.serial();
    private final PlaneGrid grid = new PlaneGrid(8, 6, 8e5, 6e5, 1e-4);
    private final CGridOperators ops = new CGridOperators(grid);

    private static Network network(FeatureSet features) {
        return Network.mlp(features.count(), new int[] {6}, 3, Activation.TANH)
                .withNormalization(new Normalization(repeat(new double[] {1000, 0, 0}, features.count() / 3),
                                repeat(new double[] {50, 5, 5}, features.count() / 3)),
                        new Normalization(new double[] {0, 0, 0}, new double[] {1e-3, 1e-5, 1e-5}));
    }

    private static double[] repeat(double[] v, int times) {
        double[] r = new double[v.length * times];
        for (int k = 0; k < times; k++) {
            System.arraycopy(v, 0, r, k * v.length, v.length);
        }
        return r;
    }

    private State state(long seed) {
        Tensor[] r = GradientCheck.random(o, new Shape[] {grid.shape(), grid.shape(), grid.shape()}, seed);
        return new State(o.add(o.mul(r[0], 50), 1000), o.mul(r[1], 5), o.mul(r[2], 5));
    }

    @Test
    void weightsAreModelParametersAndQuietStartAddsNothing() {
        Network net = network(FeatureSet.POINTWISE);
        NeuralTendency term = new NeuralTendency("closure", net, FeatureSet.POINTWISE, NeuralTendency.quietStart(net, 1));
        Model model = Model.builder(grid).timeStep(60).term(term).build();
        List<String> names = model.parameters().stream().map(Parameter::name).toList();
        assertTrue(names.containsAll(List.of("closure.layer0.kernel", "closure.layer0.bias", "closure.layer1.kernel",
                "closure.layer1.bias")), names.toString());
        Parameter kernel = model.parameters().get(names.indexOf("closure.layer0.kernel"));
        assertEquals(Shape.of(3, 6), kernel.shape());
        Tensor[] p = model.defaultParameters(o);
        assertArrayEquals(term.weights()[0], p[names.indexOf("closure.layer0.kernel")].values());

        State d = term.tendency(o, ops, state(2), model.values(p));
        assertArrayEquals(new double[grid.nx() * grid.ny()], d.h().values(), 0.0);
        assertArrayEquals(new double[grid.nx() * grid.ny()], d.u().values(), 0.0);
    }

    @Test
    void outputsGoToCentresAndFacesAndVanishOnPoleFaces() {
        LatLonGrid sphere = LatLonGrid.earth(30);
        CGridOperators sops = new CGridOperators(sphere);
        Network net = network(FeatureSet.POINTWISE);
        NeuralTendency term = new NeuralTendency("closure", net, FeatureSet.POINTWISE, net.initialWeights(3));
        Tensor[] r = GradientCheck.random(o, new Shape[] {sphere.shape(), sphere.shape(), sphere.shape()}, 4);
        State s = new State(o.add(o.mul(r[0], 50), 1000), r[1], r[2]);
        Tensor[] w = term.defaults(o);
        Tensor out = net.apply(o, term.features(o, sops, s), w);
        State d = term.tendency(o, sops, s, w);
        int nx = sphere.nx();
        int ny = sphere.ny();
        double[] rows = out.values();
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int c = j * nx + i;
                int east = j * nx + (i + 1) % nx;
                assertEquals(rows[3 * c], d.h().values()[c], 1e-15);
                assertEquals(0.5 * (rows[3 * c + 1] + rows[3 * east + 1]), d.u().values()[c], 1e-15);
            }
        }
        for (int i = 0; i < nx; i++) {
            assertEquals(0.0, Math.abs(d.v().values()[(ny - 1) * nx + i]), "v tendency on the pole face");
        }
        assertThrows(IllegalArgumentException.class,
                () -> new NeuralTendency("bad", net, FeatureSet.STENCIL_5POINT, net.initialWeights(1)));
    }

    @Test
    void stencilFeaturesReadTheNeighbours() {
        double[] h = new double[grid.nx() * grid.ny()];
        for (int k = 0; k < h.length; k++) {
            h[k] = k;
        }
        Tensor zero = o.zeros(grid.shape());
        Tensor[] f = FeatureSet.STENCIL_3x3.fields(o, ops, o.constant(grid.shape(), h), zero, zero);
        int nx = grid.nx();
        int ny = grid.ny();
        int j = 2;
        int i = 0;
        int[][] offsets = FeatureSet.STENCIL_3x3.offsets();
        for (int k = 0; k < offsets.length; k++) {
            int jj = Math.floorMod(j + offsets[k][0], ny);
            int ii = Math.floorMod(i + offsets[k][1], nx);
            assertEquals(jj * nx + ii, f[3 * k].values()[j * nx + i], "offset " + offsets[k][0] + "," + offsets[k][1]);
        }
        assertEquals(27, FeatureSet.STENCIL_3x3.count());
        assertEquals(15, FeatureSet.STENCIL_5POINT.count());
    }

    @ParameterizedTest
    @EnumSource(FeatureSet.class)
    void tendencyPassesTheGradientChecksInStateAndWeights(FeatureSet features) {
        Network net = network(features);
        NeuralTendency term = new NeuralTendency("closure", net, features, net.initialWeights(5));
        int nw = net.weightSpecs().size();
        Derivatives.Function f = (q, in) -> {
            Tensor[] w = new Tensor[nw];
            System.arraycopy(in, 3, w, 0, nw);
            return term.tendency(q, ops, new State(in[0], in[1], in[2]), w).toArray();
        };
        Tensor[] args = arguments(state(6), term.defaults(o), 7);
        assertDotProduct(GradientCheck.dotProduct(o, f, args, 8), 1e-12);
        assertTaylorRate(GradientCheck.taylor(o, f, args, 9, 1e-2, 3), 0.1, 3);
    }

    @Test
    void hybridModelStepPassesTheGradientChecksInStateAndWeights() {
        Network net = network(FeatureSet.STENCIL_5POINT);
        NeuralTendency term = new NeuralTendency("closure", net, FeatureSet.STENCIL_5POINT, net.initialWeights(11));
        Model model = Model.builder(grid).timeStep(60).term(term).build();
        Tensor[] defaults = model.defaultParameters(o);
        List<String> names = model.parameters().stream().map(Parameter::name).toList();
        int first = names.indexOf("closure.layer0.kernel");
        int nw = net.weightSpecs().size();
        Derivatives.Function step = (q, in) -> {
            Tensor[] p = defaults.clone();
            System.arraycopy(in, 3, p, first, nw);
            ParameterValues values = model.values(p);
            return model.step(q, new State(in[0], in[1], in[2]), values).toArray();
        };
        Tensor[] weights = new Tensor[nw];
        System.arraycopy(defaults, first, weights, 0, nw);
        Tensor[] args = arguments(state(12), weights, 13);
        assertDotProduct(GradientCheck.dotProduct(o, step, args, 14), 1e-11);
        assertTaylorRate(GradientCheck.taylor(o, step, args, 15, 1e-2, 3), 0.1, 3);
    }

    /** State then weights, the weights perturbed so that no gradient is trivially zero. */
    private Tensor[] arguments(State s, Tensor[] weights, long seed) {
        Tensor[] args = new Tensor[3 + weights.length];
        args[0] = s.h();
        args[1] = s.u();
        args[2] = s.v();
        for (int k = 0; k < weights.length; k++) {
            Tensor noise = GradientCheck.random(o, new Shape[] {weights[k].shape()}, seed + k)[0];
            args[3 + k] = o.add(weights[k], o.mul(noise, 0.3));
        }
        return args;
    }
}
