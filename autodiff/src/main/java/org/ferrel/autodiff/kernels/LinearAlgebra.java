package org.ferrel.autodiff.kernels;

/**
 * Matrix products and linear solves over flat row-major arrays. Each output element accumulates
 * its terms in increasing index order, so results do not depend on how rows are split.
 */
public final class LinearAlgebra {
    private LinearAlgebra() {
    }

    /**
     * Rows {@code [from, to)} of {@code C = op(A) op(B)}, with {@code op(A)} of shape m x k and
     * {@code op(B)} k x n, all row-major ({@code A} is k x m when {@code transA}, {@code B} is
     * n x k when {@code transB}). Every element of C is written (not accumulated) as the sum over
     * p in increasing order, starting from 0, so the result does not depend on how rows are split
     * between threads. Without {@code transB} the products run in register blocks of 2 rows x 4
     * columns of C (eight running sums, each operand loaded once per block); with it, as dot
     * products of rows.
     */
    public static void matmul(double[] a, boolean transA, double[] b, boolean transB,
                              int m, int k, int n, double[] c, int from, int to) {
        if (transB) {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += a(a, transA, m, k, i, p) * b[j * k + p];
                    }
                    c[i * n + j] = s;
                }
            }
            return;
        }
        // op(A)[i][p] = a[i * rowStride + p * pStride]
        int rowStride = transA ? 1 : k;
        int pStride = transA ? m : 1;
        int i = from;
        for (; i + 2 <= to; i += 2) {
            int a0 = i * rowStride;
            int a1 = a0 + rowStride;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
                for (int p = 0, ap = 0, bp = j; p < k; p++, ap += pStride, bp += n) {
                    double x0 = a[a0 + ap];
                    double x1 = a[a1 + ap];
                    double y0 = b[bp];
                    double y1 = b[bp + 1];
                    double y2 = b[bp + 2];
                    double y3 = b[bp + 3];
                    c00 += x0 * y0;
                    c01 += x0 * y1;
                    c02 += x0 * y2;
                    c03 += x0 * y3;
                    c10 += x1 * y0;
                    c11 += x1 * y1;
                    c12 += x1 * y2;
                    c13 += x1 * y3;
                }
                int r0 = i * n + j;
                int r1 = r0 + n;
                c[r0] = c00;
                c[r0 + 1] = c01;
                c[r0 + 2] = c02;
                c[r0 + 3] = c03;
                c[r1] = c10;
                c[r1 + 1] = c11;
                c[r1 + 2] = c12;
                c[r1 + 3] = c13;
            }
            for (; j < n; j++) {
                double c0 = 0, c1 = 0;
                for (int p = 0, ap = 0, bp = j; p < k; p++, ap += pStride, bp += n) {
                    c0 += a[a0 + ap] * b[bp];
                    c1 += a[a1 + ap] * b[bp];
                }
                c[i * n + j] = c0;
                c[(i + 1) * n + j] = c1;
            }
        }
        for (; i < to; i++) {
            int a0 = i * rowStride;
            for (int j = 0; j < n; j++) {
                double c0 = 0;
                for (int p = 0, ap = 0, bp = j; p < k; p++, ap += pStride, bp += n) {
                    c0 += a[a0 + ap] * b[bp];
                }
                c[i * n + j] = c0;
            }
        }
    }

    private static double a(double[] a, boolean transA, int m, int k, int i, int p) {
        return transA ? a[p * m + i] : a[i * k + p];
    }

    /** The transpose of a row-major {@code rows x cols} matrix, as a new row-major {@code cols x rows} one. */
    public static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[base + j];
            }
        }
        return t;
    }

    /**
     * Solves the tridiagonal systems {@code l[i] x[i-1] + d[i] x[i] + u[i] x[i+1] = r[i]} (or the
     * transposed systems) by the Thomas algorithm, without pivoting: meant for diagonally dominant
     * matrices such as implicit diffusion. Systems are the consecutive blocks of {@code n} entries;
     * {@code l[0]} and {@code u[n-1]} of each block are ignored. Solves systems [from, to).
     */
    public static void tridiagonal(double[] l, double[] d, double[] u, double[] r, boolean transposed,
                                   int n, double[] x, int from, int to) {
        double[] c = new double[n];
        for (int s = from; s < to; s++) {
            int o = s * n;
            // coefficients of the system actually solved: sub[i] x[i-1] + diag[i] x[i] + sup[i] x[i+1]
            double diag0 = d[o];
            double sup0 = n > 1 ? (transposed ? l[o + 1] : u[o]) : 0.0;
            c[0] = sup0 / diag0;
            x[o] = r[o] / diag0;
            for (int i = 1; i < n; i++) {
                double sub = transposed ? u[o + i - 1] : l[o + i];
                double sup = i < n - 1 ? (transposed ? l[o + i + 1] : u[o + i]) : 0.0;
                double denom = d[o + i] - sub * c[i - 1];
                c[i] = sup / denom;
                x[o + i] = (r[o + i] - sub * x[o + i - 1]) / denom;
            }
            for (int i = n - 2; i >= 0; i--) {
                x[o + i] -= c[i] * x[o + i + 1];
            }
        }
    }

    /**
     * LU factorisation with partial pivoting of the n-by-n matrix {@code a} (overwritten by its
     * factors); {@code pivot} receives the row permutation.
     *
     * @throws ArithmeticException when a pivot is exactly zero
     */
    public static void luFactor(double[] a, int n, int[] pivot) {
        for (int i = 0; i < n; i++) {
            pivot[i] = i;
        }
        for (int col = 0; col < n; col++) {
            int best = col;
            double bestAbs = Math.abs(a[col * n + col]);
            for (int row = col + 1; row < n; row++) {
                double v = Math.abs(a[row * n + col]);
                if (v > bestAbs) {
                    bestAbs = v;
                    best = row;
                }
            }
            if (bestAbs == 0.0) {
                throw new ArithmeticException("solve: matrix is singular (zero pivot in column " + col + ")");
            }
            if (best != col) {
                for (int j = 0; j < n; j++) {
                    double t = a[col * n + j];
                    a[col * n + j] = a[best * n + j];
                    a[best * n + j] = t;
                }
                int t = pivot[col];
                pivot[col] = pivot[best];
                pivot[best] = t;
            }
            double p = a[col * n + col];
            for (int row = col + 1; row < n; row++) {
                double f = a[row * n + col] / p;
                a[row * n + col] = f;
                for (int j = col + 1; j < n; j++) {
                    a[row * n + j] -= f * a[col * n + j];
                }
            }
        }
    }

    /**
     * Solves {@code A x = b} (or {@code A^T x = b}) for the {@code k} columns of b ([n, k]) given
     * the LU factors of A from {@link #luFactor}, columns [from, to).
     */
    public static void luSolve(double[] lu, int[] pivot, int n, boolean transposed, double[] b, int k,
                               double[] x, int from, int to) {
        double[] y = new double[n];
        for (int col = from; col < to; col++) {
            if (!transposed) {
                // P A = L U: solve L y = P b, then U x = y
                for (int i = 0; i < n; i++) {
                    double s = b[pivot[i] * k + col];
                    for (int j = 0; j < i; j++) {
                        s -= lu[i * n + j] * y[j];
                    }
                    y[i] = s;
                }
                for (int i = n - 1; i >= 0; i--) {
                    double s = y[i];
                    for (int j = i + 1; j < n; j++) {
                        s -= lu[i * n + j] * y[j];
                    }
                    y[i] = s / lu[i * n + i];
                }
                for (int i = 0; i < n; i++) {
                    x[i * k + col] = y[i];
                }
            } else {
                // A^T = U^T L^T P: solve U^T z = b, L^T w = z, x = P^T w
                for (int i = 0; i < n; i++) {
                    double s = b[i * k + col];
                    for (int j = 0; j < i; j++) {
                        s -= lu[j * n + i] * y[j];
                    }
                    y[i] = s / lu[i * n + i];
                }
                for (int i = n - 1; i >= 0; i--) {
                    double s = y[i];
                    for (int j = i + 1; j < n; j++) {
                        s -= lu[j * n + i] * y[j];
                    }
                    y[i] = s;
                }
                for (int i = 0; i < n; i++) {
                    x[pivot[i] * k + col] = y[i];
                }
            }
        }
    }

    /** {@code y[row] = sum_j A[row, j] x[j]} for a CSR matrix, rows [from, to). */
    public static void csrMultiply(int[] rowStart, int[] column, double[] value, double[] x, double[] y,
                                   int from, int to) {
        for (int row = from; row < to; row++) {
            double s = 0;
            for (int p = rowStart[row]; p < rowStart[row + 1]; p++) {
                s += value[p] * x[column[p]];
            }
            y[row] = s;
        }
    }
}
