package org.ferrel.bench.figures;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.io.figures.LinePlot;
import org.ferrel.autodiff.loop.BinomialCost;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.autodiff.testsystems.Lorenz96;

/**
 * Figures of docs/validation.md for the engine: the Taylor remainders of the Lorenz-96 whole-run
 * gradient, and the forward steps of binomial checkpointing against the Griewank-Walther optimum.
 * Usage: {@code EngineValidationFigures <output-folder>}; prints the numbers as Markdown tables.
 */
public final class EngineValidationFigures {
    private EngineValidationFigures() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/figures");
        taylor(out.resolve("lorenz96-taylor.png"));
        schedules(out.resolve("binomial-forward-steps.png"));
    }

    private static void taylor(Path file) throws IOException {
        Eager ops = Eager.serial();
        int steps = 1000;
        double dt = 0.005;
        TimeLoop loop = new TimeLoop(Lorenz96.rungeKutta4(dt, true), steps,
                Cost.atFinalLevel(steps, (o, state, p) -> o.mul(o.sum(o.square(state[0])), 0.5)));
        Tensor x0 = ops.vector(Lorenz96.initialState(40, 8.0, 2000, dt));
        Tensor f = ops.scalar(8.0);
        LoopGradient g = loop.gradient(ops, new Tensor[] {x0}, new Tensor[] {f}, CheckpointSchedule.binomial(10));
        Tensor[] v = GradientCheck.random(ops, new Shape[] {Shape.of(40), Shape.SCALAR}, 11);
        double slope = GradientCheck.inner(new Tensor[] {g.initialStateGradient()[0], g.parameterGradient()[0]}, v);
        double f0 = g.cost().item();
        int points = 17;
        double[] h = new double[points];
        double[] first = new double[points];
        double[] second = new double[points];
        double[] reference = new double[points];
        System.out.println("| h | |L(x+hv) - L(x)| | |L(x+hv) - L(x) - h<dL,v>| | rate |");
        System.out.println("|---|---|---|---|");
        for (int i = 0; i < points; i++) {
            h[i] = 1e-2 * Math.pow(10, -i / 2.0);
            Tensor[] xp = {ops.add(x0, ops.mul(v[0], h[i]))};
            Tensor[] fp = {ops.add(f, ops.mul(v[1], h[i]))};
            double fh = loop.run(ops, xp, fp).cost().item();
            first[i] = Math.abs(fh - f0);
            second[i] = Math.abs(fh - f0 - h[i] * slope);
            String rate = i == 0 ? "" : String.format(Locale.ROOT, "%.3f", Math.log(second[i - 1] / second[i]) / Math.log(h[i - 1] / h[i]));
            System.out.println(String.format(Locale.ROOT, "| %.2e | %.3e | %.3e | %s |", h[i], first[i], second[i], rate));
        }
        for (int i = 0; i < points; i++) {
            reference[i] = second[8] * Math.pow(h[i] / h[8], 2);
        }
        new LinePlot("Lorenz-96, 1000 RK4 steps: Taylor test of the checkpointed gradient",
                "step size h", "remainder", true, true)
                .add(new LinePlot.Series("|L(x+hv) - L(x)|  (rate 1)", h, first, new Color(120, 120, 120), true, true))
                .add(new LinePlot.Series("|L(x+hv) - L(x) - h <dL, v>|", h, second, new Color(200, 40, 40), true, true))
                .add(new LinePlot.Series("h^2 reference", h, reference, new Color(40, 90, 200), true, false))
                .write(file);
        System.out.println("wrote " + file);
    }

    private static void schedules(Path file) throws IOException {
        int[] ns = {1_000, 10_000, 100_000};
        Color[] colors = {new Color(200, 40, 40), new Color(40, 140, 60), new Color(40, 90, 200)};
        LinePlot plot = new LinePlot("Binomial checkpointing: plain forward steps per step reversed",
                "snapshots s", "forward steps / n", true, true);
        System.out.println("| n | s | t(n, s) formula | counted | per step |");
        System.out.println("|---|---|---|---|---|");
        for (int k = 0; k < ns.length; k++) {
            int n = ns[k];
            int[] ss = {2, 3, 5, 10, 20, 50, 100, 200};
            double[] x = new double[ss.length];
            double[] counted = new double[ss.length];
            double[] formula = new double[ss.length];
            for (int i = 0; i < ss.length; i++) {
                long c = CheckpointSchedule.binomial(ss[i]).dryRun(n).forwardSteps();
                long t = BinomialCost.optimalForwardSteps(n, ss[i]);
                x[i] = ss[i];
                counted[i] = (double) c / n;
                formula[i] = (double) t / n;
                System.out.println(String.format(Locale.ROOT, "| %d | %d | %d | %d | %.3f |", n, ss[i], t, c, counted[i]));
            }
            plot.add(new LinePlot.Series("n = " + n + " (formula)", x, formula, colors[k], true, false));
            plot.add(new LinePlot.Series("n = " + n + " (counted)", x, counted, colors[k], false, true));
        }
        plot.write(file);
        System.out.println("wrote " + file);
    }
}
