package org.ferrel.autodiff.check;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.FusedKernel;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;

/**
 * The gradient-check kit every module's tests use:
 * <ul>
 *   <li>{@link #dotProduct}: {@code <J v, w> = <v, J^T w>} for random v, w, comparing the forward
 *       mode (JVP) with the reverse mode (VJP) of the same code;</li>
 *   <li>{@link #taylor}: the Taylor remainder {@code |L(x + h v) - L(x) - h <grad L, v>|} falls as
 *       {@code h^2} when the gradient is right (rate 1 when it is wrong);</li>
 *   <li>{@link #directional}: a central finite difference against the JVP;</li>
 *   <li>{@link #hessianVector}: forward-over-reverse {@code H v} against a central difference of
 *       gradients;</li>
 *   <li>{@link #fusedAgainstComposite}: a fused kernel's kernels against its composite form.</li>
 * </ul>
 * Each returns a result record; the {@code assert...} methods throw {@link AssertionError} with the
 * numbers in the message, so they work under any test framework.
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /** {@code <J v, w>} and {@code <v, J^T w>} with their relative difference. */
    public record DotProduct(double forward, double reverse, double relativeError) {
    }

    /**
     * Taylor remainders at step sizes h (decreasing) and the observed rates between neighbours.
     */
    public record Taylor(double[] steps, double[] remainders, double[] rates) {
        public double minRate() {
            return Arrays.stream(rates).min().orElse(Double.NaN);
        }

        public double maxRate() {
            return Arrays.stream(rates).max().orElse(Double.NaN);
        }

        public double decades() {
            return Math.log10(steps[0] / steps[steps.length - 1]);
        }

        @Override
        public String toString() {
            return "Taylor{h=" + Arrays.toString(steps) + ", remainder=" + Arrays.toString(remainders)
                    + ", rate=" + Arrays.toString(rates) + "}";
        }
    }

    /** A finite difference and the JVP it approximates. */
    public record Directional(double finiteDifference, double jvp, double relativeError) {
    }

    /** A comparison of two vectors. */
    public record Agreement(String what, double maxAbsoluteError, double scale) {
        public double relativeError() {
            return scale == 0 ? maxAbsoluteError : maxAbsoluteError / scale;
        }
    }

    /** Random tensors of the given shapes, entries uniform in [-1, 1). */
    public static Tensor[] random(Ops ops, Shape[] shapes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor[] out = new Tensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            double[] v = new double[shapes[i].size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = 2 * rnd.nextDouble() - 1;
            }
            out[i] = ops.constant(shapes[i], v);
        }
        return out;
    }

    public static Shape[] shapes(Tensor[] tensors) {
        Shape[] s = new Shape[tensors.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = tensors[i].shape();
        }
        return s;
    }

    /** Sum over all tensors of the element-wise products, in order. */
    public static double inner(Tensor[] a, Tensor[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double[] x = a[i].values();
            double[] y = b[i].values();
            for (int j = 0; j < x.length; j++) {
                s += x[j] * y[j];
            }
        }
        return s;
    }

    /** The dot-product test of f at x with random directions drawn from {@code seed}. */
    public static DotProduct dotProduct(Ops ops, Derivatives.Function f, Tensor[] x, long seed) {
        Tensor[] v = random(ops, shapes(x), seed);
        Derivatives.Result forward = Derivatives.jvp(ops, f, x, v);
        Tensor[] w = random(ops, shapes(forward.values()), seed + 1);
        Derivatives.Result reverse = Derivatives.vjp(ops, f, x, w);
        double a = inner(forward.derivatives(), w);
        double b = inner(v, reverse.derivatives());
        double scale = Math.max(Math.abs(a), Math.abs(b));
        return new DotProduct(a, b, scale == 0 ? 0 : Math.abs(a - b) / scale);
    }

    /**
     * The Taylor test of a scalar function at x in direction v: remainders at
     * {@code h = hMax 10^(-i/2)} for i = 0..2 decades.
     */
    public static Taylor taylor(Eager ops, Derivatives.ScalarFunction f, Tensor[] x, Tensor[] v,
                                double hMax, int decades) {
        Derivatives.Gradient g = Derivatives.gradient(ops, f, x);
        double f0 = g.value().item();
        double slope = inner(g.gradient(), v);
        int points = 2 * decades + 1;
        double[] h = new double[points];
        double[] r = new double[points];
        for (int i = 0; i < points; i++) {
            h[i] = hMax * Math.pow(10, -i / 2.0);
            Tensor[] xh = new Tensor[x.length];
            for (int j = 0; j < x.length; j++) {
                xh[j] = ops.add(x[j], ops.mul(v[j], h[i]));
            }
            r[i] = Math.abs(f.apply(ops, xh).item() - f0 - h[i] * slope);
        }
        double[] rates = new double[points - 1];
        for (int i = 0; i + 1 < points; i++) {
            rates[i] = Math.log(r[i] / r[i + 1]) / Math.log(h[i] / h[i + 1]);
        }
        return new Taylor(h, r, rates);
    }

    /**
     * The Taylor test of a vector function, through the scalar {@code L(x) = <w, f(x)> + |f(x)|^2 / 2}
     * with random w: L is curved even where f is linear, so the remainder is never identically zero.
     */
    public static Taylor taylor(Eager ops, Derivatives.Function f, Tensor[] x, long seed, double hMax, int decades) {
        Tensor[] v = random(ops, shapes(x), seed);
        Tensor[] y = f.apply(ops, x);
        Tensor[] w = random(ops, shapes(y), seed + 7);
        Derivatives.ScalarFunction loss = (o, in) -> {
            Tensor[] out = f.apply(o, in);
            Tensor total = null;
            for (int i = 0; i < out.length; i++) {
                Tensor term = o.add(o.dot(w[i], out[i]), o.mul(o.dot(out[i], out[i]), 0.5));
                total = total == null ? term : o.add(total, term);
            }
            return total;
        };
        return taylor(ops, loss, x, v, hMax, decades);
    }

    /** Central difference {@code (L(x + h v) - L(x - h v)) / 2h} against {@code <grad L, v>}. */
    public static Directional directional(Eager ops, Derivatives.ScalarFunction f, Tensor[] x, Tensor[] v, double h) {
        Derivatives.Gradient g = Derivatives.gradient(ops, f, x);
        Tensor[] plus = new Tensor[x.length];
        Tensor[] minus = new Tensor[x.length];
        for (int j = 0; j < x.length; j++) {
            plus[j] = ops.add(x[j], ops.mul(v[j], h));
            minus[j] = ops.sub(x[j], ops.mul(v[j], h));
        }
        double fd = (f.apply(ops, plus).item() - f.apply(ops, minus).item()) / (2 * h);
        double ad = inner(g.gradient(), v);
        double scale = Math.max(Math.abs(fd), Math.abs(ad));
        return new Directional(fd, ad, scale == 0 ? 0 : Math.abs(fd - ad) / scale);
    }

    /** Forward-over-reverse {@code H v} against {@code (grad L(x + h v) - grad L(x - h v)) / 2h}. */
    public static Agreement hessianVector(Eager ops, Derivatives.ScalarFunction f, Tensor[] x, Tensor[] v, double h) {
        Tensor[] hv = Derivatives.hessianVector(ops, f, x, v);
        Tensor[] plus = new Tensor[x.length];
        Tensor[] minus = new Tensor[x.length];
        for (int j = 0; j < x.length; j++) {
            plus[j] = ops.add(x[j], ops.mul(v[j], h));
            minus[j] = ops.sub(x[j], ops.mul(v[j], h));
        }
        Tensor[] gp = Derivatives.gradient(ops, f, plus).gradient();
        Tensor[] gm = Derivatives.gradient(ops, f, minus).gradient();
        Tensor[] fd = new Tensor[x.length];
        for (int j = 0; j < x.length; j++) {
            fd[j] = ops.mul(ops.sub(gp[j], gm[j]), 1.0 / (2 * h));
        }
        return compare("Hessian-vector product vs central difference of gradients", hv, fd);
    }

    /** Values, JVP and VJP of a fused kernel against those of its composite form. */
    public static Agreement[] fusedAgainstComposite(Eager ops, FusedKernel kernel, Tensor[] x, long seed) {
        Derivatives.Function fused = (o, in) -> new Tensor[] {o.bind(kernel, in)};
        Derivatives.Function composite = (o, in) -> new Tensor[] {kernel.composite(o, in)};
        Tensor[] v = random(ops, shapes(x), seed);
        Derivatives.Result jf = Derivatives.jvp(ops, fused, x, v);
        Derivatives.Result jc = Derivatives.jvp(ops, composite, x, v);
        Tensor[] w = random(ops, shapes(jf.values()), seed + 1);
        Derivatives.Result rf = Derivatives.vjp(ops, fused, x, w);
        Derivatives.Result rc = Derivatives.vjp(ops, composite, x, w);
        return new Agreement[] {
            compare(kernel.name() + " values", jf.values(), jc.values()),
            compare(kernel.name() + " JVP", jf.derivatives(), jc.derivatives()),
            compare(kernel.name() + " VJP", rf.derivatives(), rc.derivatives())
        };
    }

    public static Agreement compare(String what, Tensor[] a, Tensor[] b) {
        double err = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            double[] x = a[i].values();
            double[] y = b[i].values();
            for (int j = 0; j < x.length; j++) {
                err = Math.max(err, Math.abs(x[j] - y[j]));
                scale = Math.max(scale, Math.max(Math.abs(x[j]), Math.abs(y[j])));
            }
        }
        return new Agreement(what, err, scale);
    }

    // ---- assertions ----

    public static void assertDotProduct(DotProduct r, double tolerance) {
        if (!(r.relativeError() <= tolerance)) {
            throw new AssertionError("dot-product test failed: <Jv,w> = " + r.forward() + ", <v,J^T w> = "
                    + r.reverse() + ", relative error " + r.relativeError() + " > " + tolerance);
        }
    }

    /** Every observed rate within {@code 2 +- tolerance} over at least {@code minDecades} decades. */
    public static void assertTaylorRate(Taylor r, double tolerance, double minDecades) {
        if (r.decades() < minDecades - 1e-9) {
            throw new AssertionError("Taylor test spans " + r.decades() + " decades, fewer than " + minDecades);
        }
        for (double rate : r.rates()) {
            if (!(Math.abs(rate - 2.0) <= tolerance)) {
                throw new AssertionError("Taylor test failed: rate " + rate + " not within 2 +- " + tolerance + ": " + r);
            }
        }
    }

    public static void assertDirectional(Directional r, double tolerance) {
        if (!(r.relativeError() <= tolerance)) {
            throw new AssertionError("finite-difference test failed: FD " + r.finiteDifference() + ", AD " + r.jvp()
                    + ", relative error " + r.relativeError() + " > " + tolerance);
        }
    }

    public static void assertAgreement(Agreement r, double tolerance) {
        if (!(r.relativeError() <= tolerance)) {
            throw new AssertionError(r.what() + ": max abs error " + r.maxAbsoluteError() + " at scale " + r.scale()
                    + ", relative " + r.relativeError() + " > " + tolerance);
        }
    }
}
