package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Elementwise;
import org.ferrel.autodiff.kernels.Reductions;

/**
 * Element-wise binary operations with numpy broadcasting. Derivatives with respect to a broadcast
 * operand are summed back to its shape.
 */
public record Binary(Op op) implements Primitive {
    public enum Op { ADD, SUB, MUL, DIV, MAX, MIN, GREATER_EQUAL }

    public static final Binary ADD = new Binary(Op.ADD);
    public static final Binary SUB = new Binary(Op.SUB);
    public static final Binary MUL = new Binary(Op.MUL);
    public static final Binary DIV = new Binary(Op.DIV);
    public static final Binary MAX = new Binary(Op.MAX);
    public static final Binary MIN = new Binary(Op.MIN);
    public static final Binary GREATER_EQUAL = new Binary(Op.GREATER_EQUAL);

    @Override
    public String name() {
        return switch (op) {
            case ADD -> "add";
            case SUB -> "sub";
            case MUL -> "mul";
            case DIV -> "div";
            case MAX -> "maximum";
            case MIN -> "minimum";
            case GREATER_EQUAL -> "greaterEqual";
        };
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 2);
        return Shape.broadcast(name(), inputs[0], inputs[1]);
    }

    /** Writes every output element. */
    @Override
    public boolean overwritesOutput() {
        return true;
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        int n = outShape.size();
        boolean aScalar = shapes[0].size() == 1 && n != 1;
        boolean bScalar = shapes[1].size() == 1 && n != 1;
        double[] a = aScalar ? in[0] : expand(backend, in[0], shapes[0], outShape);
        double[] b = bScalar ? in[1] : expand(backend, in[1], shapes[1], outShape);
        if (aScalar && bScalar) {
            a = expand(backend, in[0], shapes[0], outShape);
            aScalar = false;
        }
        final double[] x = a;
        final double[] y = b;
        if (aScalar) {
            double s = x[0];
            switch (op) {
                case ADD -> backend.forRange(n, (f, t) -> Elementwise.addScalar(y, s, out, f, t));
                case SUB -> backend.forRange(n, (f, t) -> Elementwise.rsubScalar(s, y, out, f, t));
                case MUL -> backend.forRange(n, (f, t) -> Elementwise.scale(y, s, out, f, t));
                case DIV -> backend.forRange(n, (f, t) -> Elementwise.rdivScalar(s, y, out, f, t));
                case MAX -> backend.forRange(n, (f, t) -> Elementwise.maxScalar(y, s, out, f, t));
                case MIN -> backend.forRange(n, (f, t) -> Elementwise.minScalar(y, s, out, f, t));
                case GREATER_EQUAL -> backend.forRange(n, (f, t) -> Elementwise.rgreaterEqualScalar(s, y, out, f, t));
            }
        } else if (bScalar) {
            double s = y[0];
            switch (op) {
                case ADD -> backend.forRange(n, (f, t) -> Elementwise.addScalar(x, s, out, f, t));
                case SUB -> backend.forRange(n, (f, t) -> Elementwise.addScalar(x, -s, out, f, t));
                case MUL -> backend.forRange(n, (f, t) -> Elementwise.scale(x, s, out, f, t));
                case DIV -> backend.forRange(n, (f, t) -> Elementwise.divScalar(x, s, out, f, t));
                case MAX -> backend.forRange(n, (f, t) -> Elementwise.maxScalar(x, s, out, f, t));
                case MIN -> backend.forRange(n, (f, t) -> Elementwise.minScalar(x, s, out, f, t));
                case GREATER_EQUAL -> backend.forRange(n, (f, t) -> Elementwise.greaterEqualScalar(x, s, out, f, t));
            }
        } else {
            switch (op) {
                case ADD -> backend.forRange(n, (f, t) -> Elementwise.add(x, y, out, f, t));
                case SUB -> backend.forRange(n, (f, t) -> Elementwise.sub(x, y, out, f, t));
                case MUL -> backend.forRange(n, (f, t) -> Elementwise.mul(x, y, out, f, t));
                case DIV -> backend.forRange(n, (f, t) -> Elementwise.div(x, y, out, f, t));
                case MAX -> backend.forRange(n, (f, t) -> Elementwise.max(x, y, out, f, t));
                case MIN -> backend.forRange(n, (f, t) -> Elementwise.min(x, y, out, f, t));
                case GREATER_EQUAL -> backend.forRange(n, (f, t) -> Elementwise.greaterEqual(x, y, out, f, t));
            }
        }
    }

    /** The operand materialised at the output shape (itself when it already has it). */
    static double[] expand(Backend backend, double[] x, Shape from, Shape to) {
        if (from.equals(to) || from.size() == to.size()) {
            return x;
        }
        double[] out = new double[to.size()];
        BroadcastTo.expandInto(backend, x, from, to, out);
        return out;
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        Tensor a = p[0];
        Tensor b = p[1];
        Tensor ta = t[0];
        Tensor tb = t[1];
        Tensor r = switch (op) {
            case ADD -> Rules.plus(ops, ta, tb);
            case SUB -> Rules.minus(ops, ta, tb);
            case MUL -> Rules.plus(ops, ta == null ? null : ops.mul(ta, b), tb == null ? null : ops.mul(a, tb));
            case DIV -> Rules.minus(ops, ta == null ? null : ops.div(ta, b),
                    tb == null ? null : ops.div(ops.mul(tb, out), b));
            case MAX -> select(ops, ops.greaterEqual(a, b), ta, tb);
            case MIN -> select(ops, ops.greaterEqual(b, a), ta, tb);
            case GREATER_EQUAL -> null;
        };
        return r == null ? null : ops.broadcastTo(r, out.shape());
    }

    /** {@code mask * ta + (1 - mask) * tb}, null-aware. */
    private static Tensor select(Ops ops, Tensor mask, Tensor ta, Tensor tb) {
        Tensor fromA = ta == null ? null : ops.mul(ta, mask);
        Tensor fromB = tb == null ? null : ops.sub(tb, ops.mul(tb, mask));
        return Rules.plus(ops, fromA, fromB);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        Tensor a = p[0];
        Tensor b = p[1];
        Tensor ga = null;
        Tensor gb = null;
        switch (op) {
            case ADD -> {
                ga = g;
                gb = g;
            }
            case SUB -> {
                ga = g;
                gb = wanted[1] ? ops.neg(g) : null;
            }
            case MUL -> {
                ga = wanted[0] ? ops.mul(g, b) : null;
                gb = wanted[1] ? ops.mul(g, a) : null;
            }
            case DIV -> {
                ga = wanted[0] ? ops.div(g, b) : null;
                gb = wanted[1] ? ops.neg(ops.div(ops.mul(g, out), b)) : null;
            }
            case MAX, MIN -> {
                Tensor mask = op == Op.MAX ? ops.greaterEqual(a, b) : ops.greaterEqual(b, a);
                Tensor toA = ops.mul(g, mask);
                ga = toA;
                gb = wanted[1] ? ops.sub(g, toA) : null;
            }
            case GREATER_EQUAL -> {
                return new Tensor[2];
            }
        }
        return new Tensor[] {
            ga == null || !wanted[0] ? null : ops.sumTo(ga, a.shape()),
            gb == null || !wanted[1] ? null : ops.sumTo(gb, b.shape())
        };
    }
}
