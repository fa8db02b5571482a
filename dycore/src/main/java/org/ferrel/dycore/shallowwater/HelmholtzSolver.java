package org.ferrel.dycore.shallowwater;

import org.ferrel.autodiff.LinearPrimitive;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.dycore.grid.Grid;

/**
 * Solves the Helmholtz problem of a semi-implicit gravity-wave step on the C-grid,
 * <pre>
 *   (I - c L) h = r,    L = divergenceAtCenter(ddxAtU, ddyAtV)   (CGridOperators' Laplacian)
 * </pre>
 * with {@code c = (eta)^2 g H0} [m^2] fixed, directly: a Fourier transform along each row
 * ({@link ZonalSpectra}) turns the zonal second difference into {@code -(2 - 2 cos(2 pi k / nx))}
 * per zonal wavenumber k, and each wavenumber is then one symmetric tridiagonal system in latitude,
 * <pre>
 *   A_j h_j + c [ lambda_k dy / dx_j h_j - ((h_(j+1) - h_j) dxV_j m_j - (h_j - h_(j-1)) dxV_(j-1) m_(j-1)) / dy ] = A_j r_j
 * </pre>
 * (A cell areas, dx_j the zonal spacing, dxV_j the v-face lengths, m_j the v mask; no flux through
 * the poles), positive definite and diagonally dominant, factored once (Thomas algorithm, no
 * pivoting). The area-weighted Laplacian {@code W L} is symmetric, so the transpose of the solve is
 * {@code (I - c L)^-T = W (I - c L)^-1 W^-1}: the adjoint is the same solve on {@code b / A},
 * scaled by A. As a {@link Primitive} of one input it is linear: its tangent is the solve, its
 * cotangent the transposed solve, neither reading the primal values. Fields may carry leading
 * (batch) axes: {@code [..., ny, nx]}. Needs a grid closed in y (the sphere).
 */
public final class HelmholtzSolver implements LinearPrimitive {
    private final int nx;
    private final int ny;
    private final double coefficient;
    private final boolean transposed;
    private final double[] area;
    /** Coupling of rows j and j+1: {@code -c dxV_j m_j / dy}. */
    private final double[] offDiagonal;
    /** Thomas factors per wavenumber, [k * ny + j]: the elimination multiplier and the inverse pivot. */
    private final double[] multiplier;
    private final double[] inversePivot;
    private final ZonalSpectra spectra;
    private final HelmholtzSolver transpose;

    /**
     * @param grid        a grid closed in y
     * @param coefficient c in {@code (I - c L) h = r} [m^2], at least 0
     */
    public HelmholtzSolver(Grid grid, double coefficient) {
        if (grid.periodicY()) {
            throw new IllegalArgumentException("Helmholtz solver needs a grid closed in y (the sphere); " + grid
                    + " is periodic in y");
        }
        if (!(coefficient >= 0) || Double.isInfinite(coefficient)) {
            throw new IllegalArgumentException("Helmholtz coefficient must be finite and >= 0, got " + coefficient);
        }
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.coefficient = coefficient;
        this.transposed = false;
        this.area = grid.cellArea();
        this.spectra = new ZonalSpectra(nx, ny);
        double dy = grid.dy();
        double[] dx = grid.dxAtCenterRow();
        double[] dxV = grid.dxAtVRow();
        double[] mask = grid.vMask();
        double[] face = new double[ny];
        this.offDiagonal = new double[ny];
        for (int j = 0; j < ny; j++) {
            face[j] = dxV[j] * mask[j] / dy;
            offDiagonal[j] = -coefficient * face[j];
        }
        int waves = spectra.wavenumbers();
        this.multiplier = new double[waves * ny];
        this.inversePivot = new double[waves * ny];
        for (int k = 0; k < waves; k++) {
            double lambda = 2 - 2 * Math.cos(2 * Math.PI * k / nx);
            double previousPivot = 0;
            for (int j = 0; j < ny; j++) {
                double diagonal = area[j] + coefficient * (lambda * dy / dx[j] + face[j] + (j > 0 ? face[j - 1] : 0));
                double l = j > 0 ? offDiagonal[j - 1] / previousPivot : 0.0;
                double pivot = diagonal - (j > 0 ? l * offDiagonal[j - 1] : 0.0);
                multiplier[k * ny + j] = l;
                inversePivot[k * ny + j] = 1.0 / pivot;
                previousPivot = pivot;
            }
        }
        this.transpose = new HelmholtzSolver(this);
    }

    private HelmholtzSolver(HelmholtzSolver plain) {
        this.nx = plain.nx;
        this.ny = plain.ny;
        this.coefficient = plain.coefficient;
        this.transposed = true;
        this.area = plain.area;
        this.offDiagonal = plain.offDiagonal;
        this.multiplier = plain.multiplier;
        this.inversePivot = plain.inversePivot;
        this.spectra = plain.spectra;
        this.transpose = plain;
    }

    /** c in {@code (I - c L) h = r} [m^2]. */
    public double coefficient() {
        return coefficient;
    }

    /** The solve with the transposed operator. */
    public HelmholtzSolver transposed() {
        return transpose;
    }

    /** h solving {@code (I - c L) h = r}. */
    public Tensor solve(Ops o, Tensor r) {
        return o.bind(this, r);
    }

    @Override
    public String name() {
        return transposed ? "helmholtzSolveTransposed" : "helmholtzSolve";
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        int[] d = inputs[0].dims();
        if (inputs.length != 1 || d.length < 2 || d[d.length - 1] != nx || d[d.length - 2] != ny) {
            throw new ShapeMismatchException(name() + ": expected one field of shape [..., " + ny + ", " + nx + "], got "
                    + java.util.Arrays.toString(inputs));
        }
        return inputs[0];
    }

    @Override
    public void evaluate(Backend backend, double[][] inputs, Shape[] shapes, double[] out, Shape outShape) {
        double[] r = inputs[0];
        int fieldSize = nx * ny;
        int fields = r.length / fieldSize;
        int waves = spectra.wavenumbers();
        double[] re = new double[waves * ny];
        double[] im = new double[waves * ny];
        ZonalSpectra.Work work = spectra.work();
        for (int f = 0; f < fields; f++) {
            spectra.forward(r, f * fieldSize, re, im, work);
            for (int k = 0; k < waves; k++) {
                solveColumn(re, k * ny);
                solveColumn(im, k * ny);
            }
            spectra.inverse(re, im, out, f * fieldSize, work);
        }
    }

    /**
     * One tridiagonal solve in latitude, in place on {@code x[base .. base + ny)}: right-hand side
     * {@code A_j x_j} (plain) or {@code x_j} with the solution scaled by {@code A_j} (transposed).
     */
    private void solveColumn(double[] x, int base) {
        double previous = 0;
        for (int j = 0; j < ny; j++) {
            double rhs = transposed ? x[base + j] : area[j] * x[base + j];
            previous = rhs - multiplier[base + j] * previous;
            x[base + j] = previous;
        }
        double next = 0;
        for (int j = ny - 1; j >= 0; j--) {
            next = (x[base + j] - offDiagonal[j] * next) * inversePivot[base + j];
            x[base + j] = next;
        }
        if (transposed) {
            for (int j = 0; j < ny; j++) {
                x[base + j] *= area[j];
            }
        }
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] primals, Tensor[] tangents, Tensor output) {
        return ops.bind(this, tangents[0]);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] primals, Tensor output, Tensor cotangent, boolean[] wanted) {
        return new Tensor[] {ops.bind(transpose, cotangent)};
    }
}
