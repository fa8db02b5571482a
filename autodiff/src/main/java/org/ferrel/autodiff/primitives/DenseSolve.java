package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.LinearAlgebra;

/**
 * Dense linear solve {@code A x = b} (or {@code A^T x = b}) by LU with partial pivoting; b is a
 * vector [n] or a matrix [n, k]. The adjoint is one transposed solve {@code lambda = A^-T g},
 * then {@code d b = lambda} and {@code d A = -lambda x^T}.
 */
public record DenseSolve(boolean transposed) implements Primitive {
    public static final DenseSolve PLAIN = new DenseSolve(false);
    public static final DenseSolve TRANSPOSED = new DenseSolve(true);

    @Override
    public String name() {
        return transposed ? "solveTransposed" : "solve";
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 2);
        Shape a = inputs[0];
        Shape b = inputs[1];
        if (a.rank() != 2 || a.dim(0) != a.dim(1)) {
            throw new ShapeMismatchException(name() + ": matrix must be square, got shape " + a);
        }
        if ((b.rank() != 1 && b.rank() != 2) || b.dim(0) != a.dim(0)) {
            throw new ShapeMismatchException(name() + ": matrix " + a + " and right-hand side " + b + " do not match");
        }
        return b;
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        int n = shapes[0].dim(0);
        int k = outShape.rank() == 1 ? 1 : outShape.dim(1);
        double[] lu = in[0].clone();
        int[] pivot = new int[n];
        LinearAlgebra.luFactor(lu, n, pivot);
        double[] b = in[1];
        backend.forRange(k, n * n, (f, t) -> LinearAlgebra.luSolve(lu, pivot, n, transposed, b, k, out, f, t));
    }

    private static Tensor asMatrix(Ops ops, Tensor v) {
        return v.shape().rank() == 2 ? v : ops.reshape(v, Shape.of(v.shape().dim(0), 1));
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor x) {
        Tensor rhs = t[1];
        if (t[0] != null) {
            Tensor dAx = ops.reshape(ops.matmul(t[0], transposed, asMatrix(ops, x), false), x.shape());
            rhs = Rules.minus(ops, rhs, dAx);
        }
        return ops.bind(this, p[0], rhs);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor x, Tensor g, boolean[] wanted) {
        Tensor lambda = ops.bind(new DenseSolve(!transposed), p[0], g);
        Tensor ga = null;
        if (wanted[0]) {
            Tensor l = asMatrix(ops, lambda);
            Tensor xm = asMatrix(ops, x);
            ga = transposed ? ops.matmul(xm, false, l, true) : ops.matmul(l, false, xm, true);
            ga = ops.neg(ga);
        }
        return new Tensor[] {ga, lambda};
    }
}
