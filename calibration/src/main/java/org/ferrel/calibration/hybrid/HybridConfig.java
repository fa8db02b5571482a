package org.ferrel.calibration.hybrid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.ferrel.hybrid.nn.Activation;
import org.ferrel.hybrid.param.FeatureSet;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.config.ConfigNode;

/**
 * A hybrid training configuration ({@code hybrid.yaml}): truth generation, network, offline and
 * online training, evaluation. Read with {@link #read}; a bad value is one
 * {@link ConfigException} naming file, line and key. The format is in {@code docs/train.md}.
 *
 * @param name       the experiment's name (output folder)
 * @param text       the file's text (stored in the outputs)
 * @param seed       the seed of weights, draws and shuffles
 * @param truth      truth generation
 * @param network    the closure network
 * @param offline    offline training
 * @param online     online training
 * @param evaluation evaluation
 */
public record HybridConfig(String name, String text, long seed, Truth truth, NetworkSpec network, Offline offline,
                           Online online, EvaluationSpec evaluation) {

    /**
     * @param setup            fine and coarse models
     * @param trainCases       training initial conditions (seeds 1..n)
     * @param testCases        held-out initial conditions (seeds 1001..1000+n)
     * @param days             length of each truth run [days]
     * @param stepsPerSnapshot coarse steps between snapshots
     */
    public record Truth(ModelSetup setup, int trainCases, int testCases, double days, int stepsPerSnapshot) {
        public int snapshots() {
            return (int) Math.round(days * 86400 / (setup.coarseTimeStep() * stepsPerSnapshot)) + 1;
        }

        public List<Long> trainSeeds() {
            List<Long> s = new ArrayList<>();
            for (int i = 1; i <= trainCases; i++) {
                s.add((long) i);
            }
            return s;
        }

        public List<Long> testSeeds() {
            List<Long> s = new ArrayList<>();
            for (int i = 1; i <= testCases; i++) {
                s.add(1000L + i);
            }
            return s;
        }
    }

    /** The closure network: features, hidden layer widths, activation. */
    public record NetworkSpec(FeatureSet features, int[] hidden, Activation activation) {
    }

    /**
     * Offline training: epochs, batch size, learning rate, cells drawn per snapshot, and the method
     * ({@code adam}, or {@code kfac}: K-FAC with its default damping and the same learning rate).
     */
    public record Offline(int epochs, int batchSize, double learningRate, int samplesPerSnapshot, String optimizer) {
        public org.ferrel.hybrid.train.Optimizer method() {
            return optimizer.equals("kfac") ? org.ferrel.hybrid.train.Kfac.withLearningRate(learningRate)
                    : org.ferrel.hybrid.train.Adam.withLearningRate(learningRate);
        }
    }

    /**
     * Online training.
     *
     * @param epochs           passes over the windows (0: skip the online stage)
     * @param rolloutSteps     coarse steps per rollout
     * @param rolloutsPerBatch rollouts per Adam step
     * @param windowStride     snapshots between window starts
     * @param learningRate     Adam's learning rate
     * @param snapshots        binomial checkpoint snapshots
     * @param massPenalty      weight of the mass-conservation penalty (0: none)
     */
    public record Online(int epochs, int rolloutSteps, int rolloutsPerBatch, int windowStride, double learningRate,
                         int snapshots, double massPenalty) {
    }

    /**
     * @param leadDays                  lead times of the RMSE [days]
     * @param stabilityDays             length of the stability runs [days]
     * @param hyperdiffusionCandidates  coefficients tried for the tuned-hyperdiffusion baseline [m^4/s]
     */
    public record EvaluationSpec(double[] leadDays, double stabilityDays, double[] hyperdiffusionCandidates) {
    }

    /** SHA-256 of the text that determines the truth data, so that a cached truth file is reused only for it. */
    public String truthDigest() {
        ModelSetup s = truth.setup();
        String key = String.format(Locale.ROOT, "truth v%d %s %d %s %s %s %d %d %s %d", TruthFile.VERSION, s.coarseDegrees(),
                s.factor(), s.coarseTimeStep(), s.fineHyperdiffusion(), s.polarFilterLatitude(), truth.trainCases(),
                truth.testCases(), truth.days(), truth.stepsPerSnapshot());
        return sha256(key);
    }

    /** SHA-256 of the whole file's text (a resume must continue the same configuration). */
    public String digest() {
        return sha256(text);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a configuration file.
     *
     * @throws ConfigException naming the file, line and key of the first bad value
     */
    public static HybridConfig read(Path file) throws IOException {
        String text = ConfigNode.readText(file);
        return parse(text, file.toString());
    }

    public static HybridConfig parse(String text, String fileName) {
        ConfigNode root = ConfigNode.parse(text, fileName).allowOnly("name", "seed", "truth", "network", "offline", "online",
                "evaluation");
        String name = root.string("name", "hybrid");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw root.error("name", "expected letters, digits, '_', '.', '-', got \"" + name + "\"");
        }
        long seed = root.integer("seed", 1, 0, Integer.MAX_VALUE);

        ConfigNode t = root.requireChild("truth").allowOnly("coarse_degrees", "factor", "time_step", "fine_hyperdiffusion",
                "polar_filter_latitude", "train_cases", "test_cases", "days", "snapshot_every");
        double degrees = t.number("coarse_degrees", 2.8125, 0.1, 45, "degrees");
        if (Math.abs(180 / degrees - Math.rint(180 / degrees)) > 1e-9) {
            throw t.error("coarse_degrees", "180 must be a whole multiple of it, got " + degrees);
        }
        int factor = t.integer("factor", 4, 4, 16);
        double dt = t.duration("time_step", 300, 1, 86400);
        ModelSetup setup = new ModelSetup(degrees, factor, dt, t.number("fine_hyperdiffusion", 1e14, 0, 1e18, "m^4/s"),
                t.number("polar_filter_latitude", 45, 0, 89, "degrees"));
        double stepsPerSnapshotSeconds = t.duration("snapshot_every", dt * 12, dt, 86400 * 10);
        int every = (int) Math.round(stepsPerSnapshotSeconds / dt);
        if (Math.abs(every * dt - stepsPerSnapshotSeconds) > 1e-6) {
            throw t.error("snapshot_every", "must be a whole number of time steps (" + dt + " s), got " + stepsPerSnapshotSeconds + " s");
        }
        Truth truth = new Truth(setup, t.integer("train_cases", 4, 1, 1000), t.integer("test_cases", 2, 1, 1000),
                t.duration("days", 5 * 86400, 0, 1000 * 86400) / 86400, every);

        ConfigNode n = root.childOrEmpty("network").allowOnly("features", "hidden", "activation");
        FeatureSet features = FeatureSet.valueOf(n.choice("features", "pointwise", "pointwise", "stencil_5point", "stencil_3x3")
                .toUpperCase(Locale.ROOT).replace("STENCIL_3X3", "STENCIL_3x3"));
        List<ConfigNode.Item> items = n.list("hidden");
        int[] hidden = items.isEmpty() ? new int[] {32, 32} : new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            try {
                hidden[i] = Integer.parseInt(items.get(i).text() == null ? "" : items.get(i).text().trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(fileName, items.get(i).line(), n.qualified("hidden"), "expected layer widths (integers), got "
                        + items.get(i).text());
            }
            if (hidden[i] < 1 || hidden[i] > 4096) {
                throw new ConfigException(fileName, items.get(i).line(), n.qualified("hidden"), "a width must be 1 to 4096, got "
                        + hidden[i]);
            }
        }
        Activation activation = Activation.valueOf(n.choice("activation", "tanh", "tanh", "relu", "sigmoid", "softplus")
                .toUpperCase(Locale.ROOT));

        ConfigNode off = root.childOrEmpty("offline").allowOnly("epochs", "batch", "learning_rate", "samples_per_snapshot",
                "optimizer");
        Offline offline = new Offline(off.integer("epochs", 20, 1, 100000), off.integer("batch", 256, 1, 1 << 20),
                off.number("learning_rate", 1e-3, 1e-8, 1, ""), off.integer("samples_per_snapshot", 256, 1, 1 << 20),
                off.choice("optimizer", "adam", "adam", "kfac"));

        ConfigNode on = root.childOrEmpty("online").allowOnly("epochs", "rollout_steps", "rollouts_per_batch", "window_stride",
                "learning_rate", "checkpoint_snapshots", "mass_penalty");
        int rollout = on.integer("rollout_steps", 600, 1, 1_000_000);
        if (rollout % every != 0) {
            throw on.error("rollout_steps", "must be a multiple of the " + every + " steps between truth snapshots, got " + rollout);
        }
        if (rollout / every >= truth.snapshots()) {
            throw on.error("rollout_steps", rollout + " steps need " + (rollout / every + 1) + " truth snapshots; truth.days gives "
                    + truth.snapshots());
        }
        Online online = new Online(on.integer("epochs", 3, 0, 100000), rollout, on.integer("rollouts_per_batch", 4, 1, 4096),
                on.integer("window_stride", 1, 1, 1_000_000), on.number("learning_rate", 1e-4, 1e-10, 1, ""),
                on.integer("checkpoint_snapshots", 8, 1, 10000), on.number("mass_penalty", 0, 0, 1e12, ""));

        ConfigNode ev = root.childOrEmpty("evaluation").allowOnly("lead_days", "stability_days", "hyperdiffusion_candidates");
        double[] leads = numbers(ev, "lead_days", new double[] {1, 3, 5}, fileName);
        double lastSnapshot = (truth.snapshots() - 1) * dt * every / 86400;
        for (double d : leads) {
            if (!(d > 0) || d > lastSnapshot + 1e-9 || Math.abs(d * 86400 / (dt * every) - Math.rint(d * 86400 / (dt * every))) > 1e-6) {
                throw ev.error("lead_days", "each lead must be a positive multiple of the snapshot spacing and at most truth.days ("
                        + lastSnapshot + "), got " + d);
            }
        }
        EvaluationSpec evaluation = new EvaluationSpec(leads, ev.duration("stability_days", 100 * 86400.0, 0, 1e5 * 86400) / 86400,
                numbers(ev, "hyperdiffusion_candidates", new double[] {1e14, 1e15, 1e16}, fileName));
        return new HybridConfig(name, text, seed, truth, new NetworkSpec(features, hidden, activation), offline, online, evaluation);
    }

    private static double[] numbers(ConfigNode node, String key, double[] defaults, String file) {
        List<ConfigNode.Item> items = node.list(key);
        if (items.isEmpty()) {
            return defaults;
        }
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Double.parseDouble(items.get(i).text().trim());
            } catch (RuntimeException e) {
                throw new ConfigException(file, items.get(i).line(), node.qualified(key), "expected numbers, got " + items.get(i).text());
            }
        }
        return out;
    }
}
