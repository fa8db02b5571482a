package org.ferrel.calibration.hybrid;

import org.ferrel.hybrid.train.Adam;

/**
 * Adam's moment estimates as plain arrays, so that a training checkpoint can store and restore
 * them and a resumed run continues bit for bit. The update is {@link Adam}'s, element by element in
 * the same order:
 * {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; w -= lr (m/(1-b1^t)) / (sqrt(v/(1-b2^t)) + eps) + lr decay w}.
 *
 * @param m     first moments, one array per weight
 * @param v     second moments
 * @param steps steps taken (t)
 */
public record AdamMoments(double[][] m, double[][] v, long steps) {
    /** Zero moments for weights of these sizes. */
    public static AdamMoments start(double[][] weights) {
        double[][] m = new double[weights.length][];
        double[][] v = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            m[i] = new double[weights[i].length];
            v[i] = new double[weights[i].length];
        }
        return new AdamMoments(m, v, 0);
    }

    /** One step: updates {@code weights} in place and returns the new moments (these are updated in place too). */
    public AdamMoments step(Adam adam, double[][] weights, double[][] gradients) {
        long t = steps + 1;
        double b1 = adam.beta1();
        double b2 = adam.beta2();
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        double lr = adam.learningRate();
        double decay = lr * adam.weightDecay();
        for (int i = 0; i < weights.length; i++) {
            double[] w = weights[i];
            double[] g = gradients[i];
            double[] mi = m[i];
            double[] vi = v[i];
            for (int k = 0; k < w.length; k++) {
                mi[k] = b1 * mi[k] + (1 - b1) * g[k];
                vi[k] = b2 * vi[k] + (1 - b2) * g[k] * g[k];
                double mHat = mi[k] / c1;
                double vHat = vi[k] / c2;
                w[k] -= lr * mHat / (Math.sqrt(vHat) + adam.epsilon()) + decay * w[k];
            }
        }
        return new AdamMoments(m, v, t);
    }
}
