package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Elementwise;

/** Element-wise functions of one operand. */
public record Unary(Op op) implements ShapePreserving {
    public enum Op { NEG, EXP, LOG, SIN, COS, TANH, SQRT, SQUARE, ABS, RELU, SIGMOID, SOFTPLUS, HEAVISIDE, SIGN }

    public static final Unary NEG = new Unary(Op.NEG);
    public static final Unary EXP = new Unary(Op.EXP);
    public static final Unary LOG = new Unary(Op.LOG);
    public static final Unary SIN = new Unary(Op.SIN);
    public static final Unary COS = new Unary(Op.COS);
    public static final Unary TANH = new Unary(Op.TANH);
    public static final Unary SQRT = new Unary(Op.SQRT);
    public static final Unary SQUARE = new Unary(Op.SQUARE);
    public static final Unary ABS = new Unary(Op.ABS);
    public static final Unary RELU = new Unary(Op.RELU);
    public static final Unary SIGMOID = new Unary(Op.SIGMOID);
    public static final Unary SOFTPLUS = new Unary(Op.SOFTPLUS);
    public static final Unary HEAVISIDE = new Unary(Op.HEAVISIDE);
    public static final Unary SIGN = new Unary(Op.SIGN);

    @Override
    public String name() {
        return op.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Writes every output element. */
    @Override
    public boolean overwritesOutput() {
        return true;
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        double[] x = in[0];
        int n = out.length;
        switch (op) {
            case NEG -> backend.forRange(n, (f, t) -> Elementwise.neg(x, out, f, t));
            case EXP -> backend.forRange(n, (f, t) -> Elementwise.exp(x, out, f, t));
            case LOG -> backend.forRange(n, (f, t) -> Elementwise.log(x, out, f, t));
            case SIN -> backend.forRange(n, (f, t) -> Elementwise.sin(x, out, f, t));
            case COS -> backend.forRange(n, (f, t) -> Elementwise.cos(x, out, f, t));
            case TANH -> backend.forRange(n, (f, t) -> Elementwise.tanh(x, out, f, t));
            case SQRT -> backend.forRange(n, (f, t) -> Elementwise.sqrt(x, out, f, t));
            case SQUARE -> backend.forRange(n, (f, t) -> Elementwise.square(x, out, f, t));
            case ABS -> backend.forRange(n, (f, t) -> Elementwise.abs(x, out, f, t));
            case RELU -> backend.forRange(n, (f, t) -> Elementwise.relu(x, out, f, t));
            case SIGMOID -> backend.forRange(n, (f, t) -> Elementwise.sigmoid(x, out, f, t));
            case SOFTPLUS -> backend.forRange(n, (f, t) -> Elementwise.softplus(x, out, f, t));
            case HEAVISIDE -> backend.forRange(n, (f, t) -> Elementwise.heaviside(x, out, f, t));
            case SIGN -> backend.forRange(n, (f, t) -> Elementwise.sign(x, out, f, t));
        }
    }

    /** The derivative f'(x) as a tensor, for the functions without a cheaper product form; null when zero. */
    private Tensor derivative(Ops ops, Tensor x, Tensor y) {
        return switch (op) {
            case EXP -> y;
            case SIN -> ops.cos(x);
            case COS -> ops.neg(ops.sin(x));
            case TANH -> ops.sub(ops.scalar(1.0), ops.square(y));
            case ABS -> ops.sign(x);
            case RELU -> ops.heaviside(x);
            case SIGMOID -> ops.mul(y, ops.sub(ops.scalar(1.0), y));
            case SOFTPLUS -> ops.sigmoid(x);
            case HEAVISIDE, SIGN -> null;
            case NEG, LOG, SQRT, SQUARE -> throw new IllegalStateException(name() + " is handled in chain");
        };
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return chain(ops, p[0], out, t[0]);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        return new Tensor[] {chain(ops, p[0], out, g)};
    }

    /** {@code f'(x) * v}: the same product serves both modes, the Jacobian being diagonal. */
    private Tensor chain(Ops ops, Tensor x, Tensor y, Tensor v) {
        switch (op) {
            case NEG:
                return ops.neg(v);
            case LOG:
                return ops.div(v, x);
            case SQRT:
                return ops.div(ops.mul(v, 0.5), y);
            case SQUARE:
                return ops.mul(ops.mul(v, x), 2.0);
            default:
                Tensor d = derivative(ops, x, y);
                return d == null ? null : ops.mul(v, d);
        }
    }
}
