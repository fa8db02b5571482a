package org.ferrel.hybrid.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.kernels.LinearAlgebra;
import org.ferrel.hybrid.nn.Dense;
import org.ferrel.hybrid.nn.Layer;
import org.ferrel.hybrid.nn.Network;

/**
 * K-FAC, Kronecker-factored approximate curvature (Martens &amp; Grosse 2015, ICML), for networks of
 * dense layers. For layer l with homogeneous inputs {@code a = [x, 1]} and pre-activation
 * derivatives g, the Fisher block of its weights {@code W = [kernel; bias]} is approximated by
 * {@code A (x) G}, {@code A = E[a a^T]}, {@code G = E[g g^T]}, and the update is
 * <pre>
 *   dW = - lr nu (A + pi sqrt(lambda) I)^-1  grad_W L  (G + sqrt(lambda) / pi I)^-1
 * </pre>
 * with factored Tikhonov damping lambda and the paper's {@code pi = sqrt((tr A / dim A) / (tr G / dim G))}.
 * A and G are exponential moving averages with weight {@code min(1 - 1/k, decay)} on the past at
 * step k; their damped inverses are recomputed every {@code inverseInterval} steps. nu rescales the
 * step so that its predicted change of the loss, {@code lr^2 <dW, F dW>} estimated as
 * {@code lr^2 <P, grad>}, is at most {@code klClip} (Ba, Grosse &amp; Martens 2017; 0 disables it).
 * G is estimated as {@link FisherEstimate} says.
 *
 * @param learningRate    lr
 * @param damping         lambda
 * @param decay           largest weight of the past in the moving averages
 * @param inverseInterval steps between recomputations of the inverses
 * @param klClip          bound on the step's predicted loss change (0: no clipping)
 * @param fisher          how G is estimated
 * @param seed            seed of the sampled targets ({@link FisherEstimate#SAMPLED})
 */
