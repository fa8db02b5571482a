package org.ferrel.calibration.hybrid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.dycore.model.Hyperdiffusion;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.nn.WeightSpec;
import org.ferrel.hybrid.online.OnlineTrainer;
import org.ferrel.hybrid.online.RolloutLoss;
import org.ferrel.hybrid.param.NeuralTendency;
import org.ferrel.hybrid.train.Adam;
import org.ferrel.hybrid.train.NonFiniteLossException;
import org.ferrel.io.files.AtomicFiles;

/**
 * {@code ferrel train}: truth generation (cached by the digest of its settings), offline training,
 * online training (a checkpoint after every epoch; {@code --resume} continues from it to bitwise
 * the same weights), the tuned-hyperdiffusion baseline and the evaluation of every model on the
 * held-out initial conditions, into one folder: {@code truth-train.nc}, {@code truth-test.nc},
 * {@code weights-offline.nc}, {@code weights-online.nc}, {@code online-checkpoint.nc},
 * {@code report.json}, {@code loss.png}, {@code skill.png}, {@code spectra.png},
 * {@code hybrid.yaml}.
 */
public final class HybridTraining {
    /** The closure term's name (its weights are the parameters {@code closure.layer0.kernel}, ...). */
    public static final String CLOSURE = "closure";

    /** Where, whether to resume, how many threads, whom to tell. */
    public record Options(Path directory, boolean resume, int threads, Listener listener) {
    }

    /** Told what the training does. */
    public interface Listener {
        /** A stage starts (one line). */
        void stage(String message);

        /** A batch or epoch of a training stage is done. */
        void progress(String stage, int epoch, int epochs, int batch, int batches, double loss);
    }

    private HybridTraining() {
    }

    /** Runs everything; returns the report's path. */
    public static Path run(HybridConfig c, Options opt) throws IOException {
        Path dir = opt.directory();
        Path checkpointFile = dir.resolve("online-checkpoint.nc");
        if (!opt.resume() && Files.exists(checkpointFile)) {
            throw new IllegalArgumentException(dir + " already holds a training run (online-checkpoint.nc); continue it with"
                    + " --resume or train into another folder (-o)");
        }
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("hybrid.yaml"), c.text());
        Listener say = opt.listener();
        TruthData train = truth(c, dir.resolve("truth-train.nc"), c.truth().trainSeeds(), "training", opt);
        TruthData test = truth(c, dir.resolve("truth-test.nc"), c.truth().testSeeds(), "held-out", opt);

        say.stage("offline training: " + c.offline().epochs() + " epochs of " + c.offline().optimizer() + " on subgrid tendencies");
        OfflineStage.Samples samples = OfflineStage.samples(train, c.network().features(), c.offline().samplesPerSnapshot(), c.seed());
        Network architecture = Network.mlp(c.network().features().count(), c.network().hidden(), NeuralTendency.OUTPUTS,
                c.network().activation());
        OfflineStage.Result offline;
        try {
            offline = OfflineStage.train(architecture, samples, new OfflineStage.Settings(c.offline().epochs(),
                    c.offline().batchSize(), c.offline().method(), c.offline().samplesPerSnapshot(),
                    c.seed()), opt.threads());
        } catch (TrainingDivergedException e) {
            Network fitted = OfflineStage.normalised(architecture, samples);
            writeWeights(dir.resolve("weights-offline.nc"), c, fitted, e.lastGoodWeights(),
                    "offline, stopped at epoch " + e.epoch() + " batch " + e.batch() + " (last good weights)", e.epoch() - 1, List.of());
            throw e;
        }
        Network network = offline.network();
        for (int e = 0; e < offline.epochLosses().size(); e++) {
            say.progress("offline", e + 1, c.offline().epochs(), 1, 1, offline.epochLosses().get(e));
        }
        writeWeights(dir.resolve("weights-offline.nc"), c, network, offline.weights(), "offline", c.offline().epochs(),
                offline.epochLosses());

