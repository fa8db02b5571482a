package org.ferrel.autodiff.primitives;

import java.util.Arrays;

/**
 * A constant sparse matrix in compressed sparse row form, with its transpose precomputed so that
 * both products are written in gather form (each output row reads its entries) and run in
 * parallel without atomics.
 */
public record CsrMatrix(int rows, int columns, int[] rowStart, int[] column, double[] value) {

    public CsrMatrix {
        if (rowStart.length != rows + 1 || column.length != value.length || rowStart[rows] != value.length) {
            throw new IllegalArgumentException("CsrMatrix: inconsistent arrays for " + rows + " rows and "
                    + value.length + " entries");
        }
        for (int c : column) {
            if (c < 0 || c >= columns) {
                throw new IllegalArgumentException("CsrMatrix: column index " + c + " outside [0, " + columns + ")");
            }
        }
    }

    /** Builds a matrix from (row, column, value) triplets; duplicates are summed in the given order. */
    public static CsrMatrix fromTriplets(int rows, int columns, int[] row, int[] col, double[] val) {
        if (row.length != col.length || row.length != val.length) {
            throw new IllegalArgumentException("CsrMatrix: triplet arrays differ in length");
        }
        int[] count = new int[rows + 1];
        for (int r : row) {
            if (r < 0 || r >= rows) {
                throw new IllegalArgumentException("CsrMatrix: row index " + r + " outside [0, " + rows + ")");
            }
            count[r + 1]++;
        }
        for (int r = 0; r < rows; r++) {
            count[r + 1] += count[r];
        }
        int[] next = Arrays.copyOf(count, rows);
        int[] c = new int[val.length];
        double[] v = new double[val.length];
        for (int i = 0; i < val.length; i++) {
            int p = next[row[i]]++;
            c[p] = col[i];
            v[p] = val[i];
        }
        return new CsrMatrix(rows, columns, count, c, v);
    }

    public int nonZeros() {
        return value.length;
    }

    public CsrMatrix transpose() {
        int[] row = new int[value.length];
        for (int r = 0; r < rows; r++) {
            for (int p = rowStart[r]; p < rowStart[r + 1]; p++) {
                row[p] = r;
            }
        }
        return fromTriplets(columns, rows, column, row, value);
    }
}
