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
 * The shallow-water tendency of {@link ShallowWaterDynamics} as one fused kernel: inputs
 * {@code (h, u, v, g, b)}, output the three tendencies stacked as [3, ny, nx]. The forward, tangent
 * and adjoint kernels are a dozen passes over flat arrays instead of some ninety array operations;
 * the adjoint is written in gather form (every cell reads its neighbours), so it is deterministic
 * for any split of the rows. The composite form is {@link ShallowWaterDynamics#compositeTendency},
 * against which tests check all three kernels.
 */
public final class TendencyKernel extends FusedKernel {
    private final CGridOperators operators;
    private final int nx;
    private final int ny;
    private final boolean periodicY;
    private final double dy;
    private final double[] dxC;
    private final double[] invDxC;
    private final double[] dxV;
    private final double[] invArea;
    private final double[] invCornerArea;
    private final double[] coriolis;
    private final boolean coriolisIsField;
    /** The Coriolis parameter at every corner, for the vector forms (which load it; null without them). */
    private final double[] coriolisField;
    private final double[] vMask;
    /** The kinetic energy's weights per row ({@link KineticEnergyWeights}). */
    private final double[] kineticU;
    private final double[] kineticVNorth;
    private final double[] kineticVSouth;
    /**
     * Per row j, twice the weights with which v at row j's north faces enters K: of row j
     * ({@code 2 wNorth_j}) and of the row above ({@code 2 wSouth_{j+1}}, 0 at the north pole).
     */
    private final double[] twiceKineticVHere;
    private final double[] twiceKineticVAbove;
    private final int[] eastOf;
    private final int[] westOf;
    private final int[] northOf;
    private final int[] southOf;
    private final int[] rowOf;
    /**
     * Per-thread work arrays of plain evaluation and of the adjoint: no allocation per call. A call
     * that finds its thread's arrays in use (re-entered on the same thread) takes fresh ones.
     */
    private final ThreadScratch<Forward> forwardScratch = new ThreadScratch<>(Forward::new);
    private final ThreadScratch<AdjointScratch> adjointScratch = new ThreadScratch<>(AdjointScratch::new);
    /** Whether the passes run the vector forms of {@link TendencySimd} (see {@link Simd}). */
    private final boolean simd;
    /** Whether the row sums of the g cotangent run in vectors. */
    private final boolean vectorRowSum;
    /**
     * Where the vector forms run, they take cells 1 to {@code vectorEnd - 1} of every row in the
     * adjoint passes that read both neighbours ({@code westVectorEnd - 1} in the one that reads the
     * west neighbour alone); the scalar loops take the other cells, as {i from, i to} ranges.
     */
    private final int vectorEnd;
    private final int westVectorEnd;
    private final int[][] scalarCells;
    private final int[][] westScalarCells;

    public TendencyKernel(CGridOperators operators) {
        this(operators, Simd.enabled());
    }

    /** With or without the vector forms (tests compare the two). */
    TendencyKernel(CGridOperators operators, boolean simd) {
        this.operators = operators;
        this.simd = simd;
        Grid g = operators.grid();
        if (g.nx() < 2) {
            throw new IllegalArgumentException("shallow-water kernel: the grid needs at least 2 columns, got " + g.nx());
        }
        this.nx = g.nx();
        int lanes = simd ? TendencySimd.lanes() : nx;
        this.vectorRowSum = simd && TendencySimd.vectorRowSum();
        this.vectorEnd = 1 + (nx - 2) / lanes * lanes;
        this.westVectorEnd = 1 + (nx - 1) / lanes * lanes;
        this.scalarCells = scalarCells(vectorEnd, nx);
        this.westScalarCells = scalarCells(westVectorEnd, nx);
        this.ny = g.ny();
        this.periodicY = g.periodicY();
        this.dy = g.dy();
        this.dxC = g.dxAtCenterRow();
        this.invDxC = CGridOperators.inverse(dxC);
        this.dxV = g.dxAtVRow();
        this.invArea = CGridOperators.inverse(g.cellArea());
        this.invCornerArea = CGridOperators.inverse(g.cornerArea());
        Tensor f = operators.coriolisAtCorner();
        this.coriolis = f.values();
        this.coriolisIsField = f.size() == nx * ny;
        this.coriolisField = !simd ? null : coriolisIsField ? coriolis : rowsToField(coriolis, nx, ny);
        this.vMask = g.vMask();
        KineticEnergyWeights kinetic = KineticEnergyWeights.of(g);
        this.kineticU = kinetic.u();
        this.kineticVNorth = kinetic.vNorth();
        this.kineticVSouth = kinetic.vSouth();
        this.twiceKineticVHere = new double[ny];
        this.twiceKineticVAbove = new double[ny];
        for (int j = 0; j < ny; j++) {
            twiceKineticVHere[j] = 2 * kineticVNorth[j];
            twiceKineticVAbove[j] = j < ny - 1 ? 2 * kineticVSouth[j + 1] : periodicY ? 2 * kineticVSouth[0] : 0.0;
        }
        int n = nx * ny;
        this.eastOf = new int[n];
        this.westOf = new int[n];
        this.northOf = new int[n];
        this.southOf = new int[n];
        this.rowOf = new int[n];
        for (int k = 0; k < n; k++) {
            eastOf[k] = east(k);
            westOf[k] = west(k);
            northOf[k] = north(k);
            southOf[k] = south(k);
            rowOf[k] = k / nx;
        }
    }

    private static double[] rowsToField(double[] perRow, int nx, int ny) {
        double[] field = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            Arrays.fill(field, j * nx, (j + 1) * nx, perRow[j]);
        }
        return field;
    }

    private static int[][] scalarCells(int vectorEnd, int nx) {
        return vectorEnd <= 1 ? new int[][] {{0, nx}} : new int[][] {{0, 1}, {vectorEnd, nx}};
    }

    @Override
    public String name() {
        return "shallowWaterTendency";
    }

    @Override
    public Shape outputShape(Shape[] in) {
        Shape field = Shape.of(ny, nx);
        if (in.length != 5 || !in[0].equals(field) || !in[1].equals(field) || !in[2].equals(field)
                || in[3].size() != 1 || !in[4].equals(field)) {
            throw new ShapeMismatchException(name() + ": expects h, u, v of shape " + field
                    + ", a scalar g and b of shape " + field + ", got " + Arrays.toString(in));
        }
        return Shape.of(3, ny, nx);
    }

    // ---- neighbours: -1 means "beyond the pole" (reads as zero) ----

    private int east(int k) {
        int i = k % nx;
        return i == nx - 1 ? k - nx + 1 : k + 1;
    }

    private int west(int k) {
        int i = k % nx;
        return i == 0 ? k + nx - 1 : k - 1;
    }

    private int north(int k) {
        int j = k / nx;
        if (j < ny - 1) {
            return k + nx;
        }
        return periodicY ? k - (ny - 1) * nx : -1;
    }

    private int south(int k) {
        int j = k / nx;
        if (j > 0) {
            return k - nx;
        }
        return periodicY ? k + (ny - 1) * nx : -1;
    }

    /**
     * On the sphere the north-pole corners of a row are one point: their value becomes the row's
     * mean (the polar cap's circulation over its area). Linear and symmetric, so the same operation
     * serves the forward, tangent and adjoint passes.
     */
    private void poleRowToMean(double[] corner) {
        if (periodicY) {
            return;
        }
        int base = (ny - 1) * nx;
        double mean = 0;
        for (int i = 0; i < nx; i++) {
            mean += corner[base + i];
        }
        mean /= nx;
        for (int i = 0; i < nx; i++) {
            corner[base + i] = mean;
        }
    }

    private static double at(double[] a, int k) {
        return k < 0 ? 0.0 : a[k];
    }

    private double f(int k) {
        return coriolisIsField ? coriolis[k] : coriolis[rowOf[k]];
    }

    /**
     * Intermediate fields of the forward pass, kept for the tangent and adjoint. Every pass writes
     * all of its fields, so one instance can be reused (plain evaluation reuses one per thread).
     */
    private final class Forward {
        // the passes write every element of these before any is read
        double[] hu;
        double[] bigU;
        double[] hv;
        double[] w;
        double[] hq;
        final double[] q = newUninitializedArray(nx * ny);
        double[] bigV;
        double[] zeta;
        double[] qv;
        double[] qu;
        double[] bernoulli;
        Forward() {
            hu = newUninitializedArray(nx * ny);
            bigU = newUninitializedArray(nx * ny);
            hv = newUninitializedArray(nx * ny);
            w = newUninitializedArray(nx * ny);
            hq = newUninitializedArray(nx * ny);
            bigV = new double[nx * ny];
            zeta = new double[nx * ny];
            qv = new double[nx * ny];
            qu = new double[nx * ny];
            bernoulli = new double[nx * ny];
        }

        /**
         * Fields the adjoint does not read are borrowed from {@code scratch} (which must not run
         * while this one does); {@link #forAdjoint} gives them back.
         */
        Forward(Forward scratch) {
            hu = scratch.hu;
            bigU = scratch.bigU;
            hv = scratch.hv;
            w = scratch.w;
            hq = scratch.hq;
            bigV = scratch.bigV;
            zeta = scratch.zeta;
            qv = scratch.qv;
            qu = scratch.qu;
            bernoulli = scratch.bernoulli;
        }

        Forward(double[] h, double[] u, double[] v, double g, double[] b, double[] out) {
            this(Backend.serial(), h, u, v, g, b, out);
        }

        Forward(Backend backend, double[] h, double[] u, double[] v, double g, double[] b, double[] out) {
            this();
            run(backend, h, u, v, g, b, out);
        }

        /**
         * Keeps only q for the adjoint, which recomputes the face depths and fluxes from h, u and v
         * (cheaper than reading them back from memory); the instance cannot run again.
         */
        Forward forAdjoint() {
            hu = null;
            bigU = null;
            hv = null;
            w = null;
            hq = null;
            bigV = null;
            zeta = null;
            qv = null;
            qu = null;
            bernoulli = null;
            return this;
        }

        /** The passes run over rows split by the backend; every value is computed by one thread. */
        Forward run(Backend backend, double[] h, double[] u, double[] v, double g, double[] b, double[] out) {
            backend.forRange(ny, 12 * nx, (from, to) -> pass1(h, u, v, from, to));
            backend.forRange(ny, 12 * nx, (from, to) -> pass2(u, v, out, from, to));
            poleRowToMean(zeta);
            backend.forRange(ny, 20 * nx, (from, to) -> pass3(h, u, v, g, b, from, to));
            backend.forRange(ny, 12 * nx, (from, to) -> pass4(out, from, to));
            return this;
        }

        /** Face depths and mass fluxes. */
        private void pass1(double[] h, double[] u, double[] v, int rowFrom, int rowTo) {
            double[] zero = new double[nx];
            for (int j = rowFrom; j < rowTo; j++) {
                int base = j * nx;
                boolean hasNorth = periodicY || j < ny - 1;
                double[] hN = hasNorth ? h : zero;
                int nb = hasNorth ? (j < ny - 1 ? base + nx : 0) : 0;
                double dxv = dxV[j];
                int last = base + nx - 1;
                int k = simd ? TendencySimd.faceFluxes(h, u, v, hN, nb - base, dxv, hu, bigU, hv, bigV, w, base, last)
                        : base;
                for (; k < last; k++) {
                    cell1(h, u, v, hN, nb - base, dxv, k, k + 1);
                }
                cell1(h, u, v, hN, nb - base, dxv, last, base);
            }
        }

        /** Pass 1 at cell k with eastern neighbour e; the northern depth is {@code hN[k + north]}. */
        private void cell1(double[] h, double[] u, double[] v, double[] hN, int north, double dxv, int k, int e) {
            hu[k] = 0.5 * (h[k] + h[e]);
            bigU[k] = hu[k] * u[k];
            hv[k] = 0.5 * (h[k] + hN[k + north]);
            bigV[k] = hv[k] * v[k];
            w[k] = bigV[k] * dxv;
        }

        /** Continuity, vorticity, corner depth. */
        private void pass2(double[] u, double[] v, double[] out, int rowFrom, int rowTo) {
            double[] zero = new double[nx];
            for (int j = rowFrom; j < rowTo; j++) {
                int base = j * nx;
                boolean hasNorth = periodicY || j < ny - 1;
                boolean hasSouth = periodicY || j > 0;
                int nb = j < ny - 1 ? base + nx : 0;
                int sb = j > 0 ? base - nx : (ny - 1) * nx;
                double[] wS = hasSouth ? w : zero;
                int sbw = hasSouth ? sb : 0;
                double[] uN = hasNorth ? u : zero;
                double[] huN = hasNorth ? hu : zero;
                int nbz = hasNorth ? nb : 0;
                double dxNorth = hasNorth ? dxC[j < ny - 1 ? j + 1 : 0] : 0.0;
                double ia = invArea[j];
                double ica = invCornerArea[j];
                double dxj = dxC[j];
                int last = base + nx - 1;
                int south = sbw - base;
                int north = nbz - base;
                cell2(u, v, out, wS, uN, huN, south, north, dxNorth, ia, ica, dxj, base, base + 1, last);
                int k = simd ? TendencySimd.continuityVorticity(u, v, bigU, w, hu, wS, uN, huN, south, north, dy,
                        dxNorth, ia, ica, dxj, out, zeta, hq, base + 1, last) : base + 1;
                for (; k < last; k++) {
                    cell2(u, v, out, wS, uN, huN, south, north, dxNorth, ia, ica, dxj, k, k + 1, k - 1);
                }
                cell2(u, v, out, wS, uN, huN, south, north, dxNorth, ia, ica, dxj, last, base, last - 1);
            }
        }

        /** Pass 2 at cell k with eastern and western neighbours e and we. */
        private void cell2(double[] u, double[] v, double[] out, double[] wS, double[] uN, double[] huN, int south,
                           int north, double dxNorth, double ia, double ica, double dxj, int k, int e, int we) {
            out[k] = -((bigU[k] - bigU[we]) * dy + (w[k] - wS[k + south])) * ia;
            zeta[k] = ((v[e] - v[k]) * dy - (uN[k + north] * dxNorth - u[k] * dxj)) * ica;
            hq[k] = 0.5 * (hu[k] + huN[k + north]);
        }

        /** Potential vorticity fluxes and the Bernoulli function. */
        private void pass3(double[] h, double[] u, double[] v, double g, double[] b, int rowFrom, int rowTo) {
            double[] zero = new double[nx];
            for (int j = rowFrom; j < rowTo; j++) {
                int base = j * nx;
                boolean hasNorth = periodicY || j < ny - 1;
                boolean hasSouth = periodicY || j > 0;
                double[] uN = hasNorth ? bigU : zero;
                int nbz = hasNorth ? (j < ny - 1 ? base + nx : 0) : 0;
                double[] vS = hasSouth ? v : zero;
                int sbz = hasSouth ? (j > 0 ? base - nx : (ny - 1) * nx) : 0;
                // the Coriolis parameter as a field (offset 0) or one value per row (stride 0)
                double[] f = coriolis;
                int fStride = coriolisIsField ? 1 : 0;
                int fOffset = coriolisIsField ? 0 : j;
                int last = base + nx - 1;
                int north = nbz - base;
                int south = sbz - base;
                double ku = kineticU[j];
                double kn = kineticVNorth[j];
                double ks = kineticVSouth[j];
                cell3(h, u, v, g, b, uN, vS, north, south, f, fStride, fOffset, ku, kn, ks, base, base + 1, last);
                int k = simd ? TendencySimd.vorticityFluxes(h, u, v, g, b, zeta, hq, w, bigU, uN, vS, north, south,
                        coriolisField, ku, kn, ks, q, qv, qu, bernoulli, base + 1, last) : base + 1;
                for (; k < last; k++) {
                    cell3(h, u, v, g, b, uN, vS, north, south, f, fStride, fOffset, ku, kn, ks, k, k + 1, k - 1);
                }
                cell3(h, u, v, g, b, uN, vS, north, south, f, fStride, fOffset, ku, kn, ks, last, base, last - 1);
            }
        }

        /**
         * Pass 3 at cell k with eastern and western neighbours e and we; f at {@code f[k fStride + fOffset]};
         * ku, kn, ks the row's kinetic-energy weights.
         */
        private void cell3(double[] h, double[] u, double[] v, double g, double[] b, double[] uN, double[] vS, int north,
                           int south, double[] f, int fStride, int fOffset, double ku, double kn, double ks, int k,
                           int e, int we) {
            double qk = (zeta[k] + f[k * fStride + fOffset]) / hq[k];
            q[k] = qk;
            qv[k] = qk * 0.5 * (w[k] + w[e]);
            qu[k] = qk * 0.5 * (bigU[k] + uN[k + north]);
            double vs = vS[k + south];
            double kinetic = (u[k] * u[k] + u[we] * u[we]) * ku + v[k] * v[k] * kn + vs * vs * ks;
            bernoulli[k] = kinetic + g * (h[k] + b[k]);
        }

        /** Momentum tendencies. */
        private void pass4(double[] out, int rowFrom, int rowTo) {
            int n = nx * ny;
            double[] zero = new double[nx];
            for (int j = rowFrom; j < rowTo; j++) {
                int base = j * nx;
                boolean hasNorth = periodicY || j < ny - 1;
                boolean hasSouth = periodicY || j > 0;
                double[] qvS = hasSouth ? qv : zero;
                int sbz = hasSouth ? (j > 0 ? base - nx : (ny - 1) * nx) : 0;
                double[] bN = hasNorth ? bernoulli : zero;
                int nbz = hasNorth ? (j < ny - 1 ? base + nx : 0) : 0;
                double idx = invDxC[j];
                double m = vMask[j];
                double mOverDy = m / dy;
                int last = base + nx - 1;
                int north = nbz - base;
                int south = sbz - base;
                cell4(out, n, qvS, bN, north, south, idx, m, mOverDy, base, base + 1, last);
                int k = simd ? TendencySimd.momentum(qv, qu, bernoulli, qvS, bN, north, south, idx, m, mOverDy, out, n,
                        base + 1, last) : base + 1;
                for (; k < last; k++) {
                    cell4(out, n, qvS, bN, north, south, idx, m, mOverDy, k, k + 1, k - 1);
                }
                cell4(out, n, qvS, bN, north, south, idx, m, mOverDy, last, base, last - 1);
            }
        }

        /** Pass 4 at cell k with eastern and western neighbours e and we. */
        private void cell4(double[] out, int n, double[] qvS, double[] bN, int north, int south, double idx, double m,
                           double mOverDy, int k, int e, int we) {
            double coriolisU = 0.5 * (qv[k] + qvS[k + south]) * idx;
            out[n + k] = coriolisU - (bernoulli[e] - bernoulli[k]) * idx;
            double coriolisV = -0.5 * (qu[k] + qu[we]);
            out[2 * n + k] = (coriolisV - (bN[k + north] - bernoulli[k]) * mOverDy) * m;
        }
    }

    /** The forward and adjoint kernels write every element of their outputs. */
    @Override
    public boolean overwritesOutput() {
        return true;
    }

    @Override
    protected boolean adjointOverwrites() {
        return true;
    }

    /** The adjoint reads the inputs and the kept fields, not the output. */
    @Override
    public boolean vjpReadsOutput() {
        return false;
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        Forward f = forwardScratch.acquire();
        try {
            f.run(backend, in[0], in[1], in[2], in[3][0], in[4], out);
        } finally {
            forwardScratch.release(f);
        }
    }

    /** Under a recording tape: the forward intermediates, so that the adjoint does not recompute them. */
    @Override
    protected Object evaluateForAdjoint(Backend backend, double[][] in, Shape[] shapes, double[] out,
                                        Shape outShape) {
        Forward scratch = forwardScratch.acquire();
        try {
            return new Forward(scratch).run(backend, in[0], in[1], in[2], in[3][0], in[4], out).forAdjoint();
        } finally {
            forwardScratch.release(scratch);
        }
    }

    /** The one field a recorded call keeps for its adjoint (the others were borrowed from the scratch). */
    @Override
    protected double[][] residualArrays(Object residual) {
        return new double[][] {((Forward) residual).q};
    }

    @Override
    protected void tangent(Backend backend, double[][] p, double[][] t, Shape[] shapes, double[] output,
                           double[] tangentOut) {
        int n = nx * ny;
        double[] h = p[0];
        double[] u = p[1];
        double[] v = p[2];
        double g = p[3][0];
        double[] b = p[4];
        double[] dh = t[0] != null ? t[0] : new double[n];
        double[] du = t[1] != null ? t[1] : new double[n];
        double[] dv = t[2] != null ? t[2] : new double[n];
        double dg = t[3] != null ? t[3][0] : 0.0;
        double[] db = t[4] != null ? t[4] : new double[n];
        Forward fw = new Forward(h, u, v, g, b, new double[3 * n]);
        double[] dhu = new double[n];
        double[] dU = new double[n];
        double[] dV = new double[n];
        double[] dw = new double[n];
        double[] dzeta = new double[n];
        double[] dq = new double[n];
        double[] dqv = new double[n];
        double[] dqu = new double[n];
        double[] dB = new double[n];
        for (int k = 0; k < n; k++) {
            dhu[k] = 0.5 * (dh[k] + dh[eastOf[k]]);
            dU[k] = dhu[k] * u[k] + fw.hu[k] * du[k];
            double dhv = 0.5 * (dh[k] + at(dh, northOf[k]));
            dV[k] = dhv * v[k] + fw.hv[k] * dv[k];
            dw[k] = dV[k] * dxV[rowOf[k]];
        }
        for (int k = 0; k < n; k++) {
            int j = rowOf[k];
            int s = southOf[k];
            double southFlux = s < 0 ? 0.0 : dw[s];
            tangentOut[k] = -((dU[k] - dU[westOf[k]]) * dy + (dw[k] - southFlux)) * invArea[j];
            int nn = northOf[k];
            double northU = nn < 0 ? 0.0 : du[nn] * dxC[rowOf[nn]];
            dzeta[k] = ((dv[eastOf[k]] - dv[k]) * dy - (northU - du[k] * dxC[j])) * invCornerArea[j];
        }
        poleRowToMean(dzeta);
        for (int k = 0; k < n; k++) {
            double dhq = 0.5 * (dhu[k] + at(dhu, northOf[k]));
            dq[k] = (dzeta[k] - fw.q[k] * dhq) / fw.hq[k];
            dqv[k] = dq[k] * 0.5 * (fw.w[k] + fw.w[eastOf[k]]) + fw.q[k] * 0.5 * (dw[k] + dw[eastOf[k]]);
            dqu[k] = dq[k] * 0.5 * (fw.bigU[k] + at(fw.bigU, northOf[k])) + fw.q[k] * 0.5 * (dU[k] + at(dU, northOf[k]));
            int we = westOf[k];
            int s = southOf[k];
            int j = rowOf[k];
            double dKinetic = 2 * ((u[k] * du[k] + u[we] * du[we]) * kineticU[j] + v[k] * dv[k] * kineticVNorth[j]
                    + at(v, s) * at(dv, s) * kineticVSouth[j]);
            dB[k] = dKinetic + dg * (h[k] + b[k]) + g * (dh[k] + db[k]);
        }
        for (int k = 0; k < n; k++) {
            int j = rowOf[k];
            double dCoriolisU = 0.5 * (dqv[k] + at(dqv, southOf[k])) * invDxC[j];
            tangentOut[n + k] = dCoriolisU - (dB[eastOf[k]] - dB[k]) * invDxC[j];
            double dCoriolisV = -0.5 * (dqu[k] + dqu[westOf[k]]);
            tangentOut[2 * n + k] = (dCoriolisV - (at(dB, northOf[k]) - dB[k]) * vMask[j] / dy) * vMask[j];
        }
    }

    @Override
    protected void adjoint(Backend backend, double[][] p, Shape[] shapes, double[] output, double[] cot,
                           double[][] adj) {
        adjoint(backend, p, shapes, output, cot, adj,
                new Forward(backend, p[0], p[1], p[2], p[3][0], p[4], new double[3 * nx * ny]));
    }

    @Override
    protected void adjoint(Backend backend, double[][] p, Shape[] shapes, double[] output, double[] cot,
                           double[][] adj, Object residual) {
        adjoint(backend, p, shapes, output, cot, adj, residual, new boolean[adj.length]);
    }

    /** The tape's adjoints of the inputs may be added into: the last pass of each field adds its value. */
    @Override
    protected boolean adjointAccumulates() {
        return true;
    }

    @Override
    protected void adjoint(Backend backend, double[][] p, Shape[] shapes, double[] output, double[] cot,
                           double[][] adj, Object residual, boolean[] accumulate) {
        Forward fw = (Forward) residual;
        AdjointScratch scratch = adjointScratch.acquire();
        try {
            adjoint(backend, p, adj, accumulate, cot, fw, scratch);
        } finally {
            adjointScratch.release(scratch);
        }
    }

    private void adjoint(Backend backend, double[][] p, double[][] adj, boolean[] accumulate, double[] cot,
                         Forward fw, AdjointScratch scratch) {
        int n = nx * ny;
        double[] h = p[0];
        double[] u = p[1];
        double[] v = p[2];
        double g = p[3][0];
        double[] b = p[4];
        // output cotangents: dh at cot[k], du at cot[n + k], dv at cot[2n + k] (times the v mask)
        double[] gB = scratch.gB;
        double[] gqv = scratch.gqv;
        double[] gqu = scratch.gqu;
        double[] ghv = scratch.ghv;
        double[] gU = scratch.gU;
        double[] gW = scratch.gW;
        double[] gzeta = scratch.gzeta;
        double[] ghq = scratch.ghq;
        double[] ghu = scratch.ghu;
        // The input cotangents are built up in place where wanted and not accumulated into (adj[i] of
        // size n), in the work arrays otherwise; the pass that finishes a field stores it into
        // {gh,gu,gv}Out: the same array, or the adjoint so far (accumulate[i]), to which it adds.
        boolean addH = accumulate[0];
        boolean addU = accumulate[1];
        boolean addV = accumulate[2];
        double[] gu = adj[1] != null && !addU ? adj[1] : scratch.gu;
        double[] gv = adj[2] != null && !addV ? adj[2] : scratch.gv;
        double[] gh = adj[0] != null && !addH ? adj[0] : scratch.gh;
        double[] guOut = addU ? adj[1] : gu;
        double[] gvOut = addV ? adj[2] : gv;
        double[] ghOut = addH ? adj[0] : gh;
        double[] zero = scratch.zero;
        double[] rowSums = scratch.rowSums;
        // Each pass runs over rows; in a row, the vector form (where enabled) takes the cells whose
        // east and west neighbours are k + 1 and k - 1, the scalar loop the others.
        // A: du = coriolisU - (B[E] - B)/dx, dv = (coriolisV - (B[N] - B) m/dy) m (gdv carries m);
        //    coriolisU = (qv + qv[S]) / (2 dx), coriolisV = -(qu + qu[W]) / 2
        backend.forRange(ny, 16 * nx, (rowFrom, rowTo) -> {
            for (int j = rowFrom; j < rowTo; j++) {
                int base = j * nx;
                boolean hasNorth = periodicY || j < ny - 1;
                boolean hasSouth = periodicY || j > 0;
                int jn = j < ny - 1 ? j + 1 : 0;
                int js = j > 0 ? j - 1 : ny - 1;
                double[] gdvS = hasSouth ? cot : zero;
                int sb = hasSouth ? 2 * n + js * nx : 0;
                double[] gduN = hasNorth ? cot : zero;
                int nb = hasNorth ? n + jn * nx : 0;
                double idx = invDxC[j];
                double idxN = hasNorth ? invDxC[jn] : 0.0;
                double m = vMask[j];
                double mS = hasSouth ? vMask[js] : 0.0;
                double mOverDy = m / dy;
                double mOverDyS = hasSouth ? vMask[js] / dy : 0.0;
                if (simd) {
                    TendencySimd.bernoulliAndFluxes(cot, n, gdvS, sb, gduN, nb, idx, idxN, m, mS, mOverDy, mOverDyS,
                            gB, gqv, gqu, base, base + 1, base + vectorEnd);
                }
                for (int[] range : scalarCells) {
                    for (int i = range[0]; i < range[1]; i++) {
                        int k = base + i;
                        int e = i == nx - 1 ? base : k + 1;
                        int we = i == 0 ? base + nx - 1 : k - 1;
                        double gduK = cot[n + k];
                        double gdvK = cot[2 * n + k] * m;
                        gB[k] = (gduK - cot[n + we]) * idx + gdvK * mOverDy - gdvS[sb + i] * mS * mOverDyS;
                        gqv[k] = 0.5 * (gduK * idx + gduN[nb + i] * idxN);
                        gqu[k] = -0.5 * (gdvK + cot[2 * n + e] * m);
                    }
                }
                rowSums[j] = rowSum(gB, h, b, base);
            }
        });
        double gg = 0;
        for (int j = 0; j < ny; j++) {
            gg += rowSums[j];
        }
        // C: B = K + g (h + b), K = (u^2 + u[W]^2) wU + v^2 wNorth + v[S]^2 wSouth; qu = q (U + U[N])/2; qv = q (W + W[E])/2;
        //    q = (zeta + f) / hq
        backend.forRange(ny, 16 * nx, (rowFrom, rowTo) -> {
            for (int j = rowFrom; j < rowTo; j++) {
                int base = j * nx;
                boolean hasNorth = periodicY || j < ny - 1;
                boolean hasSouth = periodicY || j > 0;
                int nb = hasNorth ? (j < ny - 1 ? j + 1 : 0) * nx : 0;
                int sb = hasSouth ? (j > 0 ? j - 1 : ny - 1) * nx : 0;
                double[] gBN = hasNorth ? gB : zero;
                double[] hN = hasNorth ? h : zero;
                double[] uNorth = hasNorth ? u : zero;
                double[] gquS = hasSouth ? gqu : zero;
                double[] qS = hasSouth ? fw.q : zero;
                double dxv = dxV[j];
                double twiceKu = 2 * kineticU[j];
                double twiceKvHere = twiceKineticVHere[j];
                double twiceKvAbove = twiceKineticVAbove[j];
                if (simd) {
                    TendencySimd.bernoulliAndFluxAdjoint(u, v, g, twiceKu, twiceKvHere, twiceKvAbove, gBN, gquS, qS,
                            fw.q, gB, gqu, gqv, nb, sb, gu, gv, gh, gU, gW, base, base + 1, base + vectorEnd);
                    TendencySimd.potentialVorticityAdjoint(h, u, v, hN, uNorth, fw.q, gqu, gqv, dxv, nb, gzeta, ghq,
                            base, base + 1, base + vectorEnd);
                }
                for (int[] range : scalarCells) {
                    for (int i = range[0]; i < range[1]; i++) {
                        int k = base + i;
                        int e = i == nx - 1 ? base : k + 1;
                        int we = i == 0 ? base + nx - 1 : k - 1;
                        int ie = i == nx - 1 ? 0 : i + 1;
                        // the forward's face depths and fluxes, recomputed with its operations in its order
                        double hk = h[k];
                        double he = h[e];
                        double hn = hN[nb + i];
                        double hne = hN[nb + ie];
                        double huK = 0.5 * (hk + he);
                        double huN = hasNorth ? 0.5 * (hn + hne) : 0.0;
                        double bigUK = huK * u[k];
                        double bigUN = hasNorth ? huN * uNorth[nb + i] : 0.0;
                        double wK = 0.5 * (hk + hn) * v[k] * dxv;
                        double wE = 0.5 * (he + hne) * v[e] * dxv;
                        double hqK = 0.5 * (huK + huN);
                        gu[k] = twiceKu * u[k] * (gB[k] + gB[e]);
                        gv[k] = v[k] * (twiceKvHere * gB[k] + twiceKvAbove * gBN[nb + i]);
                        gh[k] = g * gB[k];
                        double gq = gqu[k] * 0.5 * (bigUK + bigUN) + gqv[k] * 0.5 * (wK + wE);
                        gU[k] = 0.5 * (gqu[k] * fw.q[k] + gquS[sb + i] * qS[sb + i]);
                        gW[k] = 0.5 * (gqv[k] * fw.q[k] + gqv[we] * fw.q[we]);
                        gzeta[k] = gq / hqK;
                        ghq[k] = -gzeta[k] * fw.q[k]; // -gq q / hq with one division
                    }
                }
            }
        });
        poleRowToMean(gzeta);
        // E: hq = (hu + hu[N])/2; zeta = ((v[E] - v) dy - (u[N] dx_{j+1} - u dx_j)) / cornerArea_j;
        //    dh = -((U - U[W]) dy + (W - W[S])) / area_j;  F: U = hu u, W = hv v dxV
        backend.forRange(ny, 16 * nx, (rowFrom, rowTo) -> {
            for (int j = rowFrom; j < rowTo; j++) {
                int base = j * nx;
                boolean hasNorth = periodicY || j < ny - 1;
                boolean hasSouth = periodicY || j > 0;
                int jn = j < ny - 1 ? j + 1 : 0;
                int js = j > 0 ? j - 1 : ny - 1;
                int nb = hasNorth ? jn * nx : 0;
                int sb = hasSouth ? js * nx : 0;
                double[] ghqS = hasSouth ? ghq : zero;
                double[] gzetaS = hasSouth ? gzeta : zero;
                double[] gdhN = hasNorth ? cot : zero;
                double[] hNorth = hasNorth ? h : zero;
                double ica = invCornerArea[j];
                double icaS = hasSouth ? invCornerArea[js] : 0.0;
                double ia = invArea[j];
                double iaN = hasNorth ? invArea[jn] : 0.0;
                double dxj = dxC[j];
                double dxv = dxV[j];
                if (simd) {
                    TendencySimd.vorticityAdjoint(gzeta, gzetaS, sb, dy, ica, icaS, dxj, gu, gv, base, base + 1,
                            base + vectorEnd);
                    TendencySimd.continuityAdjoint(h, u, v, cot, ghq, ghqS, gdhN, hNorth, nb, sb, dy, ia, iaN, dxv, gU,
                            gW, gu, gv, guOut, gvOut, addU, addV, ghu, ghv, base, base + 1, base + vectorEnd);
                }
                for (int[] range : scalarCells) {
                    for (int i = range[0]; i < range[1]; i++) {
                        int k = base + i;
                        int e = i == nx - 1 ? base : k + 1;
                        int we = i == 0 ? base + nx - 1 : k - 1;
                        double ghuK = 0.5 * (ghq[k] + ghqS[sb + i]);
                        gv[k] += dy * (gzeta[we] - gzeta[k]) * ica;
                        gu[k] += dxj * (gzeta[k] * ica - gzetaS[sb + i] * icaS);
                        double gUK = gU[k] - dy * (cot[k] - cot[e]) * ia;
                        double gWK = gW[k] - (cot[k] * ia - gdhN[nb + i] * iaN);
                        double gV = gWK * dxv;
                        double guK = gu[k] + gUK * (0.5 * (h[k] + h[e]));
                        guOut[k] = addU ? guOut[k] + guK : guK;
                        ghu[k] = ghuK + gUK * u[k];
                        double gvK = gv[k] + gV * (0.5 * (h[k] + hNorth[nb + i]));
                        gvOut[k] = addV ? gvOut[k] + gvK : gvK;
                        ghv[k] = gV * v[k];
                    }
                }
            }
        });
        // G: hu = (h + h[E])/2, hv = (h + h[N])/2
        backend.forRange(ny, 16 * nx, (rowFrom, rowTo) -> {
            for (int j = rowFrom; j < rowTo; j++) {
                int base = j * nx;
                boolean hasSouth = periodicY || j > 0;
                double[] ghvS = hasSouth ? ghv : zero;
                int sb = hasSouth ? (j > 0 ? j - 1 : ny - 1) * nx : 0;
                if (simd) {
                    TendencySimd.faceDepthAdjoint(ghu, ghv, ghvS, sb, gh, ghOut, addH, base, base + 1,
                            base + westVectorEnd);
                }
                for (int[] range : westScalarCells) {
                    for (int i = range[0]; i < range[1]; i++) {
                        int k = base + i;
                        int we = i == 0 ? base + nx - 1 : k - 1;
                        double ghK = gh[k] + (0.5 * (ghu[k] + ghu[we]) + 0.5 * (ghv[k] + ghvS[sb + i]));
                        ghOut[k] = addH ? ghOut[k] + ghK : ghK;
                    }
                }
            }
        });
        if (adj[3] != null) {
            adj[3][0] = accumulate[3] ? adj[3][0] + gg : gg;
        }
        if (adj[4] != null) {
            double[] gb = adj[4];
            if (accumulate[4]) {
                for (int k = 0; k < n; k++) {
                    gb[k] += g * gB[k];
                }
            } else {
                for (int k = 0; k < n; k++) {
                    gb[k] = g * gB[k];
                }
            }
        }
    }

    /**
     * Sum over a row of gB (h + b), the row's share of the cotangent of g: in four interleaved
     * partial sums (cells i = 0, 1, 2, 3 mod 4, then the tail), whichever form ran the passes.
     */
    private double rowSum(double[] gB, double[] h, double[] b, int base) {
        if (vectorRowSum) {
            return TendencySimd.rowSum(gB, h, b, base, nx);
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = base;
        int end = base + nx;
        for (; k + 4 <= end; k += 4) {
            s0 += gB[k] * (h[k] + b[k]);
            s1 += gB[k + 1] * (h[k + 1] + b[k + 1]);
            s2 += gB[k + 2] * (h[k + 2] + b[k + 2]);
            s3 += gB[k + 3] * (h[k + 3] + b[k + 3]);
        }
        double sum = (s0 + s1) + (s2 + s3);
        for (; k < end; k++) {
            sum += gB[k] * (h[k] + b[k]);
        }
        return sum;
    }

    /** Work arrays of the adjoint; every pass writes all of its entries before they are read. */
    private final class AdjointScratch {
        final double[] gB = new double[nx * ny];
        final double[] gqv = new double[nx * ny];
        final double[] gqu = new double[nx * ny];
        final double[] ghv = new double[nx * ny];
        final double[] gU = new double[nx * ny];
        final double[] gW = new double[nx * ny];
        final double[] gzeta = new double[nx * ny];
        final double[] ghq = new double[nx * ny];
        final double[] ghu = new double[nx * ny];
        final double[] gu = new double[nx * ny];
        final double[] gv = new double[nx * ny];
        final double[] gh = new double[nx * ny];
        final double[] zero = new double[nx];
        final double[] rowSums = new double[ny];
    }

    @Override
    public Tensor composite(Ops o, Tensor[] in) {
        State t = ShallowWaterDynamics.compositeTendency(o, operators, new State(in[0], in[1], in[2]), in[3], in[4]);
        return o.stack(t.h(), t.u(), t.v());
    }
}
