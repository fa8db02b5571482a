package org.ferrel.calibration.hybrid;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.nn.Normalization;
import org.ferrel.hybrid.param.FeatureSet;
import org.ferrel.hybrid.train.Adam;

/**
 * Offline training of a closure network on (features of the coarse state) to (subgrid tendency at
 * the cell centre), cell by cell: samples are drawn (seeded) from every snapshot of the training
 * truth, input and output normalisations are fitted to them, and mini-batch Adam minimises the
 * mean squared error of the normalised outputs. Deterministic: one thread, seeded draws.
 */
public final class OfflineStage {
    /**
     * @param epochs             passes over the samples
     * @param batchSize          samples per step
     * @param adam               the optimiser
     * @param samplesPerSnapshot cells drawn from each truth snapshot
     * @param seed               seed of the draws, the shuffles and the initial weights
     */
    public record Settings(int epochs, int batchSize, Adam adam, int samplesPerSnapshot, long seed) {
    }

    /** Training pairs: {@code features[sample][feature]}, {@code targets[sample][3]}. */
    public record Samples(double[][] features, double[][] targets) {
    }

    /**
     * The result: the network with its fitted normalisation, trained weights and the mean loss per
     * epoch (normalised units) with the seconds each took.
     */
    public record Result(Network network, double[][] weights, List<Double> epochLosses, List<Double> epochSeconds) {
    }

    private OfflineStage() {
    }

    /** Draws samples from every snapshot of the truth. */
    public static Samples samples(TruthData truth, FeatureSet features, int perSnapshot, long seed) {
        Eager o = Eager.serial();
        LatLonGrid g = truth.grid();
        CGridOperators ops = new CGridOperators(g);
        SplittableRandom r = new SplittableRandom(seed);
        int cells = g.nx() * g.ny();
        List<double[]> x = new ArrayList<>();
        List<double[]> y = new ArrayList<>();
        for (TruthData.Trajectory tr : truth.trajectories()) {
            for (int t = 0; t < tr.snapshots(); t++) {
                State s = tr.state(o, g, t);
                State d = tr.target(o, g, t);
                Tensor hc = s.h();
                Tensor[] fields = features.fields(o, ops, hc, ops.uToCenter(o, s.u()), ops.vToCenter(o, s.v()));
                double[][] f = new double[fields.length][];
                for (int k = 0; k < fields.length; k++) {
                    f[k] = fields[k].values();
                }
                double[][] target = {d.h().values(), ops.uToCenter(o, d.u()).values(), ops.vToCenter(o, d.v()).values()};
                for (int n = 0; n < Math.min(perSnapshot, cells); n++) {
                    int c = perSnapshot >= cells ? n : r.nextInt(cells);
                    double[] row = new double[f.length];
                    for (int k = 0; k < f.length; k++) {
                        row[k] = f[k][c];
                    }
                    x.add(row);
                    y.add(new double[] {target[0][c], target[1][c], target[2][c]});
                }
            }
        }
        return new Samples(x.toArray(new double[0][]), y.toArray(new double[0][]));
    }

    /**
     * Trains {@code architecture} (without normalisation) on the samples.
     *
     * @throws TrainingDivergedException naming epoch and batch, with the last good weights
     */
    public static Result train(Network architecture, Samples samples, Settings settings, OnlineTrainer.Listener progress) {
        Network network = normalised(architecture, samples);
        Normalization in = network.inputNormalization();
        Normalization out = network.outputNormalization();
        double[][] weights = network.initialWeights(settings.seed());
        AdamMoments moments = AdamMoments.start(weights);
        Eager o = Eager.serial();
        int n = samples.features().length;
        int nf = network.inputSize();
        double[][] z = new double[n][];
        double[][] t = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = normalise(samples.features()[i], in);
            t[i] = normalise(samples.targets()[i], out);
        }
        List<Double> losses = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        int batches = (n + settings.batchSize() - 1) / settings.batchSize();
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            long started = System.nanoTime();
            int[] order = permutation(n, settings.seed() + 7919L * (epoch + 1));
            double total = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * settings.batchSize();
                int to = Math.min(n, from + settings.batchSize());
                double[] xb = new double[(to - from) * nf];
                double[] yb = new double[(to - from) * 3];
                for (int i = from; i < to; i++) {
                    System.arraycopy(z[order[i]], 0, xb, (i - from) * nf, nf);
                    System.arraycopy(t[order[i]], 0, yb, (i - from) * 3, 3);
                }
                Tensor x = o.constant(Shape.of(to - from, nf), xb);
                Tensor y = o.constant(Shape.of(to - from, 3), yb);
                Derivatives.Gradient g = Derivatives.gradient(o,
                        (Ops ops, Tensor[] w) -> ops.mean(ops.square(ops.sub(network.applyNormalized(ops, ops.lift(x), w), ops.lift(y)))),
                        network.tensors(o, weights));
                double loss = g.value().item();
                double[][] grad = new double[weights.length][];
                for (int k = 0; k < grad.length; k++) {
                    grad[k] = g.gradient()[k].values();
                }
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException("offline", epoch + 1, b + 1, loss, weights);
                }
                moments = moments.step(settings.adam(), weights, grad);
                total += loss * (to - from);
            }
            losses.add(total / n);
            seconds.add((System.nanoTime() - started) * 1e-9);
            if (progress != null) {
                progress.batchDone(epoch + 1, batches, batches, total / n);
            }
        }
        return new Result(network, weights, losses, seconds);
    }

    /** {@code x / scale - mean / scale}, with the arithmetic of {@link Normalization#normalize}. */
    /** The architecture with input and output normalisation fitted to the samples. */
    public static Network normalised(Network architecture, Samples samples) {
        return architecture.withNormalization(Normalization.fit(samples.features()), Normalization.fit(samples.targets()));
    }

    private static double[] normalise(double[] x, Normalization norm) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i] * (1.0 / norm.scale()[i]) + -norm.mean()[i] / norm.scale()[i];
        }
        return r;
    }

    private static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