        ModelSetup setup = c.truth().setup();
        NeuralTendency closure = new NeuralTendency(CLOSURE, network, c.network().features(), offline.weights());
        Model hybrid = setup.coarse(closure);
        Eager o = Eager.serial();
        Tensor[] base = hybrid.defaultParameters(o);
        List<String> names = network.weightSpecs().stream().map(closure::parameterName).toList();
        RolloutLoss loss = new RolloutLoss(hybrid, names, c.online().massPenalty() > 0 ? closure : null,
                new RolloutLoss.Options(c.online().rolloutSteps(), c.truth().stepsPerSnapshot(), fieldScales(train),
                        c.online().massPenalty(), depthTendencyScale(train), CheckpointSchedule.binomial(c.online().snapshots())));
        OnlineTrainer trainer = new OnlineTrainer(loss, base, train, new OnlineTrainer.Settings(c.online().epochs(),
                c.online().rolloutsPerBatch(), c.online().windowStride(), Adam.withLearningRate(c.online().learningRate()), c.seed(),
                opt.threads()));
        OnlineTrainer.Progress start = opt.resume() && Files.exists(checkpointFile)
                ? TrainingCheckpoint.read(checkpointFile, c.digest())
                : OnlineTrainer.Progress.start(offline.weights());
        say.stage("online training: epochs " + (start.nextEpoch() + 1) + " to " + c.online().epochs() + ", "
                + trainer.windows().size() + " rollouts of " + c.online().rolloutSteps() + " steps per epoch, "
                + c.online().rolloutsPerBatch() + " per batch");
        OnlineTrainer.Progress done;
        try {
            done = trainer.train(start, new OnlineTrainer.Listener() {
            @Override
            public void batchDone(int epoch, int batch, int batches, double value) {
                say.progress("online", epoch, c.online().epochs(), batch, batches, value);
            }

            @Override
            public void epochDone(OnlineTrainer.Progress p) throws IOException {
                writeWeights(dir.resolve("weights-online.nc"), c, network, p.weights(), "online", p.nextEpoch(), p.epochLosses());
                TrainingCheckpoint.write(checkpointFile, p, c.digest());
            }
            });
        } catch (NonFiniteLossException e) {
            TrainingDivergedException stopped = TrainingDivergedException.of("online", e);
            writeWeights(dir.resolve("weights-online.nc"), c, network, stopped.lastGoodWeights(), "online, stopped at epoch "
                    + stopped.epoch() + " batch " + stopped.batch() + " (last good weights)", stopped.epoch() - 1, List.of());
            throw stopped;
        }

        say.stage("measuring the online gradient/forward time ratio");
        double ratio = gradientForwardRatio(trainer, loss, base, train, done.weights());

        say.stage("tuning the hyperdiffusion baseline over " + c.evaluation().hyperdiffusionCandidates().length + " coefficients");
        Map<Double, Double> tuning = HyperdiffusionTuning.losses(setup, train, c.online().rolloutSteps(),
                c.evaluation().hyperdiffusionCandidates(), fieldScales(train));
        double tuned = HyperdiffusionTuning.best(tuning);

