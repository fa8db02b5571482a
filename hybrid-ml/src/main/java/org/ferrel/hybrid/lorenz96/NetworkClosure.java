package org.ferrel.hybrid.lorenz96;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.hybrid.nn.Network;

/**
 * A learned closure: a network applied to every slow variable's neighbourhood with shared
 * weights, all K at once as one batch. With {@code radius} 0 it sees X_k alone (pointwise); with
 * radius r the stencil {@code X_{k-r} .. X_{k+r}}.
 */
public final class NetworkClosure implements Closure {
    private final String name;
    private final Network network;
    private final Tensor[] weights;
    private final int radius;
    private final Eager eager = Eager.serial();

    public NetworkClosure(String name, Network network, double[][] weights, int radius) {
        if (network.inputSize() != 2 * radius + 1 || network.outputSize() != 1) {
            throw new IllegalArgumentException("network closure: a stencil of radius " + radius + " needs a network with "
                    + (2 * radius + 1) + " inputs and 1 output, got " + network.inputSize() + " and " + network.outputSize());
        }
        this.name = name;
        this.network = network;
        this.weights = network.tensors(eager, weights);
        this.radius = radius;
    }

    /** The network's input rows for slow variables x: {@code [K, 2 radius + 1]}. */
    public static double[][] stencils(double[] x, int radius) {
        int k = x.length;
        double[][] rows = new double[k][2 * radius + 1];
        for (int i = 0; i < k; i++) {
            for (int d = -radius; d <= radius; d++) {
                rows[i][d + radius] = x[Math.floorMod(i + d, k)];
            }
        }
        return rows;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void coupling(double[] x, double[] u) {
        int width = 2 * radius + 1;
        double[] flat = new double[x.length * width];
        double[][] rows = stencils(x, radius);
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        Tensor out = network.apply(eager, eager.constant(Shape.of(x.length, width), flat), weights);
        System.arraycopy(out.values(), 0, u, 0, x.length);
    }
}
