package org.ferrel.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ferrel.hybrid.nn.Activation;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.train.Adam;
import org.ferrel.hybrid.train.Batch;
import org.ferrel.hybrid.train.BatchGradient;
import org.ferrel.hybrid.train.Optimizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One offline training step of an MLP (32 -> 64 -> 64 -> 8, tanh, float64) on a batch of 256
 * samples: mean-squared-error loss, its gradient from the autodiff engine ({@link BatchGradient},
 * chunks of 64 samples, on {@code threads} threads) and an Adam update. The same step in PyTorch
 * is {@code bench/pytorch/mlp_training.py}; samples per second = 256 / time per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MlpTrainingBenchmark {
    static final int IN = 32;
    static final int[] HIDDEN = {64, 64};
    static final int OUT = 8;
    static final int BATCH = 256;

    @Param({"1", "2"})
    public int threads;

    private Network network;
    private double[][] weights;
    private Batch batch;
    private BatchGradient gradient;
    private Optimizer.Updater updater;

    @Setup(Level.Trial)
    public void setUp() {
        network = Network.mlp(IN, HIDDEN, OUT, Activation.TANH);
        weights = network.initialWeights(1);
        SplittableRandom rng = new SplittableRandom(2);
        double[] x = new double[BATCH * IN];
        double[] y = new double[BATCH * OUT];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextGaussian();
        }
        batch = new Batch(x, y, BATCH);
        gradient = new BatchGradient(network, threads);
        updater = Adam.withLearningRate(1e-4).start(network, weights, gradient);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gradient.close();
    }

    @Benchmark
    public double trainingStep() {
        return updater.update(weights, batch);
    }
}
