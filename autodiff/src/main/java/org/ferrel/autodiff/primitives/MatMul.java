package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.LinearAlgebra;

/**
 * Matrix product {@code C = op(A) op(B)}, op being the transpose where the flag is set. The
 * derivative rules are matrix products with other flags: {@code dA = G op(B)^T}, {@code dB = op(A)^T G}
 * (up to the flags). A transposed B is copied to row-major order before the product (O(kn) against
 * the product's O(mkn)), so the inner loop always runs along rows of B and C, which vectorizes.
 */
public record MatMul(boolean transposeA, boolean transposeB) implements Primitive {
    public static final MatMul NN = new MatMul(false, false);

    public static MatMul of(boolean transposeA, boolean transposeB) {
        return new MatMul(transposeA, transposeB);
    }

    @Override
    public String name() {
        return "matmul" + (transposeA ? "(A^T" : "(A") + (transposeB ? ", B^T)" : ", B)");
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 2);
        Rules.requireRank(name(), inputs[0], 2, "A");
        Rules.requireRank(name(), inputs[1], 2, "B");
        int m = transposeA ? inputs[0].dim(1) : inputs[0].dim(0);
        int ka = transposeA ? inputs[0].dim(0) : inputs[0].dim(1);
        int kb = transposeB ? inputs[1].dim(1) : inputs[1].dim(0);
        int n = transposeB ? inputs[1].dim(0) : inputs[1].dim(1);
        if (ka != kb) {
            throw new ShapeMismatchException(name() + ": inner extents differ, shapes " + inputs[0] + " and " + inputs[1]);
        }
        return Shape.of(m, n);
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        int m = outShape.dim(0);
        int n = outShape.dim(1);
        int k = transposeA ? shapes[0].dim(0) : shapes[0].dim(1);
        double[] a = in[0];
        // B^T is copied to row-major op(B) once, so that every product runs in the vectorizable row form
        // (C row += A element * B row); the sums are formed in the same order either way
        double[] b = transposeB ? LinearAlgebra.transpose(in[1], n, k) : in[1];
        backend.forRange(m, k * n, (f, t) -> LinearAlgebra.matmul(a, transposeA, b, false, m, k, n, out, f, t));
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        Tensor fromA = t[0] == null ? null : ops.bind(this, t[0], p[1]);
        Tensor fromB = t[1] == null ? null : ops.bind(this, p[0], t[1]);
        return Rules.plus(ops, fromA, fromB);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        Tensor a = p[0];
        Tensor b = p[1];
        Tensor ga = null;
        Tensor gb = null;
        if (wanted[0]) {
            ga = transposeA ? ops.matmul(b, transposeB, g, true) : ops.matmul(g, false, b, !transposeB);
        }
        if (wanted[1]) {
            gb = transposeB ? ops.matmul(g, true, a, transposeA) : ops.matmul(a, !transposeA, g, false);
        }
        return new Tensor[] {ga, gb};
    }
}
