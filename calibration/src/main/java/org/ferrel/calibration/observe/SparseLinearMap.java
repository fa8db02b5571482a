package org.ferrel.calibration.observe;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.kernels.LinearAlgebra;
import org.ferrel.autodiff.primitives.CsrMatrix;
import org.ferrel.autodiff.primitives.SparseMultiply;

/**
 * A constant sparse matrix from a centred field of shape [ny, nx] to observed values, the form every
 * observation operator of this package takes: row r holds the weights of the cells that observed value
 * r reads. Applied through {@link Ops} it is one {@link SparseMultiply} (a gather and a weighted sum
 * per row, whose adjoint is the transposed matrix, also in gather form); applied to a plain array it is
 * the same kernel, {@link LinearAlgebra#csrMultiply}.
 */
final class SparseLinearMap {
    private final int ny;
    private final int nx;
    private final SparseMultiply operator;

    SparseLinearMap(int ny, int nx, CsrMatrix matrix) {
        if (matrix.columns() != ny * nx) {
            throw new IllegalArgumentException("observation operator: " + matrix.columns() + " columns for a " + ny + " x "
                    + nx + " field");
        }
        this.ny = ny;
        this.nx = nx;
        this.operator = new SparseMultiply(matrix);
    }

    /** The map with entries {@code (row[k], column[k], weight[k])} and {@code rows} rows. */
    static SparseLinearMap fromTriplets(int ny, int nx, int rows, int[] row, int[] column, double[] weight) {
        return new SparseLinearMap(ny, nx, CsrMatrix.fromTriplets(rows, ny * nx, row, column, weight));
    }

    int size() {
        return operator.matrix().rows();
    }

    CsrMatrix matrix() {
        return operator.matrix();
    }

    Tensor apply(Ops o, Tensor centred) {
        if (centred.shape().size() != ny * nx) {
            throw new ShapeMismatchException("observation operator: expected a field of shape [" + ny + ", " + nx
                    + "], got " + centred.shape());
        }
        return o.multiply(operator, o.reshape(centred, Shape.of(ny * nx)));
    }

    double[] apply(double[] centred) {
        if (centred.length != ny * nx) {
            throw new IllegalArgumentException("observation operator: expected " + ny + " x " + nx + " = " + ny * nx
                    + " values, got " + centred.length);
        }
        CsrMatrix a = operator.matrix();
        double[] out = new double[a.rows()];
        LinearAlgebra.csrMultiply(a.rowStart(), a.column(), a.value(), centred, out, 0, a.rows());
        return out;
    }

    /** The rows whose {@code keep} entry is true, in order. */
    SparseLinearMap selectRows(boolean[] keep) {
        CsrMatrix a = operator.matrix();
        if (keep.length != a.rows()) {
            throw new IllegalArgumentException("observation operator: a selection of " + keep.length + " entries for "
                    + a.rows() + " values");
        }
        int rows = 0;
        int entries = 0;
        for (int r = 0; r < keep.length; r++) {
            if (keep[r]) {
                rows++;
                entries += a.rowStart()[r + 1] - a.rowStart()[r];
            }
        }
        int[] start = new int[rows + 1];
        int[] column = new int[entries];
        double[] value = new double[entries];
        int q = 0;
        for (int r = 0; r < keep.length; r++) {
            if (keep[r]) {
                int from = a.rowStart()[r];
                int length = a.rowStart()[r + 1] - from;
                System.arraycopy(a.column(), from, column, start[q], length);
                System.arraycopy(a.value(), from, value, start[q], length);
                start[q + 1] = start[q] + length;
                q++;
            }
        }
        return new SparseLinearMap(ny, nx, new CsrMatrix(rows, ny * nx, start, column, value));
    }

    /** The entries of {@code x} whose {@code keep} entry is true, in order (coordinates of selected rows). */
    static double[] kept(double[] x, boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        double[] out = new double[n];
        int q = 0;
        for (int p = 0; p < keep.length; p++) {
            if (keep[p]) {
                out[q++] = x[p];
            }
        }
        return out;
    }
}
