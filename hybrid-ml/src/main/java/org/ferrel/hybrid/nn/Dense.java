package org.ferrel.hybrid.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;

/**
 * A fully connected layer {@code y = act(x W + b)} on a batch of rows: one matrix product
 * {@code [batch, in] x [in, out]} however large the batch (a whole grid of cells is one batch).
 * Weights: {@code kernel} W [in, out] and {@code bias} b [out]. Initialisation: W uniform with
 * variance {@code 2 / (in + out)} (Glorot) or {@code 2 / in} (He, for rectifying activations), b = 0.
 *
 * @param inputSize  in
 * @param outputSize out
 * @param activation act
 */
public record Dense(int inputSize, int outputSize, Activation activation) implements Layer {
    public static final String KERNEL = "kernel";
    public static final String BIAS = "bias";

    public Dense {
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("dense layer: sizes must be positive, got " + inputSize + " -> " + outputSize);
        }
    }

    @Override
    public String name() {
        return LayerSpec.DENSE;
    }

    @Override
    public List<WeightSpec> weights() {
        return List.of(new WeightSpec(KERNEL, Shape.of(inputSize, outputSize)), new WeightSpec(BIAS, Shape.of(outputSize)));
    }

    @Override
    public Tensor apply(Ops o, Tensor x, Tensor[] w) {
        return activation.apply(o, preActivation(o, x, w));
    }

    /** {@code x W + b}, the input of the activation (K-FAC needs it). */
    public Tensor preActivation(Ops o, Tensor x, Tensor[] w) {
        if (x.shape().rank() != 2 || x.shape().dim(1) != inputSize) {
            throw new IllegalArgumentException("dense layer " + inputSize + " -> " + outputSize + ": input of shape "
                    + x.shape() + ", expected [batch, " + inputSize + "]");
        }
        Tensor z = o.matmul(x, w[0]);
        return o.add(z, w[1]);
    }

    @Override
    public double[][] initialWeights(SplittableRandom rng) {
        double variance = activation.rectifying() ? 2.0 / inputSize : 2.0 / (inputSize + outputSize);
        double limit = Math.sqrt(3 * variance);
        double[] kernel = new double[inputSize * outputSize];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = limit * (2 * rng.nextDouble() - 1);
        }
        return new double[][] {kernel, new double[outputSize]};
    }

    @Override
    public LayerSpec spec() {
        return new LayerSpec(LayerSpec.DENSE, inputSize, outputSize, activation);
    }
}
