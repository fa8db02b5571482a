package org.ferrel.hybrid.lorenz96;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ferrel.hybrid.nn.Activation;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.nn.Normalization;
import org.ferrel.hybrid.train.Adam;
import org.ferrel.hybrid.train.Dataset;
import org.ferrel.hybrid.train.LossHistory;
import org.ferrel.hybrid.train.OfflineTrainer;

/**
 * The learned-closure experiment on the two-scale Lorenz-96 system: a truth run of the full model
 * gives (X_k, U_k) training pairs; a cubic polynomial (the baseline of Wilks 2005 and Arnold et al.
 * 2013), a pointwise network X_k -> U_k and a stencil network X_{k-2..k+2} -> U_k are fitted to
 * them; the coarse model with each closure (with none, and with the published cubic of Arnold et
 * al. 2013) is then judged on held-out truth by the forecast RMSE of X at several lead times and by
 * the distance of its long-run distribution of X from the full model's (the Hellinger distance of
 * histograms). The distance between the histograms of the two halves of the truth's climate run is
 * reported as the sampling-noise floor of that distance: differences below it mean nothing.
 *
 * @param system          the two-scale system
 * @param settings        lengths, steps and training choices
 */
public record ClosureExperiment(TwoScaleLorenz96 system, Settings settings) {

    /**
     * @param fineStep        time step of the full model [MTU]
     * @param coarseStep      time step of the coarse model [MTU]
     * @param spinUp          spin-up before sampling [MTU]
     * @param trainingLength  length of the training run [MTU]
     * @param sampleInterval  time between training samples [MTU]
     * @param cases           held-out forecast cases
     * @param caseSpacing     time between case start times [MTU]
     * @param leads           forecast lead times [MTU], multiples of the coarse step
     * @param climateLength   length of the climate runs [MTU]
     * @param epochs          training epochs
     * @param batchSize       samples per Adam step
     * @param hidden          hidden widths of the networks
     * @param seed            seed of initial state, weights and shuffles
     */
    public record Settings(double fineStep, double coarseStep, double spinUp, double trainingLength, double sampleInterval,
                           int cases, double caseSpacing, double[] leads, double climateLength, int epochs, int batchSize,
                           int[] hidden, long seed) {
        /** A set-up that runs in seconds. */
        public static Settings quick(long seed) {
            return new Settings(0.001, 0.005, 5, 30, 0.02, 30, 0.5, new double[] {0.2, 0.5, 1, 2}, 60, 20, 128,
                    new int[] {16, 16}, seed);
        }

        /** The set-up of the validation report. */
        public static Settings validation(long seed) {
            return new Settings(0.001, 0.005, 10, 100, 0.01, 200, 0.5, new double[] {0.2, 0.5, 1, 2}, 500, 40, 128,
                    new int[] {32, 32}, seed);
        }
    }

    /**
     * One closure's scores.
     *
     * @param closure      the closure's name
     * @param forecastRmse RMSE of X at each lead time
     * @param hellinger    Hellinger distance of the climate histogram of X from the truth's; NaN when
     *                     the coarse model blew up (a non-finite X) during the climate run
     * @param pdf          the climate histogram (probabilities per bin; values outside the bins
     *                     count in the end bins)
     * @param halves       Hellinger distance between the histograms of the first and second half of
     *                     this closure's own climate run: its sampling noise (NaN when it blew up).
     *                     Much larger than the truth's means the coarse model changes regime over
     *                     the run, and its distance from the truth is uncertain by about as much
     */
    public record Score(String closure, double[] forecastRmse, double hellinger, double[] pdf, double halves) {
    }

