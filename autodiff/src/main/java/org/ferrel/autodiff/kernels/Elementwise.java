package org.ferrel.autodiff.kernels;

/**
 * Element-wise kernels over flat arrays, each writing {@code out[from..to)}. Names ending in
 * {@code Scalar} take one operand as a broadcast scalar; {@code r}-prefixed ones put the scalar on
 * the left ({@code rsubScalar: out = s - b}).
 */
public final class Elementwise {
    private Elementwise() {
    }

    public static void add(double[] a, double[] b, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i] + b[i];
        }
    }

    public static void addScalar(double[] a, double s, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i] + s;
        }
    }

    /** {@code acc[i] += b[i]}: the one in-place kernel, used for adjoint accumulation. */
    public static void addInPlace(double[] acc, double[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            acc[i] += b[i];
        }
    }

    /** {@code acc += s b}. */
    public static void addScaledInPlace(double[] acc, double s, double[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            acc[i] += s * b[i];
        }
    }

    /** {@code out = a + s b}. */
    public static void addScaled(double[] a, double s, double[] b, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i] + s * b[i];
        }
    }

    /** {@code out = a x + b y}. */
    public static void combine2(double a, double[] x, double b, double[] y, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a * x[i] + b * y[i];
        }
    }

    /** {@code out = a x + b y + c z}, summed left to right. */
    public static void combine3(double a, double[] x, double b, double[] y, double c, double[] z, double[] out,
                                int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a * x[i] + b * y[i] + c * z[i];
        }
    }

    /** {@code out = a x + b y + c z + d w}, summed left to right. */
    public static void combine4(double a, double[] x, double b, double[] y, double c, double[] z, double d,
                                double[] w, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a * x[i] + b * y[i] + c * z[i] + d * w[i];
        }
    }

    public static void sub(double[] a, double[] b, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i] - b[i];
        }
    }

    public static void rsubScalar(double s, double[] b, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = s - b[i];
        }
    }

    public static void mul(double[] a, double[] b, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i] * b[i];
        }
    }

    public static void scale(double[] a, double s, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i] * s;
        }
    }

    public static void div(double[] a, double[] b, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i] / b[i];
        }
    }

    public static void divScalar(double[] a, double s, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i] / s;
        }
    }

    public static void rdivScalar(double s, double[] b, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = s / b[i];
        }
    }

    public static void max(double[] a, double[] b, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i] >= b[i] ? a[i] : b[i];
        }
    }

    public static void maxScalar(double[] a, double s, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i] >= s ? a[i] : s;
        }
    }

    public static void min(double[] a, double[] b, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i] <= b[i] ? a[i] : b[i];
        }
    }

    public static void minScalar(double[] a, double s, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i] <= s ? a[i] : s;
        }
    }

    /** {@code out = a >= b ? 1 : 0}. */
    public static void greaterEqual(double[] a, double[] b, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i] >= b[i] ? 1.0 : 0.0;
        }
    }

    /** {@code out = a >= s ? 1 : 0}. */
    public static void greaterEqualScalar(double[] a, double s, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i] >= s ? 1.0 : 0.0;
        }
    }

    /** {@code out = s >= b ? 1 : 0}. */
    public static void rgreaterEqualScalar(double s, double[] b, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = s >= b[i] ? 1.0 : 0.0;
        }
    }

    public static void neg(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = -x[i];
        }
    }

    public static void exp(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.exp(x[i]);
        }
    }

    public static void log(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.log(x[i]);
        }
    }

    public static void sin(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.sin(x[i]);
        }
    }

    public static void cos(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.cos(x[i]);
        }
    }

    public static void tanh(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.tanh(x[i]);
        }
    }

    public static void sqrt(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.sqrt(x[i]);
        }
    }

    public static void square(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = x[i] * x[i];
        }
    }

    public static void abs(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.abs(x[i]);
        }
    }

    public static void relu(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = x[i] > 0 ? x[i] : 0.0;
        }
    }

    public static void sigmoid(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = 1.0 / (1.0 + Math.exp(-x[i]));
        }
    }

    /** {@code log(1 + e^x)}, evaluated without overflow for large x. */
    public static void softplus(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            out[i] = v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
        }
    }

    /** {@code out = x > 0 ? 1 : 0}. */
    public static void heaviside(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = x[i] > 0 ? 1.0 : 0.0;
        }
    }

    public static void sign(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.signum(x[i]);
        }
    }

    public static void pow(double[] x, double p, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.pow(x[i], p);
        }
    }
}
