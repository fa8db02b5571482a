package org.ferrel.calibration.hybrid;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.nn.Normalization;
import org.ferrel.hybrid.param.FeatureSet;
import org.ferrel.hybrid.train.Dataset;
import org.ferrel.hybrid.train.LossHistory;
import org.ferrel.hybrid.train.NonFiniteLossException;
import org.ferrel.hybrid.train.OfflineTrainer;
import org.ferrel.hybrid.train.Optimizer;

/**
 * Offline training of a closure network on (features of the coarse state) to (subgrid tendency at
 * the cell centre), cell by cell: samples are drawn (seeded) from every snapshot of the training
 * truth, input and output normalisations are fitted to them, and mini-batch Adam or K-FAC
 * ({@link OfflineTrainer}) minimises the mean squared error of the normalised outputs.
 * Deterministic: seeded draws and shuffles, gradients summed in a fixed order.
 */
public final class OfflineStage {
    /**
     * @param epochs             passes over the samples
     * @param batchSize          samples per step
     * @param optimizer          the method (Adam or K-FAC)
     * @param samplesPerSnapshot cells drawn from each truth snapshot
     * @param seed               seed of the draws, the shuffles and the initial weights
     */
    public record Settings(int epochs, int batchSize, Optimizer optimizer, int samplesPerSnapshot, long seed) {
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
     * Trains {@code architecture} (without normalisation) on the samples with {@link OfflineTrainer}
     * (seeded shuffles, gradients summed in a fixed order: bitwise the same for any thread count).
     *
     * @throws TrainingDivergedException naming epoch and batch (from 1), with the last good weights
     */
    public static Result train(Network architecture, Samples samples, Settings settings, int threads) {
        Network network = normalised(architecture, samples);
        OfflineTrainer trainer = new OfflineTrainer(settings.optimizer(), settings.epochs(), settings.batchSize(), settings.seed(), threads);
        try {
            OfflineTrainer.Result r = trainer.train(network, network.initialWeights(settings.seed()),
                    new Dataset(samples.features(), samples.targets()));
            List<Double> losses = new ArrayList<>();
            List<Double> seconds = new ArrayList<>();
            double previous = 0;
            for (LossHistory.EpochPoint e : r.history().epochs()) {
                losses.add(e.meanLoss());
                seconds.add(e.seconds() - previous);
                previous = e.seconds();
            }
            return new Result(network, r.weights(), losses, seconds);
        } catch (NonFiniteLossException e) {
            throw TrainingDivergedException.of("offline", e);
        }
    }

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

}
