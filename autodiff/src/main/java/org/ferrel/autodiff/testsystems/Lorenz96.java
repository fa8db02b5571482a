package org.ferrel.autodiff.testsystems;

import org.ferrel.autodiff.FusedKernel;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.loop.Step;

/**
 * The Lorenz (1996) model, the standard chaotic test system of data assimilation and
 * differentiable models: on a periodic ring of n variables,
 * <pre>dx_i/dt = (x_{i+1} - x_{i-2}) x_{i-1} - x_i + F,</pre>
 * chaotic for F = 8 with n = 40 (leading Lyapunov exponent about 1.7 per time unit). State
 * {@code [x]}, parameters {@code [F]} (a scalar).
 */
public final class Lorenz96 {
    private Lorenz96() {
    }

    /** The tendency written with array operations (periodic rolls). */
    public static Tensor tendency(Ops ops, Tensor x, Tensor forcing) {
        Tensor east = ops.roll(x, 0, -1);      // x_{i+1}
        Tensor west = ops.roll(x, 0, 1);       // x_{i-1}
        Tensor west2 = ops.roll(x, 0, 2);      // x_{i-2}
        return ops.add(ops.sub(ops.mul(ops.sub(east, west2), west), x), forcing);
    }

    /** The same tendency as one fused kernel with hand-written tangent and adjoint kernels. */
    public static final FusedKernel FUSED_TENDENCY = new Tendency();

    /**
     * One classical fourth-order Runge-Kutta step of length {@code dt}, with the composite or the
     * fused tendency.
     */
    public static Step rungeKutta4(double dt, boolean fused) {
        return (ops, k, state, p) -> {
            Tensor x = state[0];
            Tensor f = p[0];
            Tensor k1 = tendency(ops, x, f, fused);
            Tensor k2 = tendency(ops, ops.add(x, ops.mul(k1, dt / 2)), f, fused);
            Tensor k3 = tendency(ops, ops.add(x, ops.mul(k2, dt / 2)), f, fused);
            Tensor k4 = tendency(ops, ops.add(x, ops.mul(k3, dt)), f, fused);
            Tensor sum = ops.add(ops.add(k1, k4), ops.mul(ops.add(k2, k3), 2.0));
            return new Tensor[] {ops.add(x, ops.mul(sum, dt / 6))};
        };
    }

    private static Tensor tendency(Ops ops, Tensor x, Tensor forcing, boolean fused) {
        return fused ? ops.bind(FUSED_TENDENCY, x, forcing) : tendency(ops, x, forcing);
    }

    /** A reproducible initial state: F everywhere with a small bump, then spun up onto the attractor. */
    public static double[] initialState(int n, double forcing, int spinUpSteps, double dt) {
        org.ferrel.autodiff.Eager eager = org.ferrel.autodiff.Eager.serial();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = forcing + (i == n / 2 ? 0.01 : 0.0) + 0.001 * Math.sin(2 * Math.PI * i / n);
        }
        Tensor[] state = {eager.vector(x)};
        Tensor[] p = {eager.scalar(forcing)};
        Step step = rungeKutta4(dt, true);
        for (int k = 0; k < spinUpSteps; k++) {
            state = step.apply(eager, k, state, p);
        }
        return state[0].values();
    }

    /** Inputs {@code (x [n], F [])}; output {@code dx/dt [n]}. */
    private static final class Tendency extends FusedKernel {
        @Override
        public String name() {
            return "lorenz96Tendency";
        }

        @Override
        public Shape outputShape(Shape[] inputs) {
            if (inputs.length != 2 || inputs[0].rank() != 1 || inputs[0].dim(0) < 4 || inputs[1].size() != 1) {
                throw new ShapeMismatchException(name() + ": expects x of shape [n >= 4] and a scalar F, got "
                        + java.util.Arrays.toString(inputs));
            }
            return inputs[0];
        }

        @Override
        public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
            double[] x = in[0];
            double f = in[1][0];
            backend.forRange(x.length, (lo, hi) -> forward(x, f, out, lo, hi));
        }

        @Override
        protected void tangent(Backend backend, double[][] p, double[][] t, Shape[] shapes, double[] output,
                               double[] tangentOut) {
            double[] x = p[0];
            double[] dx = t[0];
            double df = t[1] == null ? 0.0 : t[1][0];
            backend.forRange(x.length, (lo, hi) -> tangentKernel(x, dx, df, tangentOut, lo, hi));
        }

        @Override
        protected void adjoint(Backend backend, double[][] p, Shape[] shapes, double[] output, double[] g,
                               double[][] adjoints) {
            double[] x = p[0];
            if (adjoints[0] != null) {
                double[] gx = adjoints[0];
                backend.forRange(x.length, (lo, hi) -> adjointKernel(x, g, gx, lo, hi));
            }
            if (adjoints[1] != null) {
                double s = 0;
                for (double v : g) {
                    s += v;
                }
                adjoints[1][0] = s;
            }
        }

        @Override
        public Tensor composite(Ops ops, Tensor[] inputs) {
            return Lorenz96.tendency(ops, inputs[0], inputs[1]);
        }

        static void forward(double[] x, double f, double[] out, int from, int to) {
            int n = x.length;
            for (int i = from; i < to; i++) {
                int ip1 = i + 1 == n ? 0 : i + 1;
                int im1 = i == 0 ? n - 1 : i - 1;
                int im2 = i >= 2 ? i - 2 : i + n - 2;
                out[i] = (x[ip1] - x[im2]) * x[im1] - x[i] + f;
            }
        }

        static void tangentKernel(double[] x, double[] dx, double df, double[] out, int from, int to) {
            int n = x.length;
            for (int i = from; i < to; i++) {
                int ip1 = i + 1 == n ? 0 : i + 1;
                int im1 = i == 0 ? n - 1 : i - 1;
                int im2 = i >= 2 ? i - 2 : i + n - 2;
                double d = 0.0;
                if (dx != null) {
                    d = (dx[ip1] - dx[im2]) * x[im1] + (x[ip1] - x[im2]) * dx[im1] - dx[i];
                }
                out[i] = d + df;
            }
        }

        /** Gather form: {@code gx_j = g_{j-1} x_{j-2} - g_{j+2} x_{j+1} + g_{j+1} (x_{j+2} - x_{j-1}) - g_j}. */
        static void adjointKernel(double[] x, double[] g, double[] gx, int from, int to) {
            int n = x.length;
            for (int j = from; j < to; j++) {
                int jm1 = j == 0 ? n - 1 : j - 1;
                int jm2 = j >= 2 ? j - 2 : j + n - 2;
                int jp1 = j + 1 == n ? 0 : j + 1;
                int jp2 = j + 2 < n ? j + 2 : j + 2 - n;
                gx[j] = g[jm1] * x[jm2] - g[jp2] * x[jp1] + g[jp1] * (x[jp2] - x[jm1]) - g[j];
            }
        }
    }
}
