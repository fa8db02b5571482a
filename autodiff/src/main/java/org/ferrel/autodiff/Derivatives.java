package org.ferrel.autodiff;

/**
 * One-call derivatives of functions written against {@link Ops}: gradients, VJPs, JVPs,
 * Gauss-Newton products {@code J^T (J v)} and Hessian-vector products (forward over reverse).
 * None needs model-specific code: the same {@code apply} runs on every interpreter.
 */
public final class Derivatives {
    private Derivatives() {
    }

    /** A function of several tensors to several tensors. */
    @FunctionalInterface
    public interface Function {
        Tensor[] apply(Ops ops, Tensor[] inputs);
    }

    /** A function of several tensors to a scalar (a loss, a cost, a diagnostic). */
    @FunctionalInterface
    public interface ScalarFunction {
        Tensor apply(Ops ops, Tensor[] inputs);
    }

    /** Values and derivatives of a function, at the level of the interpreter that was passed in. */
    public record Result(Tensor[] values, Tensor[] derivatives) {
    }

    /** Value and gradient of a scalar function. */
    public record Gradient(Tensor value, Tensor[] gradient) {
    }

    /** Outputs of {@code f} at x and their tangents {@code J v}. */
    public static Result jvp(Ops ops, Function f, Tensor[] x, Tensor[] v) {
        Dual dual = new Dual(ops);
        Tensor[] in = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = dual.variable(x[i], v[i]);
        }
        Tensor[] out = f.apply(dual, in);
        Tensor[] values = new Tensor[out.length];
        Tensor[] tangents = new Tensor[out.length];
        for (int i = 0; i < out.length; i++) {
            Tensor o = dual.lift(out[i]);
            values[i] = dual.primal(o);
            tangents[i] = dual.tangent(o);
        }
        return new Result(values, tangents);
    }

    /** Outputs of {@code f} at x and the input cotangents {@code J^T w}. */
    public static Result vjp(Ops ops, Function f, Tensor[] x, Tensor[] w) {
        Tape tape = new Tape(ops);
        Tensor[] in = tape.variables(x);
        Tensor[] out = f.apply(tape, in);
        Tensor[] values = new Tensor[out.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = tape.lift(out[i]);
            values[i] = tape.value(out[i]);
        }
        return new Result(values, tape.vjp(out, w, in));
    }

    /** Value and gradient of a scalar function. */
    public static Gradient gradient(Ops ops, ScalarFunction f, Tensor... x) {
        Tape tape = new Tape(ops);
        Tensor[] in = tape.variables(x);
        Tensor loss = tape.lift(f.apply(tape, in));
        Tensor value = tape.value(loss);
        return new Gradient(value, tape.gradient(loss, in));
    }

    /**
     * The Hessian-vector product {@code H v} of a scalar function, by forward over reverse: the
     * gradient is taped on a {@link Dual} whose tangents are v, so it comes out with its
     * directional derivative. Exact to rounding; costs about one gradient and one JVP.
     */
    public static Tensor[] hessianVector(Ops ops, ScalarFunction f, Tensor[] x, Tensor[] v) {
        Dual dual = new Dual(ops);
        Tape tape = new Tape(dual);
        Tensor[] in = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = tape.variable(dual.variable(x[i], v[i]));
        }
        Tensor loss = tape.lift(f.apply(tape, in));
        Tensor[] grad = tape.gradient(loss, in);
        Tensor[] hv = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            hv[i] = dual.tangent(grad[i]);
        }
        return hv;
    }

    /** The Gauss-Newton product {@code J^T (J v)} of a residual function, by one JVP and one VJP. */
    public static Tensor[] gaussNewton(Ops ops, Function residuals, Tensor[] x, Tensor[] v) {
        Tensor[] jv = jvp(ops, residuals, x, v).derivatives();
        return vjp(ops, residuals, x, jv).derivatives();
    }
}