public record Kfac(double learningRate, double damping, double decay, int inverseInterval, double klClip,
                   FisherEstimate fisher, long seed) implements Optimizer {
    public Kfac {
        if (!(learningRate > 0) || !(damping >= 0) || !(decay >= 0 && decay < 1) || inverseInterval < 1
                || !(klClip >= 0)) {
            throw new IllegalArgumentException("K-FAC: needs lr > 0, damping >= 0, decay in [0, 1), inverse interval >= 1,"
                    + " klClip >= 0; got " + learningRate + ", " + damping + ", " + decay + ", " + inverseInterval + ", " + klClip);
        }
    }

    /** Defaults that suit small regression networks: damping 1e-3, decay 0.95, inverses every step, no clipping, exact G. */
    public static Kfac withLearningRate(double learningRate) {
        return new Kfac(learningRate, 1e-3, 0.95, 1, 0.0, FisherEstimate.EXACT, 0L);
    }

    @Override
    public Run start(Network network, double[][] weights, BatchGradient gradient) {
        return new Run(this, network, gradient);
    }

    /** One K-FAC run: the factors, their inverses and the step count. */
    public static final class Run implements Updater {
        private final Kfac settings;
        private final Network network;
        private final BatchGradient gradient;
        private final List<Dense> layers = new ArrayList<>();
        private final double[][] a;
        private final double[][] g;
        private final double[][] aInverse;
        private final double[][] gInverse;
        private final SplittableRandom rng;
        private long steps;

        private Run(Kfac settings, Network network, BatchGradient gradient) {
            this.settings = settings;
            this.network = network;
            this.gradient = gradient;
            for (Layer layer : network.layers()) {
                if (!(layer instanceof Dense d)) {
                    throw new IllegalArgumentException("K-FAC handles dense layers only; the network has a "
                            + layer.name() + " layer");
                }
                layers.add(d);
            }
            int n = layers.size();
            a = new double[n][];
            g = new double[n][];
            aInverse = new double[n][];
            gInverse = new double[n][];
            for (int l = 0; l < n; l++) {
                int da = layers.get(l).inputSize() + 1;
                int dg = layers.get(l).outputSize();
                a[l] = new double[da * da];
                g[l] = new double[dg * dg];
            }
            rng = new SplittableRandom(settings.seed);
        }

        @Override
        public double update(double[][] weights, Batch batch) {
            BatchGradient.Value v = gradient.evaluate(batch, weights);
            if (!v.finite()) {
                return Double.isFinite(v.loss()) ? Double.NaN : v.loss();
            }
            observe(weights, batch);
            double[][] p = precondition(v.gradient());
            double predicted = 0;
            for (int i = 0; i < p.length; i++) {
                for (int k = 0; k < p[i].length; k++) {
                    predicted += p[i][k] * v.gradient()[i][k];
                }
            }
            double lr = settings.learningRate;
            double nu = settings.klClip > 0 && predicted > 0
                    ? Math.min(1.0, Math.sqrt(settings.klClip / (lr * lr * predicted))) : 1.0;
            for (int i = 0; i < p.length; i++) {
                for (int k = 0; k < p[i].length; k++) {
                    weights[i][k] -= lr * nu * p[i][k];
                }
            }
            return v.loss();
        }

        /** The number of batches observed. */
        public long steps() {
            return steps;
        }

        /** Folds one batch's factors into the moving averages and, when due, recomputes the inverses. */
        public void observe(double[][] weights, Batch batch) {
            steps++;
            double past = Math.min(1.0 - 1.0 / steps, settings.decay);
            double[][] batchA = inputFactors(weights, batch);
            double[][] batchG = gradientFactors(weights, batch);
            for (int l = 0; l < layers.size(); l++) {
                blend(a[l], batchA[l], past);
                blend(g[l], batchG[l], past);
            }
            if ((steps - 1) % settings.inverseInterval == 0) {
                for (int l = 0; l < layers.size(); l++) {
                    int da = layers.get(l).inputSize() + 1;
                    int dg = layers.get(l).outputSize();
                    double traceA = trace(a[l], da) / da;
                    double traceG = trace(g[l], dg) / dg;
                    double pi = traceA > 0 && traceG > 0 && Double.isFinite(traceA / traceG) ? Math.sqrt(traceA / traceG) : 1.0;
                    double root = Math.sqrt(settings.damping);
                    aInverse[l] = inverse(a[l], da, pi * root);
                    gInverse[l] = inverse(g[l], dg, root / pi);
                }
            }
        }

        /** The K-FAC direction {@code A^-1 grad G^-1} per layer, in the layout of the network's weights. */
        public double[][] precondition(double[][] grad) {
            double[][] out = new double[grad.length][];
            for (int l = 0; l < layers.size(); l++) {
                int in = layers.get(l).inputSize();
                int da = in + 1;
                int dg = layers.get(l).outputSize();
                double[] kernel = grad[2 * l];
                double[] bias = grad[2 * l + 1];
                double[] full = new double[da * dg];
                System.arraycopy(kernel, 0, full, 0, in * dg);
                System.arraycopy(bias, 0, full, in * dg, dg);
                double[] left = multiply(aInverse[l], da, da, full, dg);
                double[] both = multiply(left, da, dg, gInverse[l], dg);
                double[] k = new double[in * dg];
                double[] b = new double[dg];
                System.arraycopy(both, 0, k, 0, k.length);
                System.arraycopy(both, in * dg, b, 0, dg);
                out[2 * l] = k;
                out[2 * l + 1] = b;
            }
            return out;
        }

        /** {@code A = (1/B) sum_b [x_b, 1][x_b, 1]^T} of each layer's inputs. */
        private double[][] inputFactors(double[][] weights, Batch batch) {
            Eager e = Eager.serial();
            Tensor[] w = network.tensors(e, weights);
            Tensor z = e.constant(Shape.of(batch.size(), batch.inputSize()), batch.inputs());
            double[][] factors = new double[layers.size()][];
            for (int l = 0; l < layers.size(); l++) {
                Dense d = layers.get(l);
                factors[l] = homogeneousGram(z.values(), batch.size(), d.inputSize());
                z = d.apply(e, z, new Tensor[] {w[2 * l], w[2 * l + 1]});
            }
            return factors;
        }

        /** {@code G = (1/B) sum_b g_b g_b^T}, g the pre-activation derivatives (per sample) of the chosen cotangents. */
        private double[][] gradientFactors(double[][] weights, Batch batch) {
            Eager e = Eager.serial();
            Tensor[] w = network.tensors(e, weights);
            int n = batch.outputSize();
            int size = batch.size();
            double[][] factors = new double[layers.size()][];
            for (int l = 0; l < layers.size(); l++) {
                int dg = layers.get(l).outputSize();
                factors[l] = new double[dg * dg];
            }
            List<double[]> cotangents = new ArrayList<>();
            double unit = Math.sqrt(2.0 / n);
            switch (settings.fisher) {
                case EXACT -> {
                    for (int o = 0; o < n; o++) {
                        double[] c = new double[size * n];
                        for (int b = 0; b < size; b++) {
                            c[b * n + o] = unit;
                        }
                        cotangents.add(c);
                    }
                }
                case SAMPLED -> {
                    double[] c = new double[size * n];
                    for (int k = 0; k < c.length; k++) {
                        c[k] = unit * rng.nextGaussian();
                    }
                    cotangents.add(c);
                }
                case EMPIRICAL -> {
                    double[] f = forward(e, w, batch, null).values();
                    double[] c = new double[size * n];
                    for (int k = 0; k < c.length; k++) {
                        c[k] = 2.0 / n * (f[k] - batch.targets()[k]);
                    }
                    cotangents.add(c);
                }
                default -> throw new IllegalStateException("unknown Fisher estimate " + settings.fisher);
            }
            Tensor[] probes = new Tensor[layers.size()];
            for (int l = 0; l < probes.length; l++) {
                probes[l] = e.zeros(Shape.of(size, layers.get(l).outputSize()));
            }
            Derivatives.Function f = (o, p) -> new Tensor[] {forward(o, w, batch, p)};
            for (double[] c : cotangents) {
                Tensor[] perLayer = Derivatives.vjp(e, f, probes, new Tensor[] {e.constant(Shape.of(size, n), c)})
                        .derivatives();
                for (int l = 0; l < layers.size(); l++) {
                    addGram(factors[l], perLayer[l].values(), size, layers.get(l).outputSize(), 1.0 / size);
                }
            }
            return factors;
        }

        /** The network on normalised inputs with {@code probes[l]} added to layer l's pre-activations. */
        private Tensor forward(Ops o, Tensor[] w, Batch batch, Tensor[] probes) {
            Tensor z = o.constant(Shape.of(batch.size(), batch.inputSize()), batch.inputs());
            for (int l = 0; l < layers.size(); l++) {
                Dense d = layers.get(l);
                Tensor pre = d.preActivation(o, z, new Tensor[] {w[2 * l], w[2 * l + 1]});
                if (probes != null) {
                    pre = o.add(pre, probes[l]);
                }
                z = d.activation().apply(o, pre);
            }
            return z;
        }

        private static double[] homogeneousGram(double[] x, int rows, int cols) {
            int d = cols + 1;
            double[] m = new double[d * d];
            double[] row = new double[d];
            for (int b = 0; b < rows; b++) {
                System.arraycopy(x, b * cols, row, 0, cols);
                row[cols] = 1.0;
                for (int i = 0; i < d; i++) {
                    double ri = row[i];
                    for (int j = 0; j < d; j++) {
                        m[i * d + j] += ri * row[j];
                    }
                }
            }
            for (int k = 0; k < m.length; k++) {
                m[k] /= rows;
            }
            return m;
        }

        private static void addGram(double[] m, double[] x, int rows, int cols, double factor) {
            for (int b = 0; b < rows; b++) {
                int o = b * cols;
                for (int i = 0; i < cols; i++) {
                    double xi = x[o + i] * factor;
                    for (int j = 0; j < cols; j++) {
                        m[i * cols + j] += xi * x[o + j];
                    }
                }
            }
        }

        private static void blend(double[] average, double[] sample, double past) {
            for (int k = 0; k < average.length; k++) {
                average[k] = past * average[k] + (1 - past) * sample[k];
            }
        }

        private static double trace(double[] m, int d) {
            double t = 0;
            for (int i = 0; i < d; i++) {
                t += m[i * d + i];
            }
            return t;
        }

        /** {@code (M + shift I)^-1} by LU with partial pivoting. */
        private static double[] inverse(double[] m, int d, double shift) {
            double[] lu = m.clone();
            for (int i = 0; i < d; i++) {
                lu[i * d + i] += shift;
            }
            int[] pivot = new int[d];
            LinearAlgebra.luFactor(lu, d, pivot);
            double[] identity = new double[d * d];
            for (int i = 0; i < d; i++) {
                identity[i * d + i] = 1.0;
            }
            double[] inv = new double[d * d];
            LinearAlgebra.luSolve(lu, pivot, d, false, identity, d, inv, 0, d);
            return inv;
        }

        /** {@code [m, k] x [k, n]} row-major. */
        private static double[] multiply(double[] x, int m, int k, double[] y, int n) {
            double[] c = new double[m * n];
            LinearAlgebra.matmul(x, false, y, false, m, k, n, c, 0, m);
            return c;
        }
    }
}
