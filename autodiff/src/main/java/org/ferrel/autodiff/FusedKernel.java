package org.ferrel.autodiff;

import org.ferrel.autodiff.exec.Backend;

/**
 * A hot kernel with hand-written derivative kernels: the way to make a stencil fast once its
 * composite form (the same function written with {@link Ops}) works.
 *
 * <p>An implementation supplies four things: the forward kernel ({@link #evaluate}), the tangent
 * kernel (J v), the adjoint kernel (J^T w, written in gather form so that it runs in parallel
 * without atomics), and the {@link #composite} definition. First derivatives over plain values
 * use the kernels; higher derivatives (a tape over a dual, as in Hessian-vector products)
 * differentiate the composite, so they are exact without second-derivative kernels. Tests check
 * the kernels against each other and against the composite with
 * {@code org.ferrel.autodiff.check.GradientCheck}.
 */
public abstract class FusedKernel implements Primitive {

    /**
     * Writes {@code J(x) v} into {@code tangentOut} (zero-filled). {@code tangents[i]} is null
     * where the tangent of input i is zero.
     */
    protected abstract void tangent(Backend backend, double[][] primals, double[][] tangents, Shape[] shapes,
                                    double[] output, double[] tangentOut);

    /**
     * Writes {@code J_i(x)^T cotangent} into {@code adjointsOut[i]} (of input i's size; zero-filled
     * unless {@link #adjointOverwrites}) for every i where it is not null.
     */
    protected abstract void adjoint(Backend backend, double[][] primals, Shape[] shapes, double[] output,
                                    double[] cotangent, double[][] adjointsOut);

    /**
     * Evaluates like {@link #evaluate} and returns what the adjoint kernel needs later (forward
     * intermediates), or null. Only a recording {@link Tape} over {@link Eager} calls it and keeps
     * the result on its node until it is reversed; plain evaluation never keeps anything. The
     * default evaluates and keeps nothing.
     */
    protected Object evaluateForAdjoint(Backend backend, double[][] inputs, Shape[] shapes, double[] out,
                                        Shape outShape) {
        evaluate(backend, inputs, shapes, out, outShape);
        return null;
    }

    /**
     * The adjoint kernel given the {@code residual} that {@link #evaluateForAdjoint} returned for the
     * same primals (never null). The default ignores it.
     */
    protected void adjoint(Backend backend, double[][] primals, Shape[] shapes, double[] output,
                           double[] cotangent, double[][] adjointsOut, Object residual) {
        adjoint(backend, primals, shapes, output, cotangent, adjointsOut);
    }

    /**
     * The arrays of a residual that a recycling tape ({@link Tape#Tape(Ops, boolean)}) may reuse
     * once the adjoint has run: arrays the residual alone holds, best taken from {@link #newArray}.
     * The default names none.
     */
    protected double[][] residualArrays(Object residual) {
        return new double[0][];
    }

    /**
     * A zero-filled array for a kernel's residual or work, reusing one a recycling tape or
     * {@link Ops#recycle} gave back on this thread when one of that length is at hand.
     */
    protected static double[] newArray(int length) {
        return BufferPool.zeros(length);
    }

    /**
     * Like {@link #newArray} but possibly holding old values, for arrays the kernel writes in full
     * before reading them.
     */
    protected static double[] newUninitializedArray(int length) {
        return BufferPool.uninitialized(length);
    }

    /**
     * Whether the adjoint kernel writes every element of each wanted {@code adjointsOut[i]}
     * whatever it held, so that recycled arrays need not be zeroed first. False unless an
     * implementation says so.
     */
    protected boolean adjointOverwrites() {
        return false;
    }

    /**
     * Whether the adjoint kernel with a residual adds its cotangents into the inputs' adjoints
     * accumulated so far in place ({@link #adjoint(Backend, double[][], Shape[], double[], double[],
     * double[][], Object, boolean[])}), sparing the tape a separate pass per input and an array. A
     * recording tape asks for it only where this is true. False unless an implementation says so.
     */
    protected boolean adjointAccumulates() {
        return false;
    }

    /**
     * The adjoint kernel with a residual, adding into {@code adjointsOut[i]} where
     * {@code accumulate[i]} (it holds the input's adjoint so far) and writing as {@link #adjoint(Backend,
     * double[][], Shape[], double[], double[], double[][], Object)} does elsewhere. Where it adds, each
     * element must become exactly {@code adjointsOut[i][k] + c} with {@code c} the value the writing form
     * would store, so that gradients do not depend on which form ran. The default writes into fresh
     * arrays and adds those (correct for every kernel, without the saving); kernels that return true
     * from {@link #adjointAccumulates} override it.
     */
    protected void adjoint(Backend backend, double[][] primals, Shape[] shapes, double[] output, double[] cotangent,
                           double[][] adjointsOut, Object residual, boolean[] accumulate) {
        double[][] written = adjointsOut.clone();
        for (int i = 0; i < written.length; i++) {
            if (written[i] != null && accumulate[i]) {
                written[i] = new double[written[i].length];
            }
        }
        adjoint(backend, primals, shapes, output, cotangent, written, residual);
        for (int i = 0; i < written.length; i++) {
            if (written[i] != null && accumulate[i]) {
                double[] sum = adjointsOut[i];
                double[] c = written[i];
                backend.forRange(sum.length, (from, to) -> {
                    for (int k = from; k < to; k++) {
                        sum[k] += c[k];
                    }
                });
            }
        }
    }

