package org.ferrel.hybrid.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.kernels.LinearAlgebra;
import org.ferrel.hybrid.nn.Activation;
import org.ferrel.hybrid.nn.Dense;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.nn.Normalization;
import org.junit.jupiter.api.Test;

/** K-FAC: exact for a linear layer, and faster per iteration than gradient descent. */
class KfacTest {

    @Test
    void directionForOneLinearLayerWithExactFactorsIsTheNewtonStep() {
        Network net = new Network(List.of(new Dense(3, 2, Activation.IDENTITY)));
        Dataset d = OfflineTrainerTest.data(40, 11);
        double[][] x = new double[40][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {d.inputs()[i][0] / 1000, 1e3 * d.inputs()[i][1], d.targets()[i][0] / 3};
        }
        Batch batch = new Dataset(x, d.targets()).all(Normalization.identity(3), Normalization.identity(2));
        double[][] w = net.initialWeights(12);
        Kfac kfac = new Kfac(1.0, 0.0, 0.95, 1, 0.0, FisherEstimate.EXACT, 0);
        try (BatchGradient g = new BatchGradient(net, 1)) {
            Kfac.Run run = kfac.start(net, w, g);
            double[][] grad = g.evaluate(batch, w).gradient();
            run.observe(w, batch);
            double[] kfacStep = flatten(run.precondition(grad));
            double[] newton = newtonStep(net, batch, w, flatten(grad));
            double scale = 0;
            double err = 0;
            for (int k = 0; k < newton.length; k++) {
                scale = Math.max(scale, Math.abs(newton[k]));
                err = Math.max(err, Math.abs(newton[k] - kfacStep[k]));
            }
            assertTrue(err <= 1e-9 * scale, "K-FAC step differs from the Newton step by " + err + " at scale " + scale);
        }
    }

