package org.ferrel.hybrid.train;

import java.util.Arrays;
import org.ferrel.hybrid.nn.Network;

/**
 * The Adam optimiser (Kingma & Ba 2015) with optional decoupled weight decay (AdamW, Loshchilov &
 * Hutter 2019). For each weight w with gradient g, at step t:
 * <pre>
 *   m = beta1 m + (1 - beta1) g,        v = beta2 v + (1 - beta2) g^2
 *   w = w - lr ( m / (1 - beta1^t) ) / ( sqrt( v / (1 - beta2^t) ) + eps ) - lr weightDecay w
 * </pre>
 * Each element is updated by the same arithmetic in a fixed order, so a run is bitwise
 * reproducible.
 *
 * @param learningRate lr
 * @param beta1        decay of the first-moment average
 * @param beta2        decay of the second-moment average
 * @param epsilon      eps, guards the division
 * @param weightDecay  decoupled decay rate per unit learning rate (0 for none)
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) implements Optimizer {
    public Adam {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("Adam: learning rate must be positive, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam: beta1 and beta2 must lie in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Adam: epsilon must be positive and weight decay non-negative, got "
                    + epsilon + ", " + weightDecay);
        }
    }

    /** The usual defaults (beta1 0.9, beta2 0.999, eps 1e-8, no weight decay) with this learning rate. */
    public static Adam withLearningRate(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-8, 0.0);
    }

    /** Fresh moment estimates for weights of these sizes. */
    public State start(double[][] weights) {
        return new State(this, Snapshot.start(weights));
    }

    /**
     * A run with these hyper-parameters that continues from {@code snapshot}: its steps count on from
     * the snapshot's and its moments start as copies of the snapshot's, so that the same gradients give
     * bitwise the same weights as the run the snapshot was taken from.
     */
    public State restore(Snapshot snapshot) {
        return new State(this, snapshot);
    }

    @Override
    public Updater start(Network network, double[][] weights, BatchGradient gradient) {
        State state = start(weights);
        return (w, batch) -> {
            BatchGradient.Value v = gradient.evaluate(batch, w);
            if (!v.finite()) {
                return Double.isFinite(v.loss()) ? Double.NaN : v.loss();
            }
            state.step(w, v.gradient());
            return v.loss();
        };
    }

    /**
     * What an optimisation run has accumulated, as values: the steps taken t and the moment estimates
     * m and v, one array per weight array. The arrays are copied on the way in and out, so a snapshot
     * does not change when the run it came from goes on, and {@link #restore} continues bit for bit.
     *
     * @param steps         steps taken (t of the bias corrections)
     * @param firstMoments  m, one array per weight array
     * @param secondMoments v, shaped like {@code firstMoments}
     */
    public record Snapshot(long steps, double[][] firstMoments, double[][] secondMoments) {
        public Snapshot {
            if (steps < 0) {
                throw new IllegalArgumentException("Adam: a snapshot's step count must not be negative, got " + steps);
            }
            if (firstMoments.length != secondMoments.length) {
                throw new IllegalArgumentException("Adam: snapshot with " + firstMoments.length + " first-moment and "
                        + secondMoments.length + " second-moment arrays");
            }
            for (int i = 0; i < firstMoments.length; i++) {
                if (firstMoments[i].length != secondMoments[i].length) {
                    throw new IllegalArgumentException("Adam: snapshot moment array " + i + " has " + firstMoments[i].length
                            + " first and " + secondMoments[i].length + " second moments");
                }
            }
            firstMoments = copy(firstMoments);
            secondMoments = copy(secondMoments);
        }

        /** Zero moments and no steps, for weights of these sizes: where a run starts. */
        public static Snapshot start(double[][] weights) {
            double[][] zero = new double[weights.length][];
            for (int i = 0; i < weights.length; i++) {
                zero[i] = new double[weights[i].length];
            }
            return new Snapshot(0, zero, zero);
        }

        /** m (a copy). */
        @Override
        public double[][] firstMoments() {
            return copy(firstMoments);
        }

        /** v (a copy). */
        @Override
        public double[][] secondMoments() {
            return copy(secondMoments);
        }

        /** Equal when the step counts and every moment are bitwise the same. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot s && s.steps == steps && Arrays.deepEquals(s.firstMoments, firstMoments)
                    && Arrays.deepEquals(s.secondMoments, secondMoments);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(steps) * 31 * 31 + Arrays.deepHashCode(firstMoments) * 31 + Arrays.deepHashCode(secondMoments);
        }

        @Override
        public String toString() {
            int values = 0;
            for (double[] a : firstMoments) {
                values += a.length;
            }
            return "Adam.Snapshot[steps=" + steps + ", " + firstMoments.length + " arrays, " + values + " moments each]";
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** The moving moment estimates of one optimisation run, updated in place by {@link #step}. */
    public static final class State {
        private final Adam hyper;
        private final double[][] m;
        private final double[][] v;
        private long steps;

        private State(Adam hyper, Snapshot from) {
            this.hyper = hyper;
            this.m = from.firstMoments();
            this.v = from.secondMoments();
            this.steps = from.steps();
        }

        /** The number of steps taken. */
        public long steps() {
            return steps;
        }

        /** A copy of the steps taken and the moments, from which {@link Adam#restore} continues bit for bit. */
        public Snapshot snapshot() {
            return new Snapshot(steps, m, v);
        }

        public Adam hyperParameters() {
            return hyper;
        }

        /** One Adam step: updates {@code weights} in place from {@code gradients}. */
        public void step(double[][] weights, double[][] gradients) {
            if (weights.length != m.length || gradients.length != m.length) {
                throw new IllegalArgumentException("Adam: state for " + m.length + " weight arrays, given " + weights.length
                        + " weights and " + gradients.length + " gradients");
            }
            steps++;
            double lr = hyper.learningRate;
            double b1 = hyper.beta1;
            double b2 = hyper.beta2;
            double c1 = 1 - Math.pow(b1, steps);
            double c2 = 1 - Math.pow(b2, steps);
            double decay = lr * hyper.weightDecay;
            for (int i = 0; i < m.length; i++) {
                double[] w = weights[i];
                double[] g = gradients[i];
                double[] mi = m[i];
                double[] vi = v[i];
                if (w.length != mi.length || g.length != mi.length) {
                    throw new IllegalArgumentException("Adam: weight array " + i + " has " + w.length + " values and its"
                            + " gradient " + g.length + ", the state " + mi.length);
                }
                for (int k = 0; k < w.length; k++) {
                    mi[k] = b1 * mi[k] + (1 - b1) * g[k];
                    vi[k] = b2 * vi[k] + (1 - b2) * g[k] * g[k];
                    double mHat = mi[k] / c1;
                    double vHat = vi[k] / c2;
                    w[k] -= lr * mHat / (Math.sqrt(vHat) + hyper.epsilon) + decay * w[k];
                }
            }
        }
    }
}
