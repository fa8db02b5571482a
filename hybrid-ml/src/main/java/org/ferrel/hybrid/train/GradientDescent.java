package org.ferrel.hybrid.train;

import org.ferrel.hybrid.nn.Network;

/**
 * Plain (stochastic) gradient descent, {@code w = w - lr grad L}: the first-order baseline that
 * K-FAC and Adam are compared with.
 *
 * @param learningRate lr
 */
public record GradientDescent(double learningRate) implements Optimizer {
    public GradientDescent {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("gradient descent: learning rate must be positive, got " + learningRate);
        }
    }

    @Override
    public Updater start(Network network, double[][] weights, BatchGradient gradient) {
        return (w, batch) -> {
            BatchGradient.Value v = gradient.evaluate(batch, w);
            if (!v.finite()) {
                return Double.isFinite(v.loss()) ? Double.NaN : v.loss();
            }
            for (int i = 0; i < w.length; i++) {
                for (int k = 0; k < w[i].length; k++) {
                    w[i][k] -= learningRate * v.gradient()[i][k];
                }
            }
            return v.loss();
        };
    }
}
