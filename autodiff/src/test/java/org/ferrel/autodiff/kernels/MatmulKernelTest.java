package org.ferrel.autodiff.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The register-blocked product equals the textbook triple loop bitwise (every element is the sum
 * over p in increasing order from 0) for every transpose flag, for shapes that leave remainders in
 * both blocked directions, and for any split of the rows between calls (threads).
 */
class MatmulKernelTest {

    private static double[] random(SplittableRandom rng, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    private static double[] reference(double[] a, boolean transA, double[] b, boolean transB, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[p * m + i] : a[i * k + p];
                    double y = transB ? b[j * k + p] : b[p * n + j];
                    s += x * y;
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    @Test
    void blockedProductIsTheOrderedSumForAllShapesFlagsAndSplits() {
        SplittableRandom rng = new SplittableRandom(5);
        int[][] shapes = {{1, 1, 1}, {1, 3, 7}, {2, 4, 4}, {3, 5, 9}, {5, 1, 3}, {7, 6, 5}, {8, 8, 8}, {9, 17, 11}, {33, 16, 4}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            for (int flags = 0; flags < 4; flags++) {
                boolean transA = (flags & 1) != 0;
                boolean transB = (flags & 2) != 0;
                double[] a = random(rng, m * k);
                double[] b = random(rng, k * n);
                double[] expected = reference(a, transA, b, transB, m, k, n);
                for (int split = 0; split <= m; split += Math.max(1, m / 3)) {
                    double[] c = new double[m * n];
                    Arrays.fill(c, Double.NaN); // every element must be written
                    LinearAlgebra.matmul(a, transA, b, transB, m, k, n, c, 0, split);
                    LinearAlgebra.matmul(a, transA, b, transB, m, k, n, c, split, m);
                    for (int e = 0; e < c.length; e++) {
                        assertEquals(expected[e], c[e], 0.0, "m=" + m + " k=" + k + " n=" + n + " transA=" + transA
                                + " transB=" + transB + " split=" + split + " element " + e);
                    }
                }
            }
        }
    }

    @Test
    void transposeSwapsRowsAndColumns() {
        double[] t = LinearAlgebra.transpose(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(List.of(1.0, 4.0, 2.0, 5.0, 3.0, 6.0), Arrays.stream(t).boxed().toList());
    }
}
