package org.ferrel.dycore.shallowwater;

import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.PlaneGrid;
import org.ferrel.dycore.operators.CGridOperators;
import org.junit.jupiter.api.Test;

/**
 * The direct Helmholtz solve {@code (I - c L) h = r} with the C-grid Laplacian: residual to rounding
 * for rows of power-of-two and odd length (radix-2 and Bluestein transforms, paired and unpaired
 * rows), mass kept, and its adjoint (the transposed solve) by the dot-product test.
 */
class HelmholtzSolverTest {
    private final Eager o = Eager.serial();
    /** c = (dt/4)^2 g H0 at dt = 2400 s, H0 = 8000 m: about 2.8e10 m^2, 2.8 times (100 km)^2. */
    private static final double C = Math.pow(600.0, 2) * 9.80616 * 8000;

    private static LatLonGrid grid(int nx, int ny) {
        return new LatLonGrid(nx, ny, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
    }

    /**
     * max |h - c L h - r| over the rounding scale of its evaluation, {@code max |r| + max |h| (1 + c
     * ||L||)} (||L|| the infinity norm of the discrete Laplacian: evaluating c L h alone rounds at
     * eps c ||L|| max |h|), for a random r.
     */
    private double relativeResidual(LatLonGrid grid, double c, long seed) {
        CGridOperators ops = new CGridOperators(grid);
        Tensor r = GradientCheck.random(o, new Shape[] {grid.shape()}, seed)[0];
        Tensor h = new HelmholtzSolver(grid, c).solve(o, r);
        Tensor cLh = o.mul(ops.laplacianAtCenter(o, h), c);
        Tensor residual = o.sub(o.sub(h, cLh), r);
        return max(residual) / (max(r) + max(h) * (1 + c * laplacianNorm(grid)));
    }

    /** {@code max_j sum_i |L_ji|}: twice the diagonal, {@code 2 (2 dy / dx_j + (dxV_j + dxV_(j-1)) / dy) / A_j}. */
    private static double laplacianNorm(LatLonGrid grid) {
        double[] dx = grid.dxAtCenterRow();
        double[] dxV = grid.dxAtVRow();
        double[] area = grid.cellArea();
        double norm = 0;
        for (int j = 0; j < grid.ny(); j++) {
            double meridional = (dxV[j] * grid.vMask()[j] + (j > 0 ? dxV[j - 1] : 0)) / grid.dy();
            norm = Math.max(norm, 2 * (2 * grid.dy() / dx[j] + meridional) / area[j]);
        }
        return norm;
    }

    /** The largest magnitude of a tensor (shared by this package's tests). */
    static double max(Tensor t) {
        double m = 0;
        for (double x : t.values()) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Test
    void residualIsRoundingForPowerOfTwoAndOddRowLengths() {
        int[][] shapes = {{64, 32}, {32, 15}, {45, 22}, {27, 13}, {128, 64}};
        for (int[] s : shapes) {
            for (double c : new double[] {0.0, 1e8, C, 1e3 * C}) {
                double e = relativeResidual(grid(s[0], s[1]), c, 7 + s[0]);
                System.out.printf("Helmholtz nx=%d ny=%d c=%.1e: relative residual %.2e%n", s[0], s[1], c, e);
                assertTrue(e < 2e-15, "nx " + s[0] + ", ny " + s[1] + ", c " + c + ": residual " + e);
            }
        }
    }

    @Test
    void keepsTheAreaIntegral() {
        LatLonGrid grid = grid(45, 22);
        CGridOperators ops = new CGridOperators(grid);
        Tensor r = o.add(GradientCheck.random(o, new Shape[] {grid.shape()}, 3)[0], 5.0);
        Tensor h = new HelmholtzSolver(grid, C).solve(o, r);
        double before = ops.integral(o, r).item();
        assertEquals(before, ops.integral(o, h).item(), 1e-13 * Math.abs(before));
    }

    @Test
    void adjointIsTheTransposedSolveByTheDotProductTest() {
        for (int[] s : new int[][] {{32, 16}, {27, 13}}) {
            LatLonGrid grid = grid(s[0], s[1]);
            HelmholtzSolver solver = new HelmholtzSolver(grid, C);
            Tensor[] x = GradientCheck.random(o, new Shape[] {grid.shape()}, 11);
            GradientCheck.DotProduct d = GradientCheck.dotProduct(o, (q, in) -> new Tensor[] {solver.solve(q, in[0])}, x, 5);
            System.out.printf("Helmholtz nx=%d dot product: %.2e%n", s[0], d.relativeError());
            assertDotProduct(d, 1e-13);
            // and the transposed solve is the transpose: <S x, y> = <x, S^T y> on plain values
            Tensor y = GradientCheck.random(o, new Shape[] {grid.shape()}, 12)[0];
            double left = o.dot(solver.solve(o, x[0]), y).item();
            double right = o.dot(x[0], solver.transposed().solve(o, y)).item();
            assertEquals(left, right, 1e-13 * Math.abs(left));
        }
    }

    @Test
    void batchOfFieldsIsSolvedFieldByField() {
        LatLonGrid grid = grid(27, 13);
        HelmholtzSolver solver = new HelmholtzSolver(grid, C);
        Tensor[] r = GradientCheck.random(o, new Shape[] {grid.shape(), grid.shape()}, 21);
        Tensor both = solver.solve(o, o.stack(r[0], r[1]));
        for (int f = 0; f < 2; f++) {
            Tensor single = solver.solve(o, r[f]);
            Tensor part = o.reshape(o.slice(both, 0, f, f + 1), grid.shape());
            assertEquals(0.0, max(o.sub(part, single)), 0.0, "field " + f);
        }
    }

    @Test
    void refusesAGridPeriodicInY() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HelmholtzSolver(new PlaneGrid(8, 8, 1e6, 1e6, 1e-4), C));
        assertTrue(e.getMessage().contains("periodic in y"), e.getMessage());
    }
}
