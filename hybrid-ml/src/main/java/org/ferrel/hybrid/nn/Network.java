package org.ferrel.hybrid.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;

/**
 * A sequential network with fixed input and output normalisation:
 * <pre>
 *   y = denormalize_out( L_n( ... L_1( normalize_in(x) ) ) )
 * </pre>
 * on a batch of rows {@code [batch, inputSize] -> [batch, outputSize]}. Weights are passed in as
 * tensors (all layers' weights flattened in layer order, named {@code layer<i>.<weight>}), so the
 * same network is evaluated plainly, recorded for gradients with respect to its weights and inputs,
 * or pushed forward along tangents.
 */
public final class Network {
    private final List<Layer> layers;
    private final Normalization input;
    private final Normalization output;

    /** A network of these layers; consecutive sizes must match. */
    public Network(List<Layer> layers, Normalization input, Normalization output) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("network: no layers");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).inputSize() != layers.get(i - 1).outputSize()) {
                throw new IllegalArgumentException("network: layer" + i + " takes " + layers.get(i).inputSize()
                        + " inputs but layer" + (i - 1) + " gives " + layers.get(i - 1).outputSize());
            }
        }
        this.layers = List.copyOf(layers);
        if (input.size() != inputSize()) {
            throw new IllegalArgumentException("network: input normalization has " + input.size() + " features, the network "
                    + inputSize() + " inputs");
        }
        if (output.size() != outputSize()) {
            throw new IllegalArgumentException("network: output normalization has " + output.size()
                    + " features, the network " + outputSize() + " outputs");
        }
        this.input = input;
        this.output = output;
    }

    /** A network of these layers without normalisation. */
    public Network(List<Layer> layers) {
        this(layers, Normalization.identity(layers.getFirst().inputSize()),
                Normalization.identity(layers.getLast().outputSize()));
    }

    /**
     * A multilayer perceptron: dense hidden layers of the given widths with {@code hiddenActivation},
     * then a linear dense output layer.
     */
    public static Network mlp(int in, int[] hidden, int out, Activation hiddenActivation) {
        List<Layer> layers = new ArrayList<>();
        int width = in;
        for (int h : hidden) {
            layers.add(new Dense(width, h, hiddenActivation));
            width = h;
        }
        layers.add(new Dense(width, out, Activation.IDENTITY));
        return new Network(layers);
    }

    public List<Layer> layers() {
        return layers;
    }

    public int inputSize() {
        return layers.getFirst().inputSize();
    }

    public int outputSize() {
        return layers.getLast().outputSize();
    }

    public Normalization inputNormalization() {
        return input;
    }

    public Normalization outputNormalization() {
        return output;
    }

    /** The same layers with these normalisations. */
    public Network withNormalization(Normalization in, Normalization out) {
        return new Network(layers, in, out);
    }

    /** The prefix of layer {@code i}'s weight names. */
    public static String layerName(int i) {
        return "layer" + i;
    }

    /** All weights, layer by layer, named {@code layer<i>.<weight>}. */
    public List<WeightSpec> weightSpecs() {
        List<WeightSpec> all = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            for (WeightSpec w : layers.get(i).weights()) {
                all.add(new WeightSpec(layerName(i) + "." + w.name(), w.shape()));
            }
        }
        return List.copyOf(all);
    }

    /** The total number of weight values. */
    public int weightCount() {
        int n = 0;
        for (WeightSpec w : weightSpecs()) {
            n += w.size();
        }
        return n;
    }

    /**
     * The network applied to a batch.
     *
     * @param x       [batch, inputSize]
     * @param weights all weights in the order of {@link #weightSpecs()}
     */
    public Tensor apply(Ops o, Tensor x, Tensor[] weights) {
        return output.denormalize(o, applyNormalized(o, input.normalize(o, x), weights));
    }

    /** The layers alone, on normalised inputs, giving normalised outputs. */
    public Tensor applyNormalized(Ops o, Tensor z, Tensor[] weights) {
        List<WeightSpec> specs = weightSpecs();
        if (weights.length != specs.size()) {
            throw new IllegalArgumentException("network: " + weights.length + " weight tensors given, " + specs.size()
                    + " expected " + specs.stream().map(WeightSpec::name).toList());
        }
        int k = 0;
        for (Layer layer : layers) {
            int n = layer.weights().size();
            Tensor[] w = new Tensor[n];
            System.arraycopy(weights, k, w, 0, n);
            k += n;
            z = layer.apply(o, z, w);
        }
        return z;
    }

    /** Fresh weights of every layer, drawn in layer order from one generator seeded with {@code seed}. */
    public double[][] initialWeights(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(List.of(layer.initialWeights(rng)));
        }
        return all.toArray(new double[0][]);
    }

    /** Weight arrays as constants of {@code o}, with the shapes of {@link #weightSpecs()}. */
    public Tensor[] tensors(Ops o, double[][] weights) {
        List<WeightSpec> specs = weightSpecs();
        checkCompatible(specs.stream().map(WeightSpec::name).toList(), sizesAsShapes(weights, specs));
        Tensor[] t = new Tensor[weights.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = o.constant(specs.get(i).shape(), weights[i]);
        }
        return t;
    }

    private static List<Shape> sizesAsShapes(double[][] weights, List<WeightSpec> specs) {
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            boolean fits = i < specs.size() && weights[i].length == specs.get(i).size();
            shapes.add(fits ? specs.get(i).shape() : Shape.of(weights[i].length));
        }
        return shapes;
    }

    /** The complete serialisable description of this network. */
    public Architecture architecture() {
        return new Architecture(Architecture.VERSION, layers.stream().map(Layer::spec).toList(), input, output);
    }

    /**
     * Checks that stored weights (names and shapes, in any order) are exactly this network's.
     *
     * @throws IllegalArgumentException naming the layer, the weight and both shapes when a weight
     *                                  has another shape, or naming what is missing or extra
     */
    public void checkCompatible(List<String> names, List<Shape> shapes) {
        if (names.size() != shapes.size()) {
            throw new IllegalArgumentException("stored weights: " + names.size() + " names but " + shapes.size() + " shapes");
        }
        List<WeightSpec> specs = weightSpecs();
        for (WeightSpec spec : specs) {
            int at = names.indexOf(spec.name());
            String layer = spec.name().substring(0, spec.name().indexOf('.'));
            if (at < 0) {
                throw new IllegalArgumentException("stored weights lack " + spec.name() + " of " + layer + " ("
                        + describeLayer(layer) + "), expected shape " + spec.shape());
            }
            if (!shapes.get(at).equals(spec.shape())) {
                throw new IllegalArgumentException("weight " + spec.name() + " of " + layer + " (" + describeLayer(layer)
                        + "): the architecture expects shape " + spec.shape() + ", the stored weight has shape "
                        + shapes.get(at));
            }
        }
        for (String name : names) {
            if (specs.stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("stored weights hold " + name + ", which the architecture ("
                        + specs.size() + " weights: " + specs.stream().map(WeightSpec::name).toList() + ") does not have");
            }
        }
    }

    private String describeLayer(String layerName) {
        int i = Integer.parseInt(layerName.substring("layer".length()));
        return layers.get(i).spec().describe();
    }

    @Override
    public String toString() {
        return "Network" + layers.stream().map(l -> l.spec().describe()).toList();
    }
}
