package org.ferrel.hybrid.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;

/**
 * One layer of a network: a differentiable map of a batch of input rows {@code [batch, inputSize]}
 * to output rows {@code [batch, outputSize]}, with weights passed in rather than held, so that the
 * same layer runs plainly, on a tape (gradients with respect to weights and inputs) and on tangents.
 */
public interface Layer {
    /** The kind of layer, e.g. {@code "dense"}. */
    String name();

    int inputSize();

    int outputSize();

    /** The layer's weights, in the order {@link #apply} takes them. */
    List<WeightSpec> weights();

    /**
     * The layer applied to a batch.
     *
     * @param x [batch, inputSize]
     * @param w this layer's weights in the order of {@link #weights()}
     * @return [batch, outputSize]
     */
    Tensor apply(Ops o, Tensor x, Tensor[] w);

    /** Fresh weights drawn from {@code rng}, in the order of {@link #weights()}, each flat row-major. */
    double[][] initialWeights(SplittableRandom rng);

    /** The description of this layer in an {@link Architecture}. */
    LayerSpec spec();
}
