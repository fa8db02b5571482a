package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.LinearAlgebra;

/**
 * Batched tridiagonal solve along the last axis, operands (lower, diagonal, upper, rhs), with
 * {@code A x = rhs} where {@code (A x)[i] = lower[i] x[i-1] + diagonal[i] x[i] + upper[i] x[i+1]}
 * (or the transposed system). The adjoint is one transposed solve,
 * {@code lambda = A^-T g}, and then {@code d rhs = lambda},
 * {@code d A = -lambda x^T} restricted to the three bands.
 */
public record TridiagonalSolve(boolean transposed) implements Primitive {
    public static final TridiagonalSolve PLAIN = new TridiagonalSolve(false);
    public static final TridiagonalSolve TRANSPOSED = new TridiagonalSolve(true);

    @Override
    public String name() {
        return transposed ? "solveTridiagonalTransposed" : "solveTridiagonal";
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 4);
        String[] names = {"lower", "diagonal", "upper", "rhs"};
        for (int i = 0; i < 4; i++) {
            if (!inputs[i].equals(inputs[3])) {
                throw new ShapeMismatchException(name() + ": " + names[i] + " has shape " + inputs[i]
                        + " but rhs has shape " + inputs[3]);
            }
        }
        if (inputs[3].rank() == 0) {
            throw new ShapeMismatchException(name() + ": operands must have at least one axis");
        }
        return inputs[3];
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        int n = outShape.dim(outShape.rank() - 1);
        if (n == 0) {
            return;
        }
        int systems = outShape.size() / n;
        backend.forRange(systems, 8 * n, (f, t) -> LinearAlgebra.tridiagonal(in[0], in[1], in[2], in[3], transposed, n, out, f, t));
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor x) {
        // A dx = drhs - dA x (or the transposed relation)
        Tensor r = t[3];
        Tensor dAx = null;
        if (!transposed) {
            if (t[0] != null) {
                dAx = ops.mul(t[0], ops.shift(x, -1, 1));
            }
            if (t[1] != null) {
                dAx = Rules.plus(ops, dAx, ops.mul(t[1], x));
            }
            if (t[2] != null) {
                dAx = Rules.plus(ops, dAx, ops.mul(t[2], ops.shift(x, -1, -1)));
            }
        } else {
            if (t[0] != null) {
                dAx = ops.shift(ops.mul(t[0], x), -1, -1);
            }
            if (t[1] != null) {
                dAx = Rules.plus(ops, dAx, ops.mul(t[1], x));
            }
            if (t[2] != null) {
                dAx = Rules.plus(ops, dAx, ops.shift(ops.mul(t[2], x), -1, 1));
            }
        }
        Tensor rhs = Rules.minus(ops, r, dAx);
        return ops.bind(this, p[0], p[1], p[2], rhs);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor x, Tensor g, boolean[] wanted) {
        Tensor lambda = ops.bind(new TridiagonalSolve(!transposed), p[0], p[1], p[2], g);
        Tensor[] r = new Tensor[4];
        r[3] = lambda;
        if (!wanted[0] && !wanted[1] && !wanted[2]) {
            return r;
        }
        Tensor minusLambda = ops.neg(lambda);
        if (!transposed) {
            // d A = -lambda x^T on the bands
            r[0] = wanted[0] ? ops.mul(minusLambda, ops.shift(x, -1, 1)) : null;
            r[1] = wanted[1] ? ops.mul(minusLambda, x) : null;
            r[2] = wanted[2] ? ops.mul(minusLambda, ops.shift(x, -1, -1)) : null;
        } else {
            // d A = -x lambda^T on the bands
            Tensor minusX = ops.neg(x);
            r[0] = wanted[0] ? ops.mul(minusX, ops.shift(lambda, -1, 1)) : null;
            r[1] = wanted[1] ? ops.mul(minusLambda, x) : null;
            r[2] = wanted[2] ? ops.mul(minusX, ops.shift(lambda, -1, -1)) : null;
        }
        return r;
    }
}
