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
