package org.ferrel.dycore.shallowwater;

import java.util.Arrays;
import org.ferrel.autodiff.FusedKernel;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.exec.Simd;
import org.ferrel.autodiff.exec.ThreadScratch;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * Harmonic or biharmonic diffusion as one fused kernel: {@code c A^m (u, v)} for the velocity and,
 * optionally, {@code c L^m h} for the depth, where A is the C-grid vector Laplacian (grad div - curl
 * curl, {@link CGridOperators#vectorLaplacian(Ops, Tensor, Tensor, Tensor, Tensor)}), L the
 * Laplacian at centres ({@link CGridOperators#laplacianAtCenter(Ops, Tensor, Tensor)}), both with
 * every zonal difference scaled per row by the given weights (none: weight 1), and
 * {@code c = (-1)^(m+1) nu}: {@code +nu del^2} for m = 1, {@code -nu del^4} for m = 2.
 *
 * <p>Inputs {@code (h, u, v, nu)} with the depth, {@code (u, v, nu)} without (fields [ny, nx], nu a
 * scalar); output the tendencies stacked as [3, ny, nx] (h, u, v) or [2, ny, nx] (u, v). The forward
 * kernel repeats the composite's floating-point operations in the composite's order, so its values
 * equal those of {@link #compositeTendency} bit for bit. The map is linear in the fields: the tangent
 * is {@code c A^m(dx) + dc A^m(x)}, the adjoint {@code c (A^T)^m w} for the fields and
 * {@code sign <w, A^m(x)>} for nu (with {@code c = sign nu}; nothing is divided by nu, so nu = 0 is
 * fine). A^T is written in gather form (each cell reads its neighbours) and sums are taken per row
 * and then over rows in order, so every pass splits into rows that run in parallel and gives the
 * same bits for any split. Under a recording tape the kernel keeps A^m(x) for the cotangent of nu
 * (one output's worth of memory per call).
 */
public final class DiffusionKernel extends FusedKernel {
    private final CGridOperators operators;
    private final int order;
    private final boolean depth;
    /** Per-row weights as given (null: unweighted), for the composite. */
    private final double[] weightAtCenterRows;
    private final double[] weightAtVRows;
    private final int nx;
    private final int ny;
    private final boolean periodicY;
    /** The unweighted curl on the sphere replaces the north-pole corner row by its zonal mean. */
    private final boolean poleRowMean;
    /** {@code +1} for odd orders, {@code -1} for even ones: c = sign nu. */
    private final double sign;
    private final double dy;
    private final double inverseDy;
    private final double inverseNx;
    private final double[] wC;
    private final double[] wV;
    private final double[] dxC;
    private final double[] invDxC;
    private final double[] dxV;
    private final double[] invDxV;
    private final double[] invArea;
    private final double[] invCornerArea;
    private final double[] vMask;
    private final double[] oneMinusVMask;
    private final double[] vMaskOverDy;
    /**
     * Per-thread work arrays: no allocation per call. A call that finds its thread's arrays in use
     * (re-entered on the same thread) takes fresh ones.
     */
    private final ThreadScratch<Scratch> scratch = new ThreadScratch<>(Scratch::new);
    /** Whether the passes run the vector forms of {@link DiffusionSimd} (see {@link Simd}). */
    private final boolean simd;
    /**
     * Where the vector forms run, the adjoint passes' rows leave cells 1 to {@code vectorEnd - 1} to
     * them; the scalar loops take the other cells, as {i from, i to} ranges.
     */
    private final int vectorEnd;
    private final int[][] scalarCells;

    /**
     * @param operators          the grid's operators (for the composite form)
     * @param order              m: 1 (harmonic, c = +nu) or 2 (biharmonic, c = -nu)
     * @param depth              whether the depth is diffused too (then the inputs start with h)
     * @param weightAtCenterRows per-row weights of the zonal differences on centre and u rows (length
     *                           ny), or null for none
     * @param weightAtVRows      the same on v and corner rows; null exactly when the other is
     */
    public DiffusionKernel(CGridOperators operators, int order, boolean depth, double[] weightAtCenterRows,
                           double[] weightAtVRows) {
        this(operators, order, depth, weightAtCenterRows, weightAtVRows, Simd.enabled());
    }

    /** With or without the vector forms of {@link DiffusionSimd} (tests compare the two). */
    DiffusionKernel(CGridOperators operators, int order, boolean depth, double[] weightAtCenterRows,
                    double[] weightAtVRows, boolean simd) {
        Grid g = operators.grid();
        if (order != 1 && order != 2) {
            throw new IllegalArgumentException("diffusion kernel: order must be 1 (harmonic) or 2 (biharmonic), got "
                    + order);
        }
        if ((weightAtCenterRows == null) != (weightAtVRows == null)) {
            throw new IllegalArgumentException("diffusion kernel: give both row weights or neither");
        }
        if (weightAtCenterRows != null && (weightAtCenterRows.length != g.ny() || weightAtVRows.length != g.ny())) {
            throw new IllegalArgumentException("diffusion kernel: row weights need " + g.ny() + " values, got "
                    + weightAtCenterRows.length + " and " + weightAtVRows.length);
        }
        this.operators = operators;
        this.order = order;
        this.depth = depth;
        this.weightAtCenterRows = weightAtCenterRows == null ? null : weightAtCenterRows.clone();
        this.weightAtVRows = weightAtVRows == null ? null : weightAtVRows.clone();
        this.nx = g.nx();
        this.ny = g.ny();
        this.simd = simd;
        int lanes = simd ? DiffusionSimd.lanes() : nx;
        this.vectorEnd = 1 + Math.max(0, nx - 2) / lanes * lanes;
        this.scalarCells = vectorEnd <= 1 ? new int[][] {{0, nx}} : new int[][] {{0, 1}, {vectorEnd, nx}};
        this.periodicY = g.periodicY();
        this.poleRowMean = !periodicY && weightAtCenterRows == null;
        this.sign = order % 2 == 1 ? 1.0 : -1.0;
        this.dy = g.dy();
        this.inverseDy = 1.0 / dy;
        this.inverseNx = 1.0 / nx;
        // unweighted: weights of exactly 1, by which a product is exact, reproduce the unweighted operators
        double[] ones = new double[ny];
        Arrays.fill(ones, 1.0);
        this.wC = weightAtCenterRows == null ? ones : this.weightAtCenterRows;
        this.wV = weightAtVRows == null ? ones : this.weightAtVRows;
        this.dxC = g.dxAtCenterRow();
        this.invDxC = inverse(dxC);
        this.dxV = g.dxAtVRow();
        this.invDxV = inverse(dxV);
        this.invArea = inverse(g.cellArea());
        this.invCornerArea = inverse(g.cornerArea());
        this.vMask = g.vMask();
        this.oneMinusVMask = new double[ny];
        this.vMaskOverDy = new double[ny];
        for (int j = 0; j < ny; j++) {
            oneMinusVMask[j] = 1.0 - vMask[j];
            vMaskOverDy[j] = vMask[j] * (1.0 / dy);
        }
    }

    /** 1/x, and 0 where x is 0 (pole faces), as {@link CGridOperators} computes it. */
    private static double[] inverse(double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i] == 0 ? 0.0 : 1.0 / x[i];
        }
        return r;
    }

    public int order() {
        return order;
    }

    public boolean depth() {
        return depth;
    }

    @Override
    public String name() {
        return order == 1 ? "diffusion" : "hyperdiffusion";
    }

    private int fields() {
        return depth ? 3 : 2;
    }

    @Override
    public Shape outputShape(Shape[] in) {
        Shape field = Shape.of(ny, nx);
        int f = fields();
        boolean ok = in.length == f + 1 && in[f].size() == 1;
        for (int i = 0; ok && i < f; i++) {
            ok = in[i].equals(field);
        }
        if (!ok) {
            throw new ShapeMismatchException(name() + ": expects " + (depth ? "h, u, v" : "u, v") + " of shape " + field
                    + " and a scalar coefficient, got " + Arrays.toString(in));
        }
        return Shape.of(f, ny, nx);
    }

    /**
     * The tendency by the kernel: binds it to the state's fields and the coefficient nu and splits
     * the stacked output. Without the depth, {@code s.h()} is not read and the tendency's h is null.
     */
    public State tendency(Ops o, State s, Tensor coefficient) {
        Shape field = s.u().shape();
        int f = fields();
        Tensor all = depth ? o.bind(this, s.h(), s.u(), s.v(), coefficient) : o.bind(this, s.u(), s.v(), coefficient);
        Tensor dh = depth ? o.bind(StackedField.extract(0, f, field), all) : null;
        State t = new State(dh, o.bind(StackedField.extract(f - 2, f, field), all),
                o.bind(StackedField.extract(f - 1, f, field), all));
        o.recycle(all);
        return t;
    }

    /**
     * The same tendency as a composite of array operations, the reference form of the kernel (and
     * the form the diffusion terms used before it): {@code c A^m(u, v)} with the vector Laplacian
     * applied m times and, where {@code s.h()} is not null, {@code c L^m h}.
     *
     * @param weightAtCenterRows [ny, 1] weights on centre and u rows, or null for none
     * @param weightAtVRows      [ny, 1] weights on v and corner rows, or null for none
     */
    public static State compositeTendency(Ops o, CGridOperators g, int order, State s, Tensor coefficient,
                                          Tensor weightAtCenterRows, Tensor weightAtVRows) {
        Tensor c = order % 2 == 1 ? coefficient : o.neg(coefficient);
        Tensor lu = s.u();
        Tensor lv = s.v();
        for (int k = 0; k < order; k++) {
            Tensor[] l = g.vectorLaplacian(o, lu, lv, weightAtCenterRows, weightAtVRows);
            lu = l[0];
            lv = l[1];
        }
        Tensor dh = null;
        if (s.h() != null) {
            dh = s.h();
            for (int k = 0; k < order; k++) {
                dh = weightAtCenterRows == null ? g.laplacianAtCenter(o, dh)
                        : g.laplacianAtCenter(o, dh, weightAtCenterRows);
            }
            dh = o.mul(dh, c);
        }
        return new State(dh, o.mul(lu, c), o.mul(lv, c));
    }

    @Override
    public Tensor composite(Ops o, Tensor[] in) {
        Grid g = operators.grid();
        Tensor wc = weightAtCenterRows == null ? null : g.rows(o, weightAtCenterRows);
        Tensor wv = weightAtVRows == null ? null : g.rows(o, weightAtVRows);
        State s = depth ? new State(in[0], in[1], in[2]) : new State(null, in[0], in[1]);
        State t = compositeTendency(o, operators, order, s, in[fields()], wc, wv);
        return depth ? o.stack(t.h(), t.u(), t.v()) : o.stack(t.u(), t.v());
    }

    // ---- work arrays ----

    /** Work arrays of one call; every pass writes all the entries it later reads. */
    private final class Scratch {
        final double[] delta = new double[nx * ny];
        final double[] zeta = new double[nx * ny];
        final double[] u1 = new double[nx * ny];
        final double[] v1 = new double[nx * ny];
        final double[] h1 = new double[nx * ny];
        final double[] zero = new double[nx * ny];
        final double[] rowSums = new double[ny];
    }

    // ---- forward ----

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        Scratch s = scratch.acquire();
        try {
            int f = fields();
            apply(backend, depth ? in[0] : null, in[f - 2], in[f - 1], sign * in[f][0], out, null, s);
        } finally {
            scratch.release(s);
        }
    }

    /**
     * Under a recording tape: also keeps {@code A^m(x)} (the output before the factor c), which the
     * cotangent of nu needs; the output is computed from it, so it has the same bits as plain
     * evaluation.
     */
    @Override
    protected Object evaluateForAdjoint(Backend backend, double[][] in, Shape[] shapes, double[] out,
                                        Shape outShape) {
        Scratch s = scratch.acquire();
        try {
            int f = fields();
            double[] unscaled = newArray(out.length);
            apply(backend, depth ? in[0] : null, in[f - 2], in[f - 1], sign * in[f][0], out, unscaled, s);
            return unscaled;
        } finally {
            scratch.release(s);
        }
    }

    /** The kept {@code A^m(x)} can be reused once the adjoint has run. */
    @Override
    protected double[][] residualArrays(Object residual) {
        return new double[][] {(double[]) residual};
    }

    /**
     * Writes {@code scale A^m(u, v)} into the velocity part of {@code out} and, where h is not null,
     * {@code scale L^m h} into its depth part; where {@code unscaled} is not null, the same before
     * the scale into it. Both velocity inputs null: the velocity parts are left as they are; one null
     * reads as zero.
     */
    private void apply(Backend backend, double[] h, double[] u, double[] v, double scale, double[] out,
                       double[] unscaled, Scratch s) {
        int n = nx * ny;
        int outU = depth ? n : 0;
        int outV = outU + n;
        boolean velocity = u != null || v != null;
        double[] u0 = u != null ? u : s.zero;
        double[] v0 = v != null ? v : s.zero;
        int work = 24 * nx;
        if (order == 1) {
            backend.forRange(ny, work, (from, to) -> {
                if (velocity) {
                    divergenceAndCurl(u0, 0, v0, 0, s.delta, s.zeta, from, to);
                }
                if (h != null) {
                    laplacian(h, 0, out, unscaled, 0, scale, from, to);
                }
            });
            if (velocity) {
                backend.forRange(ny, work, (from, to) -> vectorLaplacian(s.delta, s.zeta, out, outU, out, outV,
                        unscaled, scale, from, to));
            }
            return;
        }
        backend.forRange(ny, work, (from, to) -> {
            if (velocity) {
                divergenceAndCurl(u0, 0, v0, 0, s.delta, s.zeta, from, to);
            }
            if (h != null) {
                laplacian(h, 0, s.h1, null, 0, 1.0, from, to);
            }
        });
        if (velocity) {
            backend.forRange(ny, work, (from, to) -> vectorLaplacian(s.delta, s.zeta, s.u1, 0, s.v1, 0, null, 1.0, from,
                    to));
        }
        backend.forRange(ny, work, (from, to) -> {
            if (velocity) {
                divergenceAndCurl(s.u1, 0, s.v1, 0, s.delta, s.zeta, from, to);
            }
            if (h != null) {
                laplacian(s.h1, 0, out, unscaled, 0, scale, from, to);
            }
        });
        if (velocity) {
            backend.forRange(ny, work, (from, to) -> vectorLaplacian(s.delta, s.zeta, out, outU, out, outV, unscaled,
                    scale, from, to));
        }
    }

    /**
     * The divergence at centres and the vorticity at corners of (u, v), rows [from, to), in the
     * operations of {@code divergenceAtCenter} and the curl of {@code vectorLaplacian}:
     * <pre>
     *   delta = ((u dy - u[W] dy) wC + (v dxV - v[S] dxV[S])) / area
     *   zeta  = (((v[E] - v) dy) wV - (u[N] dx[N] - u dx)) / cornerArea
     * </pre>
     * and, unweighted on the sphere, {@code zeta m + mean(zeta) (1 - m)} on every row (the pole row
     * takes its zonal mean).
     */
    private void divergenceAndCurl(double[] u, int uOff, double[] v, int vOff, double[] delta, double[] zeta,
                                   int rowFrom, int rowTo) {
        for (int j = rowFrom; j < rowTo; j++) {
            int base = j * nx;
            boolean hasNorth = periodicY || j < ny - 1;
            boolean hasSouth = periodicY || j > 0;
            int jn = j < ny - 1 ? j + 1 : 0;
            int js = j > 0 ? j - 1 : ny - 1;
            int north = (jn - j) * nx;
            int south = (js - j) * nx;
            double wc = wC[j];
            double wv = wV[j];
            double dxv = dxV[j];
            double dxvS = dxV[js];
            double dxc = dxC[j];
            double dxcN = dxC[jn];
            double ia = invArea[j];
            double ica = invCornerArea[j];
            int last = base + nx - 1;
            divergenceAndCurlAt(u, uOff, v, vOff, delta, zeta, hasNorth, hasSouth, north, south, wc, wv, dxv, dxvS, dxc,
                    dxcN, ia, ica, base, last, nx > 1 ? base + 1 : base);
            int k = simd ? DiffusionSimd.divergenceAndCurl(u, uOff, v, vOff, delta, zeta, hasNorth, hasSouth, north,
                    south, dy, wc, wv, dxv, dxvS, dxc, dxcN, ia, ica, base + 1, last) : base + 1;
            for (; k < last; k++) {
                divergenceAndCurlAt(u, uOff, v, vOff, delta, zeta, hasNorth, hasSouth, north, south, wc, wv, dxv, dxvS,
                        dxc, dxcN, ia, ica, k, k - 1, k + 1);
            }
            if (nx > 1) {
                divergenceAndCurlAt(u, uOff, v, vOff, delta, zeta, hasNorth, hasSouth, north, south, wc, wv, dxv, dxvS,
                        dxc, dxcN, ia, ica, last, last - 1, base);
            }
            if (poleRowMean) {
                poleRowToMean(zeta, j);
            }
        }
    }

    /** {@link #divergenceAndCurl} at cell k with western and eastern neighbours w and e. */
    private void divergenceAndCurlAt(double[] u, int uOff, double[] v, int vOff, double[] delta, double[] zeta,
                                     boolean hasNorth, boolean hasSouth, int north, int south, double wc, double wv,
                                     double dxv, double dxvS, double dxc, double dxcN, double ia, double ica, int k,
                                     int w, int e) {
        double uk = u[uOff + k];
        double vk = v[vOff + k];
        double fyS = hasSouth ? v[vOff + k + south] * dxvS : 0.0;
        delta[k] = ((uk * dy - u[uOff + w] * dy) * wc + (vk * dxv - fyS)) * ia;
        double uxN = hasNorth ? u[uOff + k + north] * dxcN : 0.0;
        zeta[k] = ((v[vOff + e] - vk) * dy * wv - (uxN - uk * dxc)) * ica;
    }

    /**
     * Row j of {@code zeta m + mean (1 - m)}, with the zonal mean summed from the west and multiplied
     * by 1/nx as the composite does: the pole row (m = 0) becomes its mean, the others stay. Linear
     * and symmetric, so the adjoint applies it too.
     */
    private void poleRowToMean(double[] zeta, int j) {
        int base = j * nx;
        double sum = 0;
        for (int i = 0; i < nx; i++) {
            sum += zeta[base + i];
        }
        double mean = sum * inverseNx;
        double m = vMask[j];
        double rest = mean * oneMinusVMask[j];
        for (int i = 0; i < nx; i++) {
            zeta[base + i] = zeta[base + i] * m + rest;
        }
    }

    /**
     * The vector Laplacian from divergence and vorticity, times {@code scale} (and without it into
     * {@code unscaled} at the same offsets, where not null), rows [from, to):
     * <pre>
     *   lu = ((delta[E] - delta) / dx) wC - (zeta - zeta[S]) (1/dy)
     *   lv = ((delta[N] - delta) m/dy + ((zeta - zeta[W]) / dxV) wV) m
     * </pre>
     */
    private void vectorLaplacian(double[] delta, double[] zeta, double[] lu, int luOff, double[] lv, int lvOff,
                                 double[] unscaled, double scale, int rowFrom, int rowTo) {
        for (int j = rowFrom; j < rowTo; j++) {
            int base = j * nx;
            boolean hasNorth = periodicY || j < ny - 1;
            boolean hasSouth = periodicY || j > 0;
            int north = ((j < ny - 1 ? j + 1 : 0) - j) * nx;
            int south = ((j > 0 ? j - 1 : ny - 1) - j) * nx;
            double idx = invDxC[j];
            double wc = wC[j];
            double wv = wV[j];
            double idxv = invDxV[j];
            double mOverDy = vMaskOverDy[j];
            double m = vMask[j];
            int last = base + nx - 1;
            vectorLaplacianAt(delta, zeta, lu, luOff, lv, lvOff, unscaled, scale, hasNorth, hasSouth, north, south, idx,
                    wc, wv, idxv, mOverDy, m, base, last, nx > 1 ? base + 1 : base);
            int k = simd ? DiffusionSimd.vectorLaplacian(delta, zeta, lu, luOff, lv, lvOff, unscaled, scale, hasNorth,
                    hasSouth, north, south, inverseDy, idx, wc, wv, idxv, mOverDy, m, base + 1, last) : base + 1;
            for (; k < last; k++) {
                vectorLaplacianAt(delta, zeta, lu, luOff, lv, lvOff, unscaled, scale, hasNorth, hasSouth, north, south,
                        idx, wc, wv, idxv, mOverDy, m, k, k - 1, k + 1);
            }
            if (nx > 1) {
                vectorLaplacianAt(delta, zeta, lu, luOff, lv, lvOff, unscaled, scale, hasNorth, hasSouth, north, south,
                        idx, wc, wv, idxv, mOverDy, m, last, last - 1, base);
            }
        }
    }

    /** {@link #vectorLaplacian} at cell k with western and eastern neighbours w and e. */
    private void vectorLaplacianAt(double[] delta, double[] zeta, double[] lu, int luOff, double[] lv, int lvOff,
                                   double[] unscaled, double scale, boolean hasNorth, boolean hasSouth, int north,
                                   int south, double idx, double wc, double wv, double idxv, double mOverDy, double m,
                                   int k, int w, int e) {
        double dk = delta[k];
        double zk = zeta[k];
        double zS = hasSouth ? zeta[k + south] : 0.0;
        double luk = (delta[e] - dk) * idx * wc - (zk - zS) * inverseDy;
        lu[luOff + k] = luk * scale;
        double dN = hasNorth ? delta[k + north] : 0.0;
        double lvk = ((dN - dk) * mOverDy + (zk - zeta[w]) * idxv * wv) * m;
        lv[lvOff + k] = lvk * scale;
        if (unscaled != null) {
            unscaled[luOff + k] = luk;
            unscaled[lvOff + k] = lvk;
        }
    }

    /**
     * {@code scale L a} at centres (and {@code L a} into {@code unscaled}, where not null), rows
     * [from, to), with the operations of
     * {@code divergenceAtCenter(ddxAtU(a) wC, ddyAtV(a), wC)}: each face flux is recomputed where a
     * cell reads it, which gives the same bits as computing it once.
     */
    private void laplacian(double[] a, int aOff, double[] out, double[] unscaled, int outOff, double scale, int rowFrom,
                           int rowTo) {
        for (int j = rowFrom; j < rowTo; j++) {
            int base = j * nx;
            boolean hasNorth = periodicY || j < ny - 1;
            boolean hasSouth = periodicY || j > 0;
            int js = j > 0 ? j - 1 : ny - 1;
            int north = ((j < ny - 1 ? j + 1 : 0) - j) * nx;
            int south = (js - j) * nx;
            double idx = invDxC[j];
            double wc = wC[j];
            double mOverDy = vMaskOverDy[j];
            double mOverDyS = vMaskOverDy[js];
            double dxv = dxV[j];
            double dxvS = dxV[js];
            double ia = invArea[j];
            int last = base + nx - 1;
            laplacianAt(a, aOff, out, unscaled, outOff, scale, hasNorth, hasSouth, north, south, idx, wc, mOverDy,
                    mOverDyS, dxv, dxvS, ia, base, last, nx > 1 ? base + 1 : base);
            int k = simd ? DiffusionSimd.laplacian(a, aOff, out, unscaled, outOff, scale, hasNorth, hasSouth, north,
                    south, dy, idx, wc, mOverDy, mOverDyS, dxv, dxvS, ia, base + 1, last) : base + 1;
            for (; k < last; k++) {
                laplacianAt(a, aOff, out, unscaled, outOff, scale, hasNorth, hasSouth, north, south, idx, wc, mOverDy,
                        mOverDyS, dxv, dxvS, ia, k, k - 1, k + 1);
            }
            if (nx > 1) {
                laplacianAt(a, aOff, out, unscaled, outOff, scale, hasNorth, hasSouth, north, south, idx, wc, mOverDy,
                        mOverDyS, dxv, dxvS, ia, last, last - 1, base);
            }
        }
    }

    /** {@link #laplacian} at cell k with western and eastern neighbours w and e. */
    private void laplacianAt(double[] a, int aOff, double[] out, double[] unscaled, int outOff, double scale,
                             boolean hasNorth,
                             boolean hasSouth, int north, int south, double idx, double wc, double mOverDy,
                             double mOverDyS, double dxv, double dxvS, double ia, int k, int w, int e) {
        double ak = a[aOff + k];
        double fx = (a[aOff + e] - ak) * idx * wc * dy;
        double fxW = (ak - a[aOff + w]) * idx * wc * dy;
        double aN = hasNorth ? a[aOff + k + north] : 0.0;
        double fy = (aN - ak) * mOverDy * dxv;
        double fyS = hasSouth ? (ak - a[aOff + k + south]) * mOverDyS * dxvS : 0.0;
        double lk = ((fx - fxW) * wc + (fy - fyS)) * ia;
        out[outOff + k] = lk * scale;
        if (unscaled != null) {
            unscaled[outOff + k] = lk;
        }
    }

    // ---- tangent ----

    @Override
    protected void tangent(Backend backend, double[][] p, double[][] t, Shape[] shapes, double[] output,
                           double[] tangentOut) {
        int f = fields();
        double c = sign * p[f][0];
        double[] dh = depth ? t[0] : null;
        double[] du = t[f - 2];
        double[] dv = t[f - 1];
        Scratch s = scratch.acquire();
        try {
            if (dh != null || du != null || dv != null) {
                apply(backend, dh, du, dv, c, tangentOut, null, s);
            }
            if (t[f] != null && t[f][0] != 0.0) {
                // dc A^m(x): A^m(x) computed afresh, since the output is c A^m(x) and c may be 0
                double dc = sign * t[f][0];
                double[] plain = new double[tangentOut.length];
                apply(backend, depth ? p[0] : null, p[f - 2], p[f - 1], 1.0, plain, null, s);
                backend.forRange(tangentOut.length, (from, to) -> {
                    for (int k = from; k < to; k++) {
                        tangentOut[k] += plain[k] * dc;
                    }
                });
            }
        } finally {
            scratch.release(s);
        }
    }

    // ---- adjoint ----

    @Override
    protected void adjoint(Backend backend, double[][] p, Shape[] shapes, double[] output, double[] cot,
                           double[][] adj) {
        adjoint(backend, p, cot, adj, null);
    }

    @Override
    protected void adjoint(Backend backend, double[][] p, Shape[] shapes, double[] output, double[] cot,
                           double[][] adj, Object residual) {
        adjoint(backend, p, cot, adj, (double[]) residual);
    }

    /**
     * The field cotangents {@code c (A^T)^m w}, by passes mirroring the forward ones, and that of nu,
     * {@code sign <w, A^m(x)>}, with A^m(x) from the residual or (null) computed afresh.
     */
    private void adjoint(Backend backend, double[][] p, double[] cot, double[][] adj, double[] unscaled) {
        int n = nx * ny;
        int f = fields();
        double c = sign * p[f][0];
        boolean wantH = depth && adj[0] != null;
        boolean wantVelocity = adj[f - 2] != null || adj[f - 1] != null;
        int cotU = depth ? n : 0;
        int cotV = cotU + n;
        int work = 24 * nx;
        Scratch s = scratch.acquire();
        try {
            if (adj[f] != null) {
                double[] plain = unscaled;
                if (plain == null) {
                    plain = new double[cot.length];
                    apply(backend, depth ? p[0] : null, p[f - 2], p[f - 1], 1.0, plain, null, s);
                }
                adj[f][0] = sign * dot(backend, cot, plain, s.rowSums);
            }
            // field cotangents not wanted are written into work arrays that the last pass does not read
            double[] gh = wantH ? adj[0] : s.h1;
            double[] gu = adj[f - 2] != null ? adj[f - 2] : s.u1;
            double[] gv = adj[f - 1] != null ? adj[f - 1] : s.v1;
            if (order == 1) {
                backend.forRange(ny, work, (from, to) -> {
                    if (wantVelocity) {
                        transposedVectorLaplacian(cot, cotU, cot, cotV, s.delta, s.zeta, from, to);
                    }
                    if (wantH) {
                        transposedLaplacian(cot, 0, gh, c, from, to);
                    }
                });
            } else {
                backend.forRange(ny, work, (from, to) -> {
                    if (wantVelocity) {
                        transposedVectorLaplacian(cot, cotU, cot, cotV, s.delta, s.zeta, from, to);
                    }
                    if (wantH) {
                        transposedLaplacian(cot, 0, s.h1, 1.0, from, to);
                    }
                });
                if (wantVelocity) {
                    backend.forRange(ny, work, (from, to) -> transposedDivergenceAndCurl(s.delta, s.zeta, s.u1, s.v1,
                            1.0, from, to));
                }
                backend.forRange(ny, work, (from, to) -> {
                    if (wantVelocity) {
                        transposedVectorLaplacian(s.u1, 0, s.v1, 0, s.delta, s.zeta, from, to);
                    }
                    if (wantH) {
                        transposedLaplacian(s.h1, 0, gh, c, from, to);
                    }
                });
            }
            if (wantVelocity) {
                backend.forRange(ny, work, (from, to) -> transposedDivergenceAndCurl(s.delta, s.zeta, gu, gv, c, from,
                        to));
            }
        } finally {
            scratch.release(s);
        }
    }

    /**
     * {@code <a, b>} over stacked fields: each row's sum over the fields in turn and then over i,
     * the rows' sums added in order, so the value is the same for any split of the rows.
     */
    private double dot(Backend backend, double[] a, double[] b, double[] rowSums) {
        int n = nx * ny;
        int count = a.length / n;
        backend.forRange(ny, 2 * count * nx, (from, to) -> {
            for (int j = from; j < to; j++) {
                double sum = 0;
                for (int field = 0; field < count; field++) {
                    int base = field * n + j * nx;
                    for (int k = base; k < base + nx; k++) {
                        sum += a[k] * b[k];
                    }
                }
                rowSums[j] = sum;
            }
        });
        double total = 0;
        for (int j = 0; j < ny; j++) {
            total += rowSums[j];
        }
        return total;
    }

    /**
     * The transpose of {@link #vectorLaplacian} (without the scale) applied to the cotangents
     * (a, b) of (lu, lv), rows [from, to): the cotangents of delta and zeta, already divided by the
     * cell and corner areas (the last step of {@link #divergenceAndCurl}), into {@code gDelta} and
     * {@code gZeta}. Gather form: with {@code B = m b},
     * <pre>
     *   gDelta = ((a[W] - a) wC/dx + (B[S] m[S]/dy[S] - B m/dy)) / area
     *   gZeta  = P(((B - B[E]) wV/dxV - (a - a[N]) / dy) / cornerArea)
     * </pre>
     * where P is the pole-row mean of the unweighted sphere (symmetric).
     */
    private void transposedVectorLaplacian(double[] a, int aOff, double[] b, int bOff, double[] gDelta,
                                           double[] gZeta, int rowFrom, int rowTo) {
        for (int j = rowFrom; j < rowTo; j++) {
            int base = j * nx;
            boolean hasNorth = periodicY || j < ny - 1;
            boolean hasSouth = periodicY || j > 0;
            int js = j > 0 ? j - 1 : ny - 1;
            int north = ((j < ny - 1 ? j + 1 : 0) - j) * nx;
            int south = (js - j) * nx;
            double ca = wC[j] * invDxC[j];
            double cb = vMaskOverDy[j] * vMask[j];
            double cbS = hasSouth ? vMaskOverDy[js] * vMask[js] : 0.0;
            double db = wV[j] * invDxV[j] * vMask[j];
            double ia = invArea[j];
            double ica = invCornerArea[j];
            if (simd) {
                DiffusionSimd.transposedVectorLaplacian(a, aOff, b, bOff, gDelta, gZeta, hasNorth, hasSouth, north, south,
                        inverseDy, ca, cb, cbS, db, ia, ica, base + 1, base + vectorEnd);
            }
            for (int[] range : scalarCells) {
                for (int i = range[0]; i < range[1]; i++) {
                    int k = base + i;
                    int w = i == 0 ? base + nx - 1 : k - 1;
                    int e = i == nx - 1 ? base : k + 1;
                    double ak = a[aOff + k];
                    double bk = b[bOff + k];
                    double bS = hasSouth ? b[bOff + k + south] : 0.0;
                    gDelta[k] = ((a[aOff + w] - ak) * ca + (bS * cbS - bk * cb)) * ia;
                    double aN = hasNorth ? a[aOff + k + north] : 0.0;
                    gZeta[k] = ((bk - b[bOff + e]) * db - (ak - aN) * inverseDy) * ica;
                }
            }
            if (poleRowMean) {
                poleRowToMean(gZeta, j);
            }
        }
    }

    /**
     * The transpose of {@link #divergenceAndCurl}'s sums given the area-divided cotangents D of delta
     * and Z of zeta, times {@code scale}, rows [from, to):
     * <pre>
     *   gu = (wC dy (D - D[E]) + dx (Z - Z[S])) scale
     *   gv = (dxV (D - D[N]) + wV dy (Z[W] - Z)) scale
     * </pre>
     */
    private void transposedDivergenceAndCurl(double[] d, double[] z, double[] gu, double[] gv, double scale,
                                             int rowFrom, int rowTo) {
        for (int j = rowFrom; j < rowTo; j++) {
            int base = j * nx;
            boolean hasNorth = periodicY || j < ny - 1;
            boolean hasSouth = periodicY || j > 0;
            int north = ((j < ny - 1 ? j + 1 : 0) - j) * nx;
            int south = ((j > 0 ? j - 1 : ny - 1) - j) * nx;
            double cu = wC[j] * dy;
            double dxc = dxC[j];
            double dxv = dxV[j];
            double cv = wV[j] * dy;
            if (simd) {
                DiffusionSimd.transposedDivergenceAndCurl(d, z, gu, gv, scale, hasNorth, hasSouth, north, south, cu, dxc,
                        dxv, cv, base + 1, base + vectorEnd);
            }
            for (int[] range : scalarCells) {
                for (int i = range[0]; i < range[1]; i++) {
                    int k = base + i;
                    int w = i == 0 ? base + nx - 1 : k - 1;
                    int e = i == nx - 1 ? base : k + 1;
                    double dk = d[k];
                    double zk = z[k];
                    double zS = hasSouth ? z[k + south] : 0.0;
                    double dN = hasNorth ? d[k + north] : 0.0;
                    gu[k] = ((dk - d[e]) * cu + (zk - zS) * dxc) * scale;
                    gv[k] = ((dk - dN) * dxv + (z[w] - zk) * cv) * scale;
                }
            }
        }
    }

    /**
     * The transpose of {@link #laplacian} (without its scale) applied to g, times {@code scale},
     * rows [from, to). With {@code T = g / area} and {@code X = wC T}:
     * <pre>
     *   out = (wC dy/dx ((X[W] - X) - (X - X[E])) + (dxV[S] m[S]/dy (T[S] - T) - dxV m/dy (T - T[N]))) scale
     * </pre>
     */
    private void transposedLaplacian(double[] g, int gOff, double[] out, double scale, int rowFrom, int rowTo) {
        for (int j = rowFrom; j < rowTo; j++) {
            int base = j * nx;
            boolean hasNorth = periodicY || j < ny - 1;
            boolean hasSouth = periodicY || j > 0;
            int jn = j < ny - 1 ? j + 1 : 0;
            int js = j > 0 ? j - 1 : ny - 1;
            int north = (jn - j) * nx;
            int south = (js - j) * nx;
            double ia = invArea[j];
            double iaN = hasNorth ? invArea[jn] : 0.0;
            double iaS = hasSouth ? invArea[js] : 0.0;
            double wc = wC[j];
            double cx = dy * wc * invDxC[j];
            double cy = dxV[j] * vMaskOverDy[j];
            double cyS = hasSouth ? dxV[js] * vMaskOverDy[js] : 0.0;
            if (simd) {
                DiffusionSimd.transposedLaplacian(g, gOff, out, scale, hasNorth, hasSouth, north, south, ia, iaN, iaS, wc,
                        cx, cy, cyS, base + 1, base + vectorEnd);
            }
            for (int[] range : scalarCells) {
                for (int i = range[0]; i < range[1]; i++) {
                    int k = base + i;
                    int w = i == 0 ? base + nx - 1 : k - 1;
                    int e = i == nx - 1 ? base : k + 1;
                    double tk = g[gOff + k] * ia;
                    double xk = wc * tk;
                    double xw = wc * (g[gOff + w] * ia);
                    double xe = wc * (g[gOff + e] * ia);
                    double tN = hasNorth ? g[gOff + k + north] * iaN : 0.0;
                    double tS = hasSouth ? g[gOff + k + south] * iaS : 0.0;
                    out[k] = (cx * ((xw - xk) - (xk - xe)) + (cyS * (tS - tk) - cy * (tk - tN))) * scale;
                }
            }
        }
    }
}
