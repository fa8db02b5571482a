package org.ferrel.autodiff;

import java.util.Arrays;
import org.ferrel.autodiff.primitives.AddScalar;
import org.ferrel.autodiff.primitives.AddScaled;
import org.ferrel.autodiff.primitives.LinearCombination;
import org.ferrel.autodiff.primitives.Binary;
import org.ferrel.autodiff.primitives.BroadcastTo;
import org.ferrel.autodiff.primitives.Concat;
import org.ferrel.autodiff.primitives.CsrMatrix;
import org.ferrel.autodiff.primitives.DenseSolve;
import org.ferrel.autodiff.primitives.MatMul;
import org.ferrel.autodiff.primitives.Pad;
import org.ferrel.autodiff.primitives.PowScalar;
import org.ferrel.autodiff.primitives.Reshape;
import org.ferrel.autodiff.primitives.Roll;
import org.ferrel.autodiff.primitives.Scale;
import org.ferrel.autodiff.primitives.Slice;
import org.ferrel.autodiff.primitives.Shift;
import org.ferrel.autodiff.primitives.SparseMultiply;
import org.ferrel.autodiff.primitives.SumAll;
import org.ferrel.autodiff.primitives.SumAxis;
import org.ferrel.autodiff.primitives.SumTo;
import org.ferrel.autodiff.primitives.Transpose;
import org.ferrel.autodiff.primitives.TridiagonalSolve;
import org.ferrel.autodiff.primitives.Unary;

/**
 * The vocabulary of array programs, and the interpreter that runs them. Model code is written once
 * against {@code Ops}; which interpreter it is handed decides what running it means:
 * <ul>
 *   <li>{@link Eager}: plain evaluation (the fast forward run);</li>
 *   <li>{@link Tape}: evaluation that records each array operation for reverse mode (VJP);</li>
 *   <li>{@link Dual}: evaluation that carries tangents along (forward mode, JVP).</li>
 * </ul>
 * Tapes and duals sit on a base interpreter, so they nest: a tape on a dual gives
 * forward-over-reverse second derivatives. Every operation is one {@link Primitive} bound to its
 * inputs; the methods below are named shorthands for {@link #bind}.
 *
 * <p>Tensors of a lower level (for example plain constants of the model) may be passed to a higher
 * level; they enter as constants. Tensors of an unrelated tape or dual are rejected.
 */
public interface Ops {

    /** Applies a primitive to inputs of this level (or of a level below, taken as constants). */
    Tensor bind(Primitive primitive, Tensor... inputs);

    /** A constant of this level holding a copy of {@code values}. */
    Tensor constant(Shape shape, double[] values);

    /** Brings a tensor of this level or a level below to this level (as a constant if below). */
    Tensor lift(Tensor tensor);

    /** The interpreter this one runs on, or {@code null} for {@link Eager}. */
    Ops base();

    /** The flat arrays that make up a tensor of this level (one for Eager; primal then tangent for Dual). */
    double[][] export(Tensor tensor);

    /** The inverse of {@link #export}. */
    Tensor restore(Shape shape, double[][] components);

    /** How many flat arrays {@link #export} returns per tensor. */
    int componentCount();

    /**
     * A hint that these tensors will never be read again, so that their storage can hold later
     * results: {@link Eager} reuses their arrays for its next outputs of the same size (which then
     * come cache-warm instead of from fresh memory); a recording tape or a dual keeps its values and
     * ignores the hint. Pass only intermediates the calling code created itself and holds alone —
     * never a tensor it was given or one it returns — and each at most once. Nulls are ignored.
     */
    default void recycle(Tensor... dead) {
    }

    // ---- constants ----

    default Tensor constant(double[] values, int... shape) {
        return constant(Shape.of(shape), values);
    }

    default Tensor vector(double... values) {
        return constant(Shape.of(values.length), values);
    }

    default Tensor scalar(double value) {
        return constant(Shape.SCALAR, new double[] {value});
    }

    default Tensor zeros(Shape shape) {
        return constant(shape, new double[shape.size()]);
    }

    default Tensor full(Shape shape, double value) {
        double[] v = new double[shape.size()];
        Arrays.fill(v, value);
        return constant(shape, v);
    }

    // ---- element-wise, with numpy broadcasting ----

    default Tensor add(Tensor a, Tensor b) {
        return bind(Binary.ADD, a, b);
    }

    default Tensor sub(Tensor a, Tensor b) {
        return bind(Binary.SUB, a, b);
    }