    /**
     * The outcome.
     *
     * @param leads      lead times [MTU]
     * @param binEdges   histogram bin edges of X
     * @param truthPdf   the full model's histogram (probabilities per bin)
     * @param noiseFloor Hellinger distance between the histograms of the first and second half of
     *                   the truth's climate run: the sampling noise of the climate scores
     * @param scores     per closure, in the order no closure, fitted cubic, published cubic of Arnold
     *                   et al. (2013), pointwise network, stencil network
     * @param cubic      the fitted cubic's coefficients a_0..a_3
     * @param pointwise  the pointwise network's training history
     * @param stencil    the stencil network's training history
     * @param samples    training pairs
     */
    public record Report(double[] leads, double[] binEdges, double[] truthPdf, double noiseFloor, List<Score> scores,
                         double[] cubic,
                         LossHistory pointwise, LossHistory stencil, int samples) {
        public Score score(String closure) {
            return scores.stream().filter(s -> s.closure().equals(closure)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no closure named " + closure));
        }
    }

    public static final String POINTWISE = "pointwise network";
    public static final String STENCIL = "stencil network";
    private static final int BINS = 64;
    private static final double LOW = -12;
    private static final double HIGH = 20;

    /** Runs everything. */
    public Report run() {
        int k = system.k();
        int n = k * system.j();
        SplittableRandom rng = new SplittableRandom(settings.seed);
        double[] x = new double[k];
        double[] y = new double[n];
        for (int i = 0; i < k; i++) {
            x[i] = system.forcing() * (0.5 + rng.nextDouble());
        }
        for (int q = 0; q < n; q++) {
            y[q] = 0.1 * (rng.nextDouble() - 0.5);
        }
        advance(x, y, settings.spinUp);

        // training pairs (X_k neighbourhood, U_k)
        int every = (int) Math.round(settings.sampleInterval / settings.fineStep);
        int times = (int) Math.round(settings.trainingLength / settings.sampleInterval);
        List<double[]> states = new ArrayList<>();
        List<double[]> couplings = new ArrayList<>();
        double[] u = new double[k];
        for (int t = 0; t < times; t++) {
            for (int s = 0; s < every; s++) {
                system.step(x, y, settings.fineStep);
            }
            system.coupling(y, u);
            states.add(x.clone());
            couplings.add(u.clone());
        }
        double[] allX = new double[times * k];
        double[] allU = new double[times * k];
        for (int t = 0; t < times; t++) {
            System.arraycopy(states.get(t), 0, allX, t * k, k);
            System.arraycopy(couplings.get(t), 0, allU, t * k, k);
        }
        PolynomialClosure cubic = PolynomialClosure.fit(allX, allU, 3);
        Dataset pointwiseData = dataset(states, couplings, 0);
        Dataset stencilData = dataset(states, couplings, 2);
        Network pointwiseNetwork = normalized(0, pointwiseData);
        Network stencilNetwork = normalized(2, stencilData);
        OfflineTrainer.Result pointwise = train(pointwiseNetwork, pointwiseData, 0);
        OfflineTrainer.Result stencil = train(stencilNetwork, stencilData, 2);
        PolynomialClosure published = PolynomialClosure.arnold2013();
        Map<String, Closure> closures = new LinkedHashMap<>();
        closures.put(Closure.NONE.name(), Closure.NONE);
        closures.put(cubic.name(), cubic);
        closures.put(published.name(), published);
        closures.put(POINTWISE, new NetworkClosure(POINTWISE, pointwiseNetwork, pointwise.weights(), 0));
        closures.put(STENCIL, new NetworkClosure(STENCIL, stencilNetwork, stencil.weights(), 2));

        // held-out forecasts
        double[] leads = settings.leads;
        double[][] squared = new double[closures.size()][leads.length];
        int spacing = (int) Math.round(settings.caseSpacing / settings.fineStep);
        int perCoarse = (int) Math.round(settings.coarseStep / settings.fineStep);
        for (int c = 0; c < settings.cases; c++) {
            for (int s = 0; s < spacing; s++) {
                system.step(x, y, settings.fineStep);
            }
            double[][] truth = truthAtLeads(x.clone(), y.clone(), leads);
            int m = 0;
            for (Closure closure : closures.values()) {
                double[] xc = x.clone();
                CoarseLorenz96 coarse = new CoarseLorenz96(system, closure);
                int done = 0;
                for (int l = 0; l < leads.length; l++) {
                    int steps = (int) Math.round(leads[l] / settings.coarseStep);
                    for (; done < steps; done++) {
                        coarse.step(xc, settings.coarseStep);
                    }
                    for (int i = 0; i < k; i++) {
                        double d = xc[i] - truth[l][i];
                        squared[m][l] += d * d / (k * settings.cases);
                    }
                }
                m++;
            }
        }

        // climate
        double[] truthHistogram = new double[BINS];
        double[] firstHalf = new double[BINS];
        double[] secondHalf = new double[BINS];
        int climateSteps = (int) Math.round(settings.climateLength / settings.coarseStep);
        double[] xt = x.clone();
        double[] yt = y.clone();
        for (int s = 0; s < climateSteps; s++) {
            for (int f = 0; f < perCoarse; f++) {
                system.step(xt, yt, settings.fineStep);
            }
            count(xt, truthHistogram);
            count(xt, 2 * s < climateSteps ? firstHalf : secondHalf);
        }
        normalize(truthHistogram);
        normalize(firstHalf);
        normalize(secondHalf);
        double noiseFloor = hellinger(firstHalf, secondHalf);
        List<Score> scores = new ArrayList<>();
        int m = 0;
        for (Closure closure : closures.values()) {
            double[] hist = new double[BINS];
            double[] first = new double[BINS];
            double[] second = new double[BINS];
            double[] xc = x.clone();
            CoarseLorenz96 coarse = new CoarseLorenz96(system, closure);
            boolean finite = true;
            for (int s = 0; s < climateSteps && finite; s++) {
                coarse.step(xc, settings.coarseStep);
                finite = allFinite(xc);
                if (finite) {
                    count(xc, hist);
                    count(xc, 2 * s < climateSteps ? first : second);
                }
            }
            normalize(hist);
            normalize(first);
            normalize(second);
            double[] rmse = new double[leads.length];
            for (int l = 0; l < leads.length; l++) {
                rmse[l] = Math.sqrt(squared[m][l]);
            }
            scores.add(new Score(closure.name(), rmse, finite ? hellinger(truthHistogram, hist) : Double.NaN, hist,
                    finite ? hellinger(first, second) : Double.NaN));
            m++;
        }
        double[] edges = new double[BINS + 1];
        for (int b = 0; b <= BINS; b++) {
            edges[b] = LOW + (HIGH - LOW) * b / BINS;
        }
        return new Report(leads.clone(), edges, truthHistogram, noiseFloor, scores, cubic.coefficients(), pointwise.history(),
                stencil.history(), times * k);
    }

    private void advance(double[] x, double[] y, double time) {
        int steps = (int) Math.round(time / settings.fineStep);
        for (int s = 0; s < steps; s++) {
            system.step(x, y, settings.fineStep);
        }
    }

    private double[][] truthAtLeads(double[] x, double[] y, double[] leads) {
        double[][] out = new double[leads.length][];
        int done = 0;
        for (int l = 0; l < leads.length; l++) {
            int steps = (int) Math.round(leads[l] / settings.fineStep);
            for (; done < steps; done++) {
                system.step(x, y, settings.fineStep);
            }
            out[l] = x.clone();
        }
        return out;
    }

    private Network network(int radius) {
        return Network.mlp(2 * radius + 1, settings.hidden, 1, Activation.TANH);
    }

    private static Dataset dataset(List<double[]> states, List<double[]> couplings, int radius) {
        List<double[]> in = new ArrayList<>();
        List<double[]> out = new ArrayList<>();
        for (int t = 0; t < states.size(); t++) {
            double[][] rows = NetworkClosure.stencils(states.get(t), radius);
            for (int i = 0; i < rows.length; i++) {
                in.add(rows[i]);
                out.add(new double[] {couplings.get(t)[i]});
            }
        }
        return new Dataset(in.toArray(new double[0][]), out.toArray(new double[0][]));
    }

    private Network normalized(int radius, Dataset d) {
        return network(radius).withNormalization(Normalization.fit(d.inputs()), Normalization.fit(d.targets()));
    }

    private OfflineTrainer.Result train(Network net, Dataset d, int radius) {
        OfflineTrainer trainer = new OfflineTrainer(Adam.withLearningRate(3e-3), settings.epochs, settings.batchSize,
                settings.seed + radius, 1);
        return trainer.train(net, net.initialWeights(settings.seed + 100 + radius), d);
    }

    private static boolean allFinite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static void count(double[] x, double[] histogram) {
        for (double v : x) {
            int b = (int) Math.floor((v - LOW) / (HIGH - LOW) * BINS);
            histogram[Math.max(0, Math.min(BINS - 1, b))]++;
        }
    }

    private static void normalize(double[] histogram) {
        double s = 0;
        for (double v : histogram) {
            s += v;
        }
        for (int b = 0; b < histogram.length; b++) {
            histogram[b] = s > 0 ? histogram[b] / s : 0;
        }
    }

    /** {@code sqrt(1 - sum_b sqrt(p_b q_b))} of two probability vectors: 0 for equal, 1 for disjoint. */
    public static double hellinger(double[] p, double[] q) {
        double bc = 0;
        for (int b = 0; b < p.length; b++) {
            bc += Math.sqrt(p[b] * q[b]);
        }
        return Math.sqrt(Math.max(0, 1 - bc));
    }
}