    @Test
    void dampedDirectionUsesTheFactoredTikhonovDampingWithPi() {
        // one linear layer 3 -> 2: A = mean of [x, 1][x, 1]^T, G = (2/n) I exactly; with damping lambda
        // the step is (A + pi sqrt(lambda) I)^-1 grad (G + sqrt(lambda) / pi I)^-1,
        // pi = sqrt((tr A / 4) / (tr G / 2)), computed here independently of Kfac
        Network net = new Network(List.of(new Dense(3, 2, Activation.IDENTITY)));
        Dataset d = OfflineTrainerTest.data(40, 21);
        double[][] x = new double[40][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {d.inputs()[i][0] / 100, 1e4 * d.inputs()[i][1], 3 * d.targets()[i][0]}; // pi far from 1
        }
        Batch batch = new Dataset(x, d.targets()).all(Normalization.identity(3), Normalization.identity(2));
        double[][] w = net.initialWeights(22);
        double lambda = 0.3;
        try (BatchGradient g = new BatchGradient(net, 1)) {
            Kfac.Run run = new Kfac(1.0, lambda, 0.95, 1, 0.0, FisherEstimate.EXACT, 0).start(net, w, g);
            double[][] grad = g.evaluate(batch, w).gradient();
            run.observe(w, batch);
            double[][] step = run.precondition(grad);
            int da = 4;
            double[] a = new double[da * da];
            for (int b = 0; b < batch.size(); b++) {
                double[] row = {x[b][0], x[b][1], x[b][2], 1};
                for (int i = 0; i < da; i++) {
                    for (int j = 0; j < da; j++) {
                        a[i * da + j] += row[i] * row[j] / batch.size();
                    }
                }
            }
            double gDiagonal = 2.0 / 2;
            double pi = Math.sqrt((trace(a, da) / da) / gDiagonal);
            for (int i = 0; i < da; i++) {
                a[i * da + i] += pi * Math.sqrt(lambda);
            }
            double gDamped = gDiagonal + Math.sqrt(lambda) / pi;
            // rhs: grad as [in + 1, out] = [kernel; bias]
            double[] rhs = new double[da * 2];
            System.arraycopy(grad[0], 0, rhs, 0, 6);
            System.arraycopy(grad[1], 0, rhs, 6, 2);
            int[] pivot = new int[da];
            LinearAlgebra.luFactor(a, da, pivot);
            double[] expected = new double[da * 2];
            LinearAlgebra.luSolve(a, pivot, da, false, rhs, 2, expected, 0, 2);
            double[] actual = new double[da * 2];
            System.arraycopy(step[0], 0, actual, 0, 6);
            System.arraycopy(step[1], 0, actual, 6, 2);
            double scale = 0;
            for (int k = 0; k < expected.length; k++) {
                expected[k] /= gDamped;
                scale = Math.max(scale, Math.abs(expected[k]));
            }
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], actual[k], 1e-12 * scale, "entry " + k);
            }
        }
    }

    private static double trace(double[] m, int d) {
        double t = 0;
        for (int i = 0; i < d; i++) {
            t += m[i * d + i];
        }
        return t;
    }

    /** Solves {@code H s = grad} with H built column by column from Hessian-vector products. */
    private static double[] newtonStep(Network net, Batch batch, double[][] w, double[] grad) {
        Eager e = Eager.serial();
        int n = grad.length;
        Derivatives.ScalarFunction loss = (o, in) -> o.mul(BatchGradient.squaredError(o, net, batch, in),
                1.0 / (batch.size() * batch.outputSize()));
        Tensor[] x = net.tensors(e, w);
        double[] h = new double[n * n];
        for (int c = 0; c < n; c++) {
            double[] unit = new double[n];
            unit[c] = 1;
            double[][] parts = unflatten(unit, w);
            Tensor[] v = net.tensors(e, parts);
            double[] column = flatten(Derivatives.hessianVector(e, loss, x, v));
            for (int r = 0; r < n; r++) {
                h[r * n + c] = column[r];
            }
        }
        int[] pivot = new int[n];
        LinearAlgebra.luFactor(h, n, pivot);
        double[] s = new double[n];
        LinearAlgebra.luSolve(h, pivot, n, false, grad, 1, s, 0, 1);
        return s;
    }

    @Test
    void reachesATargetLossInFewerIterationsThanTunedGradientDescent() {
        Dataset d = OfflineTrainerTest.data(256, 13);
        Network net = Network.mlp(2, new int[] {12}, 2, Activation.TANH)
                .withNormalization(Normalization.fit(d.inputs()), Normalization.fit(d.targets()));
        double[][] w0 = net.initialWeights(14);
        double target = 0.05;
        int kfac = iterationsTo(Kfac.withLearningRate(0.5), net, w0, d, target, 400);
        int best = Integer.MAX_VALUE;
        for (double lr : new double[] {0.03, 0.1, 0.3, 1.0}) {
            best = Math.min(best, iterationsTo(new GradientDescent(lr), net, w0, d, target, 400));
        }
        assertTrue(kfac < 400, "K-FAC did not reach the target loss " + target);
        assertTrue(2 * kfac <= best, "K-FAC took " + kfac + " iterations, gradient descent at best " + best);
    }

    /** Full-batch iterations until the loss is below {@code target} (or {@code limit}). */
    private static int iterationsTo(Optimizer method, Network net, double[][] w0, Dataset d, double target, int limit) {
        double[][] w = new double[w0.length][];
        for (int i = 0; i < w.length; i++) {
            w[i] = w0[i].clone();
        }
        Batch all = d.all(net.inputNormalization(), net.outputNormalization());
        try (BatchGradient g = new BatchGradient(net, 1)) {
            Optimizer.Updater u = method.start(net, w, g);
            for (int k = 0; k < limit; k++) {
                double loss = u.update(w, all);
                if (!(loss > target)) {
                    return Double.isNaN(loss) ? limit : k;
                }
            }
        }
        return limit;
    }

    static double[] flatten(Tensor[] t) {
        int n = 0;
        for (Tensor x : t) {
            n += x.size();
        }
        double[] f = new double[n];
        int k = 0;
        for (Tensor x : t) {
            System.arraycopy(x.values(), 0, f, k, x.size());
            k += x.size();
        }
        return f;
    }

    static double[] flatten(double[][] w) {
        int n = 0;
        for (double[] x : w) {
            n += x.length;
        }
        double[] f = new double[n];
        int k = 0;
        for (double[] x : w) {
            System.arraycopy(x, 0, f, k, x.length);
            k += x.length;
        }
        return f;
    }

    static double[][] unflatten(double[] f, double[][] like) {
        double[][] w = new double[like.length][];
        int k = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = new double[like[i].length];
            System.arraycopy(f, k, w[i], 0, w[i].length);
            k += w[i].length;
        }
        return w;
    }

    @Test
    void sampledAndEmpiricalEstimatesAlsoTrain() {
        Dataset d = OfflineTrainerTest.data(256, 15);
        Network net = Network.mlp(2, new int[] {12}, 2, Activation.TANH)
                .withNormalization(Normalization.fit(d.inputs()), Normalization.fit(d.targets()));
        double[][] w0 = net.initialWeights(16);
        for (FisherEstimate f : FisherEstimate.values()) {
            Kfac k = new Kfac(0.3, 1e-2, 0.95, 5, 1e-2, f, 17);
            OfflineTrainer.Result r = new OfflineTrainer(k, 10, 64, 18, 1).train(net, w0, d);
            double first = r.history().batches().getFirst().loss();
            assertTrue(r.history().finalLoss() < 0.3 * first, f + ": " + first + " -> " + r.history().finalLoss());
        }
        assertEquals(Shape.of(2, 12), net.weightSpecs().getFirst().shape());
    }
}
