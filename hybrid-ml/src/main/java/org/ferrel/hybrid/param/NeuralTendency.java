package org.ferrel.hybrid.param;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.model.TendencyTerm;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.nn.WeightSpec;

/**
 * A neural parameterization of the shallow-water equations: one network with shared weights
 * applied at every cell,
 * <pre>
 *   (dh/dt, du/dt, dv/dt)_cell = N( features(state)_cell ; W )
 * </pre>
 * evaluated as one batch of {@code ny nx} rows (one matrix product per layer for the whole grid).
 * The outputs live at cell centres; du/dt and dv/dt are averaged to the u- and v-faces
 * ({@code centerToU}, {@code centerToV}), and dv/dt is zero on the pole faces of a sphere.
 *
 * <p>The network's weights are model parameters named {@code <name>.<weight>} (for example
 * {@code closure.layer0.kernel}) with their shapes, so {@code Model.parameters()} lists them and
 * calibration and training take gradients with respect to them like any other parameter; their
 * defaults are the weights given here. Units: dh/dt in m/s, du/dt and dv/dt in m/s^2 (the network's
 * output normalisation carries those scales).
 */
public final class NeuralTendency implements TendencyTerm {
    /** The network's outputs: dh/dt, du/dt, dv/dt at centres. */
    public static final int OUTPUTS = 3;
    /** Bounds declared for every weight (wide: weights are not physically bounded). */
    public static final double WEIGHT_BOUND = 1e6;

    private final String name;
    private final Network network;
    private final FeatureSet features;
    private final double[][] weights;
    private final List<Parameter> parameters;

    /**
     * @param name     the term's name and the prefix of its parameter names
     * @param network  a network with {@code features.count()} inputs and 3 outputs
     * @param features what the network sees at each cell
     * @param weights  default weights in the order of {@link Network#weightSpecs()}
     */
    public NeuralTendency(String name, Network network, FeatureSet features, double[][] weights) {
        this.name = Objects.requireNonNull(name, "name");
        this.network = Objects.requireNonNull(network, "network");
        this.features = Objects.requireNonNull(features, "features");
        if (network.inputSize() != features.count()) {
            throw new IllegalArgumentException("neural tendency " + name + ": the network takes " + network.inputSize()
                    + " inputs, the feature set " + features + " gives " + features.count());
        }
        if (network.outputSize() != OUTPUTS) {
            throw new IllegalArgumentException("neural tendency " + name + ": the network gives " + network.outputSize()
                    + " outputs, expected 3 (dh/dt, du/dt, dv/dt)");
        }
        List<WeightSpec> specs = network.weightSpecs();
        if (weights.length != specs.size()) {
            throw new IllegalArgumentException("neural tendency " + name + ": " + weights.length + " weight arrays for "
                    + specs.size() + " weights " + specs.stream().map(WeightSpec::name).toList());
        }
        this.weights = new double[weights.length][];
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            WeightSpec w = specs.get(i);
            if (weights[i].length != w.size()) {
                throw new IllegalArgumentException("neural tendency " + name + ": weight " + w.name() + " expects shape "
                        + w.shape() + " (" + w.size() + " values), got " + weights[i].length + " values");
            }
            this.weights[i] = weights[i].clone();
            ps.add(new Parameter(parameterName(w), "1", w.shape(), -WEIGHT_BOUND, WEIGHT_BOUND,
                    "network weight " + w.name() + " of the neural parameterization " + name));
        }
        this.parameters = List.copyOf(ps);
    }

    /**
     * Initial weights for a quiet start: seeded initialisation, with the last layer's weights set to
     * zero so that the untrained term adds no tendency (its gradient with respect to that layer is
     * still non-zero, so training starts at once).
     */
    public static double[][] quietStart(Network network, long seed) {
        double[][] w = network.initialWeights(seed);
        int last = network.layers().getLast().weights().size();
        for (int i = w.length - last; i < w.length; i++) {
            w[i] = new double[w[i].length];
        }
        return w;
    }

    /** The parameter name of a network weight: {@code <termName>.<weightName>}. */
    public String parameterName(WeightSpec weight) {
        return name + "." + weight.name();
    }

    @Override
    public String name() {
        return name;
    }

    public Network network() {
        return network;
    }

    public FeatureSet features() {
        return features;
    }

    /** The default weights (copies), in the order of {@link Network#weightSpecs()}. */
    public double[][] weights() {
        double[][] copy = new double[weights.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = weights[i].clone();
        }
        return copy;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Tensor[] defaults(Ops ops) {
        Tensor[] t = new Tensor[weights.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = ops.constant(parameters.get(i).shape(), weights[i]);
        }
        return t;
    }

    @Override
    public State tendency(Ops o, CGridOperators grid, State state, ParameterValues p) {
        Tensor[] w = new Tensor[parameters.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = p.get(parameters.get(i).name());
        }
        return tendency(o, grid, state, w);
    }

    /** The tendency with the weights given directly (in the order of {@link Network#weightSpecs()}). */
    public State tendency(Ops o, CGridOperators grid, State state, Tensor[] w) {
        Tensor out = network.apply(o, features(o, grid, state), w);
        return toCGrid(o, grid, out);
    }

    /** The feature matrix {@code [ny nx, features.count()]}, one row per cell (row-major over the grid). */
    public Tensor features(Ops o, CGridOperators grid, State state) {
        Tensor hc = state.h();
        Tensor uc = grid.uToCenter(o, state.u());
        Tensor vc = grid.vToCenter(o, state.v());
        return asRows(o, features.fields(o, grid, hc, uc, vc));
    }

    /**
     * Fields of one shape [ny, nx] as the columns of a [ny nx, fields] matrix: each field viewed as
     * one column [ny nx, 1], the columns joined side by side (no transpose of the whole matrix).
     */
    public static Tensor asRows(Ops o, Tensor[] fields) {
        int cells = fields[0].size();
        Tensor[] columns = new Tensor[fields.length];
        for (int f = 0; f < fields.length; f++) {
            columns[f] = o.reshape(fields[f], Shape.of(cells, 1));
        }
        return o.concat(1, columns);
    }

    /** The network's outputs {@code [ny nx, 3]} at centres as a tendency on the C-grid. */
    public static State toCGrid(Ops o, CGridOperators grid, Tensor outputs) {
        Shape shape = grid.grid().shape();
        Tensor dh = o.reshape(o.slice(outputs, 1, 0, 1), shape);
        Tensor du = o.reshape(o.slice(outputs, 1, 1, 2), shape);
        Tensor dv = o.reshape(o.slice(outputs, 1, 2, 3), shape);
        return new State(dh, grid.centerToU(o, du), o.mul(grid.centerToV(o, dv), grid.vMask()));
    }

    @Override
    public String toString() {
        return "NeuralTendency[" + name + ", " + features + ", " + network + "]";
    }
}
