package org.ferrel.calibration.hybrid;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.State;
import org.ferrel.hybrid.train.Adam;

/**
 * Online training: mini-batches of rollouts of the hybrid model from coarse-grained truth states,
 * each differentiated through the whole rollout ({@link RolloutLoss}), the batch's gradients
 * averaged and applied by Adam. The rollouts of a batch run in parallel, each on its own thread
 * with a plain serial interpreter, and their gradients are summed in rollout order, so the weights
 * are bitwise the same for any thread count. Windows are shuffled per epoch from
 * {@code seed + epoch}, so an epoch does not depend on how the run got there (resume).
 */
public final class OnlineTrainer {
    /**
     * @param epochs           passes over the windows
     * @param rolloutsPerBatch rollouts per gradient step
     * @param windowStride     snapshots between the starts of consecutive windows of a trajectory
     * @param adam             the optimiser
     * @param seed             the shuffling seed
     * @param threads          rollouts computed at once
     */
    public record Settings(int epochs, int rolloutsPerBatch, int windowStride, Adam adam, long seed, int threads) {
    }

    /** A rollout's start: trajectory and snapshot. */
    public record Window(int trajectory, int start) {
    }

    /** Everything that determines the rest of a run: the next epoch, weights, optimiser moments, losses so far. */
    public record Progress(int nextEpoch, double[][] weights, AdamMoments moments, List<Double> epochLosses,
                           List<Double> epochSeconds) {
        public Progress {
            epochLosses = List.copyOf(epochLosses);
            epochSeconds = List.copyOf(epochSeconds);
        }
    }

    /** Told after each batch and each epoch. */
    public interface Listener {
        void batchDone(int epoch, int batch, int batches, double loss);

        /** The epoch is done; {@code progress} is what a resume from here needs. */
        void epochDone(Progress progress) throws java.io.IOException;
    }

    private final RolloutLoss loss;
    private final Tensor[] baseParameters;
    private final TruthData truth;
    private final Settings settings;

    /**
     * @param loss           the rollout loss (its trainable parameters are the network's weights)
     * @param baseParameters every model parameter (the trainable ones are replaced by the current weights)
     * @param truth          training trajectories
     * @param settings       how to train
     */
    public OnlineTrainer(RolloutLoss loss, Tensor[] baseParameters, TruthData truth, Settings settings) {
        int span = loss.options().steps() / truth.stepsPerSnapshot();
        if (loss.options().stepsPerObservation() != truth.stepsPerSnapshot()) {
            throw new IllegalArgumentException("online: observations every " + loss.options().stepsPerObservation()
                    + " steps, the truth has snapshots every " + truth.stepsPerSnapshot());
        }
        if (span >= truth.snapshots()) {
            throw new IllegalArgumentException("online: a rollout of " + loss.options().steps() + " steps needs " + (span + 1)
                    + " truth snapshots, the truth has " + truth.snapshots());
        }
        this.loss = loss;
        this.baseParameters = baseParameters.clone();
        this.truth = truth;
        this.settings = settings;
    }

    /** The rollout windows: every trajectory, starts every {@code windowStride} snapshots. */
    public List<Window> windows() {
        int span = loss.options().steps() / truth.stepsPerSnapshot();
        List<Window> w = new ArrayList<>();
        for (int c = 0; c < truth.trajectories().size(); c++) {
            for (int s = 0; s + span < truth.snapshots(); s += Math.max(1, settings.windowStride())) {
                w.add(new Window(c, s));
            }
        }
        return w;
    }

    /**
     * Trains from {@code progress} to the last epoch.
     *
     * @throws TrainingDivergedException naming epoch and batch, with the last good weights
     */
    public Progress train(Progress progress, Listener listener) throws java.io.IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.threads()));
        try {
            double[][] weights = copy(progress.weights());
            AdamMoments moments = progress.moments();
            List<Double> losses = new ArrayList<>(progress.epochLosses());
            List<Double> seconds = new ArrayList<>(progress.epochSeconds());
            List<Window> windows = windows();
            for (int epoch = progress.nextEpoch(); epoch < settings.epochs(); epoch++) {
                long started = System.nanoTime();
                List<Window> order = shuffled(windows, settings.seed() + epoch);
                int batches = (order.size() + settings.rolloutsPerBatch() - 1) / settings.rolloutsPerBatch();
                double epochLoss = 0;
                for (int b = 0; b < batches; b++) {
                    List<Window> batch = order.subList(b * settings.rolloutsPerBatch(),
                            Math.min(order.size(), (b + 1) * settings.rolloutsPerBatch()));
                    RolloutLoss.Gradient g = batchGradient(pool, batch, weights);
                    if (!Double.isFinite(g.loss()) || !finite(g.gradient())) {
                        throw new TrainingDivergedException("online", epoch + 1, b + 1, g.loss(), weights);
                    }
                    moments = moments.step(settings.adam(), weights, g.gradient());
                    epochLoss += g.loss() * batch.size();
                    listener.batchDone(epoch + 1, b + 1, batches, g.loss());
                }
                losses.add(epochLoss / order.size());
                seconds.add((System.nanoTime() - started) * 1e-9);
                Progress done = new Progress(epoch + 1, copy(weights), copy(moments), losses, seconds);
                listener.epochDone(done);
            }
            return new Progress(settings.epochs(), weights, moments, losses, seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The batch's mean loss and mean gradient; rollouts in parallel, summed in rollout order. */
    public RolloutLoss.Gradient batchGradient(ExecutorService pool, List<Window> batch, double[][] weights) {
        List<Future<RolloutLoss.Gradient>> futures = new ArrayList<>();
        for (Window w : batch) {
            futures.add(pool.submit(() -> rollout(w, weights)));
        }
        double total = 0;
        double[][] sum = null;
        org.ferrel.autodiff.loop.ScheduleStats stats = null;
        try {
            for (Future<RolloutLoss.Gradient> f : futures) {
                RolloutLoss.Gradient g = f.get();
                total += g.loss();
                stats = g.stats();
                if (sum == null) {
                    sum = copy(g.gradient());
                } else {
                    for (int i = 0; i < sum.length; i++) {
                        for (int k = 0; k < sum[i].length; k++) {
                            sum[i][k] += g.gradient()[i][k];
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("online training interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        double n = batch.size();
        for (double[] s : sum) {
            for (int k = 0; k < s.length; k++) {
                s[k] /= n;
            }
        }
        return new RolloutLoss.Gradient(total / n, sum, stats);
    }

    /** One window's loss and gradient at these weights, on the calling thread. */
    public RolloutLoss.Gradient rollout(Window w, double[][] weights) {
        Eager o = Eager.serial();
        TruthData.Trajectory tr = truth.trajectories().get(w.trajectory());
        int span = loss.options().steps() / truth.stepsPerSnapshot();
        List<State> targets = new ArrayList<>();
        for (int m = 1; m <= span; m++) {
            targets.add(tr.state(o, truth.grid(), w.start() + m));
        }
        return loss.gradient(o, loss.parameters(o, baseParameters, weights), tr.state(o, truth.grid(), w.start()), targets);
    }

    private static List<Window> shuffled(List<Window> windows, long seed) {
        List<Window> w = new ArrayList<>(windows);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = w.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Window t = w.get(i);
            w.set(i, w.get(j));
            w.set(j, t);
        }
        return w;
    }

    private static boolean finite(double[][] a) {
        for (double[] x : a) {
            for (double v : x) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static AdamMoments copy(AdamMoments m) {
        return new AdamMoments(copy(m.m()), copy(m.v()), m.steps());
    }
}