        say.stage("evaluating on " + test.trajectories().size() + " held-out initial conditions, stability over "
                + c.evaluation().stabilityDays() + " days");
        List<Evaluation.Variant> variants = new ArrayList<>();
        Model none = setup.coarse();
        variants.add(new Evaluation.Variant("no closure", none, none.defaultParameters(o)));
        Model diffused = setup.coarse(new Hyperdiffusion(tuned, true));
        variants.add(new Evaluation.Variant("tuned hyperdiffusion", diffused, diffused.defaultParameters(o)));
        variants.add(new Evaluation.Variant("hybrid offline", hybrid, loss.parameters(o, base, offline.weights())));
        if (c.online().epochs() > 0) {
            variants.add(new Evaluation.Variant("hybrid online", hybrid, loss.parameters(o, base, done.weights())));
        }
        int[] leads = new int[c.evaluation().leadDays().length];
        for (int k = 0; k < leads.length; k++) {
            leads[k] = (int) Math.round(c.evaluation().leadDays()[k] * 86400 / test.snapshotInterval());
        }
        List<Evaluation.Skill> skills = new ArrayList<>();
        List<Evaluation.Stability> stability = new ArrayList<>();
        State stabilityStart = test.trajectories().getFirst().state(o, test.grid(), 0);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, opt.threads()));
        try {
            List<java.util.concurrent.Future<Evaluation.Skill>> skillRuns = new ArrayList<>();
            List<java.util.concurrent.Future<Evaluation.Stability>> stabilityRuns = new ArrayList<>();
            for (Evaluation.Variant v : variants) {
                stabilityRuns.add(pool.submit(() -> Evaluation.stability(v, stabilityStart, c.evaluation().stabilityDays())));
                skillRuns.add(pool.submit(() -> Evaluation.skill(v, test, leads)));
            }
            for (int i = 0; i < variants.size(); i++) {
                skills.add(skillRuns.get(i).get());
                stability.add(stabilityRuns.get(i).get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double[] truthSpectrum = Evaluation.truthSpectrum(test, leads[leads.length - 1]);
        TrainReport report = new TrainReport(c, offline, done, ratio, tuning, tuned, skills, stability, truthSpectrum);
        return report.write(dir);
    }

    private static TruthData truth(HybridConfig c, Path file, List<Long> seeds, String what, Options opt) throws IOException {
        String digest = c.truthDigest() + " " + seeds;
        if (Files.exists(file) && digest.equals(TruthFile.digest(file))) {
            opt.listener().stage(what + " truth: reusing " + file.getFileName() + " (same truth settings)");
            return TruthFile.read(file);
        }
        ModelSetup s = c.truth().setup();
        opt.listener().stage(String.format(java.util.Locale.ROOT, "%s truth: %d runs of %.1f days on the %dx%d grid, coarse-grained to %dx%d",
                what, seeds.size(), c.truth().days(), s.fineGrid().nx(), s.fineGrid().ny(), s.coarseGrid().nx(), s.coarseGrid().ny()));
        TruthData data = new TruthGenerator(s, c.truth().snapshots(), c.truth().stepsPerSnapshot()).generate(seeds, opt.threads(),
                n -> opt.listener().progress(what + " truth", 1, 1, n, seeds.size(), Double.NaN));
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("source", "ferrel train " + c.name() + ": perturbed Galewsky jets, seeds " + seeds);
        provenance.put("fine_grid", s.fineGrid().nx() + "x" + s.fineGrid().ny());
        provenance.put("fine_hyperdiffusion_m4_per_s", Double.toString(s.fineHyperdiffusion()));
        TruthFile.write(file, data, digest, provenance);
        return data;
    }

    /** RMS of h, u, v over the training truth (the loss's per-field scales; at least 1 m and 1 m/s). */
    static double[] fieldScales(TruthData truth) {
        double[] sum = new double[3];
        double[] mean = new double[3];
        long n = 0;
        for (TruthData.Trajectory tr : truth.trajectories()) {
            for (double[][] s : tr.states()) {
                for (int f = 0; f < 3; f++) {
                    for (double x : s[f]) {
                        mean[f] += x;
                        sum[f] += x * x;
                    }
                }
                n += s[0].length;
            }
        }
        double[] scale = new double[3];
        for (int f = 0; f < 3; f++) {
            double m = mean[f] / n;
            scale[f] = Math.max(1.0, Math.sqrt(Math.max(0, sum[f] / n - m * m)));
        }
        return scale;
    }

    /** RMS of the subgrid depth tendency over the training truth [m/s]. */
    static double depthTendencyScale(TruthData truth) {
        double s = 0;
        long n = 0;
        for (TruthData.Trajectory tr : truth.trajectories()) {
            for (double[][] t : tr.targets()) {
                for (double x : t[0]) {
                    s += x * x;
                }
                n += t[0].length;
            }
        }
        return Math.max(1e-12, Math.sqrt(s / n));
    }

    private static double gradientForwardRatio(OnlineTrainer trainer, RolloutLoss loss, Tensor[] base, TruthData train,
                                               double[][] weights) {
        OnlineTrainer.Window w = trainer.windows().getFirst();
        Eager o = Eager.serial();
        TruthData.Trajectory tr = train.trajectories().get(w.trajectory());
        List<State> targets = new ArrayList<>();
        int span = loss.options().steps() / train.stepsPerSnapshot();
        for (int m = 1; m <= span; m++) {
            targets.add(tr.state(o, train.grid(), w.start() + m));
        }
        Tensor[] p = loss.parameters(o, base, weights);
        State s0 = tr.state(o, train.grid(), w.start());
        loss.loss(o, p, s0, targets);
        long t0 = System.nanoTime();
        loss.loss(o, p, s0, targets);
        long t1 = System.nanoTime();
        trainer.rollout(w, weights);
        long t2 = System.nanoTime();
        return (double) (t2 - t1) / (t1 - t0);
    }

    static void writeWeights(Path file, HybridConfig c, Network network, double[][] weights, String stage, int epochs,
                             List<Double> losses) throws IOException {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("training_stage", stage);
        provenance.put("epochs", Integer.toString(epochs));
        provenance.put("final_loss", losses.isEmpty() ? "none" : Double.toString(losses.getLast()));
        provenance.put("config_name", c.name());
        provenance.put("config_digest", c.digest());
        provenance.put("seed", Long.toString(c.seed()));
        provenance.put("weight_names", String.join(" ", network.weightSpecs().stream().map(WeightSpec::name).toList()));
        WeightsFile.write(file, new WeightsFile.Weights(network, c.network().features(), weights, provenance));
    }
}
