package org.ferrel.bench.figures;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ferrel.hybrid.lorenz96.ClosureExperiment;
import org.ferrel.hybrid.lorenz96.TwoScaleLorenz96;
import org.ferrel.hybrid.nn.Activation;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.nn.Normalization;
import org.ferrel.hybrid.train.Adam;
import org.ferrel.hybrid.train.Dataset;
import org.ferrel.hybrid.train.FisherEstimate;
import org.ferrel.hybrid.train.Kfac;
import org.ferrel.hybrid.train.LossHistory;
import org.ferrel.hybrid.train.OfflineTrainer;
import org.ferrel.io.figures.LinePlot;

/**
 * Figures and tables of docs/validation.md and docs/performance.md for hybrid-ml: the two-scale
 * Lorenz-96 closure experiment (forecast RMSE against lead time, climate PDF of X) and offline
 * training loss against wall time for Adam and K-FAC on its closure data.
 * Usage: {@code HybridFigures <output-folder> [quick]}; prints the numbers as Markdown tables.
 */
public final class HybridFigures {
    private static final Color[] COLORS = {Color.GRAY, new Color(0xd62728), new Color(0xff7f0e), new Color(0x1f77b4),
            new Color(0x2ca02c)};

    private HybridFigures() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/figures");
        boolean quick = args.length > 1 && args[1].equals("quick");
        TwoScaleLorenz96 system = TwoScaleLorenz96.arnold2013();
        ClosureExperiment.Settings settings = quick ? ClosureExperiment.Settings.quick(42)
                : ClosureExperiment.Settings.validation(42);
        long t0 = System.nanoTime();
        ClosureExperiment.Report r = new ClosureExperiment(system, settings).run();
        System.out.printf(Locale.ROOT, "closure experiment: %.1f s, %d training pairs%n", (System.nanoTime() - t0) / 1e9,
                r.samples());
        closureTables(r);
        closureFigures(r, out);
        optimizerFigure(system, out, quick);
    }

    private static void closureTables(ClosureExperiment.Report r) {
        StringBuilder head = new StringBuilder("| closure |");
        StringBuilder rule = new StringBuilder("|---|");
        for (double lead : r.leads()) {
            head.append(String.format(Locale.ROOT, " RMSE at %.1f MTU |", lead));
            rule.append("---|");
        }
        System.out.println(head.append(" Hellinger distance of the PDF of X | between the halves of its run |"));
        System.out.println(rule.append("---|---|"));
        for (ClosureExperiment.Score s : r.scores()) {
            StringBuilder row = new StringBuilder("| " + s.closure() + " |");
            for (double e : s.forecastRmse()) {
                row.append(String.format(Locale.ROOT, " %.3f |", e));
            }
            System.out.println(row.append(String.format(Locale.ROOT, " %.4f | %.4f |", s.hellinger(), s.halves())));
        }
        System.out.println("cubic fit a0..a3 = " + Arrays.toString(r.cubic()));
        System.out.printf(Locale.ROOT, "noise floor of the Hellinger distance (two halves of the truth run): %.4f%n",
                r.noiseFloor());
    }

    private static void closureFigures(ClosureExperiment.Report r, Path out) throws IOException {
        LinePlot rmse = new LinePlot("Two-scale Lorenz-96: forecast error of the coarse model", "lead time [MTU]",
                "RMSE of X", false, false);
        LinePlot pdf = new LinePlot("Two-scale Lorenz-96: climate of X", "X", "probability per bin", false, false);
        double[] centres = new double[r.truthPdf().length];
        for (int b = 0; b < centres.length; b++) {
            centres[b] = 0.5 * (r.binEdges()[b] + r.binEdges()[b + 1]);
        }
        pdf.add(new LinePlot.Series("full model", centres, r.truthPdf(), Color.BLACK, true, false));
        List<ClosureExperiment.Score> scores = r.scores();
        for (int i = 0; i < scores.size(); i++) {
            ClosureExperiment.Score s = scores.get(i);
            rmse.add(new LinePlot.Series(s.closure(), r.leads(), s.forecastRmse(), COLORS[i], true, true));
            pdf.add(new LinePlot.Series(s.closure(), centres, s.pdf(), COLORS[i], true, false));
        }
        rmse.write(out.resolve("hybrid-l96-forecast-rmse.png"));
        pdf.write(out.resolve("hybrid-l96-climate-pdf.png"));
    }

    /** Adam and K-FAC on the pointwise closure data X_k -> U_k, training loss after each epoch against wall time. */
    private static void optimizerFigure(TwoScaleLorenz96 system, Path out, boolean quick) throws IOException {
        Dataset data = closureData(system, quick ? 20 : 50);
        Network net = Network.mlp(1, new int[] {32, 32}, 1, Activation.TANH)
                .withNormalization(Normalization.fit(data.inputs()), Normalization.fit(data.targets()));
        double[][] w0 = net.initialWeights(7);
        int epochs = quick ? 5 : 15;
        LossHistory adam = new OfflineTrainer(Adam.withLearningRate(3e-3), epochs, 128, 8, 1).train(net, w0, data).history();
        LossHistory kfac = new OfflineTrainer(new Kfac(0.3, 1e-3, 0.95, 10, 1e-3, FisherEstimate.EXACT, 9), epochs, 512, 8, 1)
                .train(net, w0, data).history();
        LinePlot plot = new LinePlot("Offline training on two-scale Lorenz-96 closure data (" + data.size() + " pairs)",
                "wall time [s]", "training loss (normalised MSE)", false, true);
        plot.add(series("Adam, batch 128, lr 3e-3", adam, COLORS[3]));
        plot.add(series("K-FAC, batch 512, lr 0.3", kfac, COLORS[1]));
        plot.write(out.resolve("hybrid-adam-kfac-loss.png"));
        System.out.println("| epoch | Adam loss | Adam time [s] | K-FAC loss | K-FAC time [s] |");
        System.out.println("|---|---|---|---|---|");
        for (int e = 0; e < epochs; e++) {
            LossHistory.EpochPoint a = adam.epochs().get(e);
            LossHistory.EpochPoint k = kfac.epochs().get(e);
            System.out.printf(Locale.ROOT, "| %d | %.5f | %.2f | %.5f | %.2f |%n", e + 1, a.trainingLoss(), a.seconds(),
                    k.trainingLoss(), k.seconds());
        }
    }

    private static LinePlot.Series series(String label, LossHistory h, Color color) {
        double[] t = h.epochs().stream().mapToDouble(LossHistory.EpochPoint::seconds).toArray();
        double[] l = h.epochs().stream().mapToDouble(LossHistory.EpochPoint::trainingLoss).toArray();
        return new LinePlot.Series(label, t, l, color, true, true);
    }

    private static Dataset closureData(TwoScaleLorenz96 system, double length) {
        int k = system.k();
        double[] x = new double[k];
        double[] y = new double[k * system.j()];
        for (int i = 0; i < k; i++) {
            x[i] = system.forcing() * (0.5 + 0.1 * i);
        }
        Arrays.fill(y, 0.01);
        double dt = 0.001;
        for (int s = 0; s < 5000; s++) {
            system.step(x, y, dt);
        }
        int times = (int) Math.round(length / 0.01);
        double[][] in = new double[times * k][];
        double[][] target = new double[times * k][];
        double[] u = new double[k];
        for (int t = 0; t < times; t++) {
            for (int s = 0; s < 10; s++) {
                system.step(x, y, dt);
            }
            system.coupling(y, u);
            for (int i = 0; i < k; i++) {
                in[t * k + i] = new double[] {x[i]};
                target[t * k + i] = new double[] {u[i]};
            }
        }
        return new Dataset(in, target);
    }
}