    /**
     * The reversal of this kernel on plain values: adds into {@code into[i]} where it is not null
     * (a recording tape's own adjoint array of input i; given only with a residual and
     * {@link #adjointAccumulates}) and returns fresh cotangents for the other wanted inputs (null
     * where it added or the input is not wanted). {@code residual} may be null.
     */
    final Tensor[] vjpInto(Eager eager, Tensor[] primals, Tensor output, Tensor cotangent, boolean[] wanted,
                           Object residual, double[][] into) {
        double[][] p = new double[primals.length][];
        double[][] adj = new double[primals.length][];
        boolean[] accumulate = new boolean[primals.length];
        Shape[] shapes = new Shape[primals.length];
        for (int i = 0; i < primals.length; i++) {
            p[i] = Eager.data(primals[i]);
            shapes[i] = primals[i].shape();
            accumulate[i] = wanted[i] && into[i] != null;
            adj[i] = !wanted[i] ? null : accumulate[i] ? into[i] : eager.array(shapes[i].size(), !adjointOverwrites());
        }
        if (residual == null) {
            adjoint(eager.backend(), p, shapes, Eager.data(output), Eager.data(cotangent), adj);
        } else if (adjointAccumulates()) {
            adjoint(eager.backend(), p, shapes, Eager.data(output), Eager.data(cotangent), adj, residual, accumulate);
        } else {
            adjoint(eager.backend(), p, shapes, Eager.data(output), Eager.data(cotangent), adj, residual);
        }
        Tensor[] r = new Tensor[primals.length];
        for (int i = 0; i < primals.length; i++) {
            r[i] = adj[i] == null || accumulate[i] ? null : eager.wrap(shapes[i], adj[i]);
        }
        return r;
    }

    /** An output and the residual that the adjoint will need, as a recording tape keeps them. */
    record Recorded(Tensor output, Object residual) {
    }

    /** Evaluates on plain values for a recording tape, keeping the residual. */
    final Recorded evaluateRecording(Eager eager, Tensor[] inputs) {
        double[][] data = new double[inputs.length][];
        Shape[] shapes = new Shape[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            data[i] = Eager.data(eager.lift(inputs[i]));
            shapes[i] = inputs[i].shape();
        }
        Shape outShape = outputShape(shapes);
        double[] out = eager.array(outShape.size(), !overwritesOutput());
        Object residual = evaluateForAdjoint(eager.backend(), data, shapes, out, outShape);
        return new Recorded(eager.wrap(outShape, out), residual);
    }

    /** The same function written with array operations: the reference, and the route to higher derivatives. */
    public abstract Tensor composite(Ops ops, Tensor[] inputs);

    @Override
    public final Tensor jvp(Ops ops, Tensor[] primals, Tensor[] tangents, Tensor output) {
        if (ops instanceof Eager eager) {
            double[][] p = new double[primals.length][];
            double[][] t = new double[primals.length][];
            Shape[] shapes = new Shape[primals.length];
            for (int i = 0; i < primals.length; i++) {
                p[i] = Eager.data(primals[i]);
                t[i] = tangents[i] == null ? null : Eager.data(tangents[i]);
                shapes[i] = primals[i].shape();
            }
            double[] out = new double[output.size()];
            tangent(eager.backend(), p, t, shapes, Eager.data(output), out);
            return eager.wrap(output.shape(), out);
        }
        Dual dual = new Dual(ops);
        Tensor[] in = new Tensor[primals.length];
        for (int i = 0; i < primals.length; i++) {
            in[i] = dual.variable(primals[i], tangents[i]);
        }
        return dual.tangent(composite(dual, in));
    }

    @Override
    public final Tensor[] vjp(Ops ops, Tensor[] primals, Tensor output, Tensor cotangent, boolean[] wanted) {
        return vjp(ops, primals, output, cotangent, wanted, null);
    }

    /** {@link #vjp} with the residual kept by a recording tape (null: none). */
    final Tensor[] vjp(Ops ops, Tensor[] primals, Tensor output, Tensor cotangent, boolean[] wanted,
                       Object residual) {
        if (ops instanceof Eager eager) {
            return vjpInto(eager, primals, output, cotangent, wanted, residual, new double[primals.length][]);
        }
        Tape tape = new Tape(ops);
        Tensor[] in = tape.variables(primals);
        Tensor y = composite(tape, in);
        return tape.vjp(new Tensor[] {y}, new Tensor[] {cotangent}, in);
    }
}