    default Tensor mul(Tensor a, Tensor b) {
        return bind(Binary.MUL, a, b);
    }

    default Tensor div(Tensor a, Tensor b) {
        return bind(Binary.DIV, a, b);
    }

    /** Element-wise maximum; at ties the derivative goes to {@code a}. */
    default Tensor maximum(Tensor a, Tensor b) {
        return bind(Binary.MAX, a, b);
    }

    /** Element-wise minimum; at ties the derivative goes to {@code a}. */
    default Tensor minimum(Tensor a, Tensor b) {
        return bind(Binary.MIN, a, b);
    }

    /** 1 where {@code a >= b}, else 0; its derivative is zero. */
    default Tensor greaterEqual(Tensor a, Tensor b) {
        return bind(Binary.GREATER_EQUAL, a, b);
    }

    default Tensor add(Tensor a, double s) {
        return s == 0.0 ? a : bind(new AddScalar(s), a);
    }

    default Tensor mul(Tensor a, double s) {
        return bind(new Scale(s), a);
    }

    /** {@code a + factor b} for tensors of the same shape, in one pass. */
    default Tensor addScaled(Tensor a, Tensor b, double factor) {
        return bind(new AddScaled(factor), a, b);
    }

    /**
     * {@code sum c_i x_i} for 2 to 4 tensors of one shape, in one pass (summed left to right).
     */
    default Tensor linearCombination(double[] coefficients, Tensor... terms) {
        return bind(new LinearCombination(coefficients), terms);
    }

    default Tensor neg(Tensor a) {
        return bind(Unary.NEG, a);
    }

    default Tensor exp(Tensor a) {
        return bind(Unary.EXP, a);
    }

    default Tensor log(Tensor a) {
        return bind(Unary.LOG, a);
    }

    default Tensor sin(Tensor a) {
        return bind(Unary.SIN, a);
    }

    default Tensor cos(Tensor a) {
        return bind(Unary.COS, a);
    }

    default Tensor tanh(Tensor a) {
        return bind(Unary.TANH, a);
    }

    default Tensor sqrt(Tensor a) {
        return bind(Unary.SQRT, a);
    }

    default Tensor square(Tensor a) {
        return bind(Unary.SQUARE, a);
    }

    /** |a|; derivative sign(a) (0 at 0). */
    default Tensor abs(Tensor a) {
        return bind(Unary.ABS, a);
    }

    /** max(a, 0); derivative 1 for a > 0, else 0. */
    default Tensor relu(Tensor a) {
        return bind(Unary.RELU, a);
    }

    default Tensor sigmoid(Tensor a) {
        return bind(Unary.SIGMOID, a);
    }

    /** log(1 + e^a). */
    default Tensor softplus(Tensor a) {
        return bind(Unary.SOFTPLUS, a);
    }

    /** 1 where a > 0, else 0; its derivative is zero. */
    default Tensor heaviside(Tensor a) {
        return bind(Unary.HEAVISIDE, a);
    }

    /** sign(a); its derivative is zero. */
    default Tensor sign(Tensor a) {
        return bind(Unary.SIGN, a);
    }

    /** a^p for a constant exponent p. */
    default Tensor pow(Tensor a, double p) {
        if (p == 1.0) {
            return a;
        }
        if (p == 2.0) {
            return square(a);
        }
        return bind(new PowScalar(p), a);
    }

    // ---- reductions and broadcasting ----

    /** Sum of all elements (a scalar), in fixed-size blocks combined in order. */
    default Tensor sum(Tensor a) {
        return bind(SumAll.INSTANCE, a);
    }

    /** Sum along one axis, which disappears from the shape. */
    default Tensor sum(Tensor a, int axis) {
        return bind(new SumAxis(a.shape().axis(axis, "sum")), a);
    }

    default Tensor mean(Tensor a) {
        return mul(sum(a), 1.0 / a.shape().size());
    }

    /** Sum of the element-wise product. */
    default Tensor dot(Tensor a, Tensor b) {
        return sum(mul(a, b));
    }

    /** Sums over the axes along which {@code target} was broadcast to this shape. */
    default Tensor sumTo(Tensor a, Shape target) {
        return a.shape().equals(target) ? a : bind(new SumTo(target), a);
    }

    default Tensor broadcastTo(Tensor a, Shape target) {
        return a.shape().equals(target) ? a : bind(new BroadcastTo(target), a);
    }

    // ---- layout: reshapes, slices and shifts for stencils ----

    default Tensor reshape(Tensor a, Shape shape) {
        return a.shape().equals(shape) ? a : bind(new Reshape(shape), a);
    }

