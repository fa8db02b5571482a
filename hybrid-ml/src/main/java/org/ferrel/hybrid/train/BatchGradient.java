package org.ferrel.hybrid.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.nn.WeightSpec;

/**
 * The mean-squared-error loss of a network on a batch (in normalised units) and its gradient with
 * respect to the weights, from the autodiff engine:
 * <pre>
 *   L = 1 / (B n) sum_b |N(x_b; W) - y_b|^2
 * </pre>
 * The batch is cut into chunks of {@link #CHUNK} samples at fixed boundaries; chunks are
 * differentiated in parallel on {@code threads} threads, and their sums are added in chunk order,
 * so the result is bitwise the same for any number of threads.
 */
public final class BatchGradient implements AutoCloseable {
    /** Samples per chunk; fixed, so that the order of summation never depends on the threads. */
    public static final int CHUNK = 64;

    /** A loss and its gradient (one array per weight, in {@link Network#weightSpecs()} order). */
    public record Value(double loss, double[][] gradient) {
        /** Whether the loss and every gradient entry are finite. */
        public boolean finite() {
            if (!Double.isFinite(loss)) {
                return false;
            }
            for (double[] g : gradient) {
                for (double v : g) {
                    if (!Double.isFinite(v)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private final Network network;
    private final List<WeightSpec> specs;
    private final ExecutorService pool;

    /** A gradient evaluator for this network on {@code threads} threads (1: the calling thread). */
    public BatchGradient(Network network, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.network = network;
        this.specs = network.weightSpecs();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ferrel-batch-gradient");
            t.setDaemon(true);
            return t;
        });
    }

    public Network network() {
        return network;
    }

    /** The summed squared error of a batch, {@code sum_b |N(x_b) - y_b|^2}, as a scalar tensor of {@code o}. */
    public static Tensor squaredError(Ops o, Network network, Batch batch, Tensor[] weights) {
        Tensor x = o.constant(Shape.of(batch.size(), batch.inputSize()), batch.inputs());
        Tensor y = o.constant(Shape.of(batch.size(), batch.outputSize()), batch.targets());
        return o.sum(o.square(o.sub(network.applyNormalized(o, x, weights), y)));
    }

    /** The loss alone (no gradient), on the calling thread. */
    public double loss(Batch batch, double[][] weights) {
        Eager e = Eager.serial();
        double sum = squaredError(e, network, batch, network.tensors(e, weights)).item();
        return sum / ((double) batch.size() * batch.outputSize());
    }

    /** Loss and gradient of a batch at these weights. */
    public Value evaluate(Batch batch, double[][] weights) {
        int chunks = (batch.size() + CHUNK - 1) / CHUNK;
        List<Value> parts = new ArrayList<>(chunks);
        if (pool == null || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                parts.add(chunk(batch, c, weights));
            }
        } else {
            List<Future<Value>> futures = new ArrayList<>(chunks);
            for (int c = 0; c < chunks; c++) {
                int index = c;
                futures.add(pool.submit(() -> chunk(batch, index, weights)));
            }
            for (Future<Value> f : futures) {
                parts.add(join(f));
            }
        }
        double scale = 1.0 / ((double) batch.size() * batch.outputSize());
        double loss = 0;
        double[][] gradient = new double[specs.size()][];
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = new double[specs.get(i).size()];
        }
        for (Value part : parts) {
            loss += part.loss;
            for (int i = 0; i < gradient.length; i++) {
                double[] g = gradient[i];
                double[] p = part.gradient[i];
                for (int k = 0; k < g.length; k++) {
                    g[k] += p[k];
                }
            }
        }
        for (double[] g : gradient) {
            for (int k = 0; k < g.length; k++) {
                g[k] *= scale;
            }
        }
        return new Value(loss * scale, gradient);
    }

    private Value chunk(Batch batch, int c, double[][] weights) {
        Batch part = batch.slice(c * CHUNK, Math.min(batch.size(), (c + 1) * CHUNK));
        Eager e = Eager.serial();
        Derivatives.Gradient g = Derivatives.gradient(e, (o, w) -> squaredError(o, network, part, w),
                network.tensors(e, weights));
        double[][] grad = new double[g.gradient().length][];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = g.gradient()[i].values();
        }
        return new Value(g.value().item(), grad);
    }

    private static Value join(Future<Value> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing a batch gradient", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("batch gradient failed", e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
