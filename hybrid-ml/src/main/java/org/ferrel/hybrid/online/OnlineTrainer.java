package org.ferrel.hybrid.online;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.ScheduleStats;
import org.ferrel.dycore.model.State;
import org.ferrel.hybrid.train.Adam;
import org.ferrel.hybrid.train.NonFiniteLossException;

/**
 * Online training: mini-batches of rollouts of the hybrid model from truth states (any
 * {@link Trajectories}, e.g. coarse-grained high-resolution runs), each differentiated through the
 * whole rollout ({@link RolloutLoss}), the batch's gradients averaged and applied by Adam. The
 * rollouts of a batch run in parallel, each on its own thread with a plain serial interpreter, and
 * their gradients are summed in rollout order, so the weights are bitwise the same for any thread
 * count. Windows are shuffled per epoch from {@code seed + epoch}, so an epoch does not depend on
 * how the run got there: a run continued from the {@link Progress} of an epoch (weights and
 * {@link Adam.Snapshot}) ends bitwise where an uninterrupted one does.
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

    /**
     * Everything that determines the rest of a run.
     *
     * @param nextEpoch    the epoch to train next (from 0)
     * @param weights      the weights after the epochs done
     * @param adam         Adam's steps and moments after the epochs done
     * @param epochLosses  the mean rollout loss of each epoch done
     * @param epochSeconds the wall time of each epoch done [s]
     */
    public record Progress(int nextEpoch, double[][] weights, Adam.Snapshot adam, List<Double> epochLosses,
                           List<Double> epochSeconds) {
        public Progress {
            epochLosses = List.copyOf(epochLosses);
            epochSeconds = List.copyOf(epochSeconds);
        }

        /** Where a run from these weights starts: epoch 0, fresh Adam moments, no losses. */
        public static Progress start(double[][] weights) {
            return new Progress(0, weights, Adam.Snapshot.start(weights), List.of(), List.of());
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
    private final Trajectories truth;
    private final Settings settings;

    /**
     * @param loss           the rollout loss (its trainable parameters are the network's weights)
     * @param baseParameters every model parameter (the trainable ones are replaced by the current weights)
     * @param truth          training trajectories
     * @param settings       how to train
     */
    public OnlineTrainer(RolloutLoss loss, Tensor[] baseParameters, Trajectories truth, Settings settings) {
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
        for (int c = 0; c < truth.trajectoryCount(); c++) {
            for (int s = 0; s + span < truth.snapshots(); s += Math.max(1, settings.windowStride())) {
                w.add(new Window(c, s));
            }
        }
        return w;
    }

    /**
     * Trains from {@code progress} to the last epoch.
     *
     * @throws NonFiniteLossException at the first batch whose loss or gradient is not finite, naming
     *                                epoch and batch (from 0), with the weights that batch was evaluated at
     *                                (its update is not applied)
     */
    public Progress train(Progress progress, Listener listener) throws java.io.IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.threads()));
        try {
            double[][] weights = copy(progress.weights());
            Adam.State adam = settings.adam().restore(progress.adam());
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
                        throw new NonFiniteLossException(epoch, b, g.loss(), weights);
                    }
                    adam.step(weights, g.gradient());
                    epochLoss += g.loss() * batch.size();
                    listener.batchDone(epoch + 1, b + 1, batches, g.loss());
                }
                losses.add(epochLoss / order.size());
                seconds.add((System.nanoTime() - started) * 1e-9);
                Progress done = new Progress(epoch + 1, copy(weights), adam.snapshot(), losses, seconds);
                listener.epochDone(done);
            }
            return new Progress(settings.epochs(), weights, adam.snapshot(), losses, seconds);
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
        ScheduleStats stats = null;
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
        int span = loss.options().steps() / truth.stepsPerSnapshot();
        List<State> targets = new ArrayList<>();
        for (int m = 1; m <= span; m++) {
            targets.add(truth.state(o, w.trajectory(), w.start() + m));
        }
        return loss.gradient(o, loss.parameters(o, baseParameters, weights), truth.state(o, w.trajectory(), w.start()), targets);
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

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