    /** Entries {@code [from, to)} along {@code axis}. */
    default Tensor slice(Tensor a, int axis, int from, int to) {
        int ax = a.shape().axis(axis, "slice");
        if (from == 0 && to == a.shape().dim(ax)) {
            return a;
        }
        return bind(new Slice(ax, from, to), a);
    }

    /** Zero padding along {@code axis}. */
    default Tensor pad(Tensor a, int axis, int before, int after) {
        if (before == 0 && after == 0) {
            return a;
        }
        return bind(new Pad(a.shape().axis(axis, "pad"), before, after), a);
    }

    /** Periodic shift: {@code out[i] = a[i - shift]} along {@code axis}, indices modulo the extent. */
    default Tensor roll(Tensor a, int axis, int shift) {
        int ax = a.shape().axis(axis, "roll");
        int n = a.shape().dim(ax);
        int s = n == 0 ? 0 : Math.floorMod(shift, n);
        return s == 0 ? a : bind(new Roll(ax, s), a);
    }

    /** Shift with zero fill: {@code out[i] = a[i - shift]} where {@code 0 <= i - shift < n}, else 0. */
    default Tensor shift(Tensor a, int axis, int shift) {
        int ax = a.shape().axis(axis, "shift");
        int n = a.shape().dim(ax);
        if (shift == 0) {
            return a;
        }
        if (Math.abs(shift) >= n) {
            return zeros(a.shape());
        }
        return bind(new Shift(ax, shift), a);
    }

    default Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 1) {
            return parts[0];
        }
        return bind(new Concat(parts[0].shape().axis(axis, "concat")), parts);
    }

    /** Stacks equal-shaped tensors along a new leading axis. */
    default Tensor stack(Tensor... parts) {
        Tensor[] r = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            int[] d = parts[i].shape().dims();
            int[] nd = new int[d.length + 1];
            nd[0] = 1;
            System.arraycopy(d, 0, nd, 1, d.length);
            r[i] = reshape(parts[i], Shape.of(nd));
        }
        return concat(0, r);
    }

    /** Transpose of a matrix. */
    default Tensor transpose(Tensor a) {
        return bind(Transpose.INSTANCE, a);
    }

    // ---- linear algebra ----

    /** Matrix product of [m, k] and [k, n]. */
    default Tensor matmul(Tensor a, Tensor b) {
        return bind(MatMul.NN, a, b);
    }

    /** {@code op(a) op(b)} where op transposes when its flag is set. */
    default Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        return bind(MatMul.of(transposeA, transposeB), a, b);
    }

    /**
     * Solves the tridiagonal systems {@code lower[i] x[i-1] + diagonal[i] x[i] + upper[i] x[i+1] = rhs[i]}
     * along the last axis (leading axes are a batch of independent systems). All four operands have
     * the same shape; {@code lower[..., 0]} and {@code upper[..., n-1]} are ignored. No pivoting:
     * for diagonally dominant systems.
     */
    default Tensor solveTridiagonal(Tensor lower, Tensor diagonal, Tensor upper, Tensor rhs) {
        return bind(TridiagonalSolve.PLAIN, lower, diagonal, upper, rhs);
    }

    /** As {@link #solveTridiagonal} with the transposed matrix. */
    default Tensor solveTridiagonalTransposed(Tensor lower, Tensor diagonal, Tensor upper, Tensor rhs) {
        return bind(TridiagonalSolve.TRANSPOSED, lower, diagonal, upper, rhs);
    }

    /** Solves {@code A x = b} for a square matrix A ([n, n]) and b of shape [n] or [n, k] (LU, partial pivoting). */
    default Tensor solve(Tensor a, Tensor b) {
        return bind(DenseSolve.PLAIN, a, b);
    }

    /** Solves {@code A^T x = b}. */
    default Tensor solveTransposed(Tensor a, Tensor b) {
        return bind(DenseSolve.TRANSPOSED, a, b);
    }

    /**
     * {@code A x} for a constant sparse matrix (interpolation, observation operators, stencils).
     * This builds the transpose on every call; for a matrix applied repeatedly, build a
     * {@link SparseMultiply} once and use {@link #multiply(SparseMultiply, Tensor)}.
     */
    default Tensor multiply(CsrMatrix matrix, Tensor x) {
        return bind(new SparseMultiply(matrix), x);
    }

    /** {@code A x} with a prepared sparse operator (its transpose computed once). */
    default Tensor multiply(SparseMultiply operator, Tensor x) {
        return bind(operator, x);
    }
}
