package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.LinearAlgebra;

/** {@code y = A x} for a constant sparse matrix A and a vector x; the adjoint applies {@code A^T}. */
public record SparseMultiply(CsrMatrix matrix, CsrMatrix transposed) implements Primitive {

    public SparseMultiply(CsrMatrix matrix) {
        this(matrix, matrix.transpose());
    }

    @Override
    public String name() {
        return "sparseMultiply(" + matrix.rows() + "x" + matrix.columns() + ")";
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, 1);
        if (inputs[0].rank() != 1 || inputs[0].dim(0) != matrix.columns()) {
            throw new ShapeMismatchException(name() + ": operand must have shape [" + matrix.columns()
                    + "], got " + inputs[0]);
        }
        return Shape.of(matrix.rows());
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        double[] x = in[0];
        CsrMatrix m = matrix;
        backend.forRange(m.rows(), Math.max(1, m.nonZeros() / Math.max(1, m.rows())), (f, t) -> LinearAlgebra.csrMultiply(m.rowStart(), m.column(), m.value(), x, out, f, t));
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return ops.bind(this, t[0]);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        return new Tensor[] {ops.bind(new SparseMultiply(transposed, matrix), g)};
    }
}
