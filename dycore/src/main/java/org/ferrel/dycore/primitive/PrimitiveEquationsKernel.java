package org.ferrel.dycore.primitive;

import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.exec.ThreadScratch;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * The adiabatic primitive-equation tendency as one primitive: a fused forward kernel over flat arrays
 * that repeats every operation of {@link PrimitiveEquations#compositeTendency} in the same order (its
 * values equal the composite's bit for bit), and derivatives taken from the composite form (tangents
 * through a dual, cotangents through a tape that re-runs the composite in the reverse sweep). Plain
 * runs and the forward sweeps of checkpointed gradients get the fused speed; the derivatives are those
 * of the tested composite, so no hand-written adjoint is needed yet.
 *
 * <p>Inputs: u, v, T ([nz, ny, nx]), ps and the surface geopotential ([ny, nx]). Output: a flat vector
 * of du/dt, dv/dt, dT/dt (nz ny nx values each) and dps/dt (ny nx values).
 */
final class PrimitiveEquationsKernel implements Primitive {
    private final PrimitiveEquations equations;
    private final int nx;
    private final int ny;
    private final int nz;
    private final int n;
    private final double dy;
    private final double[] dxC;
    private final double[] invDxC;
    private final double[] dxV;
    private final double[] invCellArea;
    private final double[] invCornerArea;
    private final double[] coriolis;
    private final double[] vMask;
    private final double[] vMaskOverDy;
    private final double[] faceAreaU;
    private final double[] faceAreaV;
    private final double[] halfInvArea;
    private final double[] invArea;
    private final double[] thickness;
    private final double[] halfInvThickness;
    private final double[] hydrostatic;
    private final double[] massFlux;
    private final double[] conversion;
    private final double gasConstant;
    private final double kappa;
    /** Per cell of a level: its row, and the cells east and west of it (periodic). */
    private final int[] rowOf;
    private final int[] eastOf;
    private final int[] westOf;

    PrimitiveEquationsKernel(PrimitiveEquations equations, double[][] metrics, double[][] vertical) {
        this.equations = equations;
        Grid grid = equations.operators().grid();
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.nz = equations.sigma().levels();
        this.n = nx * ny;
        this.dy = grid.dy();
        this.dxC = equations.operators().dxAtCenter().values().clone();
        this.dxV = equations.operators().dxAtV().values().clone();
        this.invDxC = CGridOperators.inverse(grid.dxAtCenterRow());
        this.invCellArea = CGridOperators.inverse(grid.cellArea());
        this.invCornerArea = CGridOperators.inverse(grid.cornerArea());
        this.coriolis = equations.operators().coriolisAtCorner().values().clone();
        if (coriolis.length != ny) {
            throw new IllegalArgumentException("the fused primitive-equation kernel needs a Coriolis parameter per row");
        }
        this.vMask = equations.operators().vMask().values().clone();
        this.vMaskOverDy = new double[ny];
        for (int j = 0; j < ny; j++) {
            vMaskOverDy[j] = vMask[j] * (1.0 / dy);
        }
        this.faceAreaU = metrics[0];
        this.faceAreaV = metrics[1];
        this.halfInvArea = metrics[2];
        this.invArea = metrics[3];
        this.thickness = vertical[0];
        this.halfInvThickness = vertical[1];
        this.hydrostatic = vertical[2];
        this.massFlux = vertical[3];
        this.conversion = vertical[4];
        this.gasConstant = equations.gasConstant();
        this.kappa = equations.kappa();
        this.rowOf = new int[n];
        this.eastOf = new int[n];
        this.westOf = new int[n];
        for (int c = 0; c < n; c++) {
            int i = c % nx;
            rowOf[c] = c / nx;
            eastOf[c] = i == nx - 1 ? c - i : c + 1;
            westOf[c] = i == 0 ? c + nx - 1 : c - 1;
        }
    }

    @Override
    public String name() {
        return "primitiveEquationsTendency";
    }

    @Override
    public Shape outputShape(Shape[] in) {
        Shape field = Shape.of(nz, ny, nx);
        Shape surface = Shape.of(ny, nx);
        if (in.length != 5 || !in[0].equals(field) || !in[1].equals(field) || !in[2].equals(field)
                || !in[3].equals(surface) || !in[4].equals(surface)) {
            throw new ShapeMismatchException(name() + ": expects u, v, T of shape " + field + " and ps, Phi_s of shape "
                    + surface + ", got " + java.util.Arrays.toString(in));
        }
        return Shape.of(3 * nz * n + n);
    }

    @Override
    public boolean overwritesOutput() {
        return true;
    }

    // ---- the stencil helpers, each the exact arithmetic of the CGridOperators method it names ----

    /** {@code x[base + c]} of the neighbour to the north, 0 beyond the last row. */
    private double north(double[] x, int base, int c) {
        return c + nx < n ? x[base + c + nx] : 0.0;
    }

    private double south(double[] x, int base, int c) {
        return c >= nx ? x[base + c - nx] : 0.0;
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        Work work = workScratch.acquire();
        try {
            evaluate(backend, in, out, work);
        } finally {
            workScratch.release(work);
        }
    }

    /** The arrays of one call, kept per thread ({@link ThreadScratch}); every pass writes what it later reads. */
    private final class Work {
        final double[] piU = new double[n];
        final double[] piV = new double[n];
        final double[] piCorner = new double[n];
        final double[] logPi = new double[n];
        final double[] dLogPiX = new double[n];
        final double[] dLogPiY = new double[n];
        final double[] fluxU = new double[nz * n];
        final double[] fluxV = new double[nz * n];
        final double[] divergence = new double[nz * n];
        final double[] layerDivergence = new double[nz * n];
        final double[] wBelow = new double[nz * n];
        final double[] geopotential = new double[nz * n];
        final double[] conversionSum = new double[nz * n];
    }

    private final ThreadScratch<Work> workScratch = new ThreadScratch<>(Work::new);
    private final ThreadScratch<Level> levelScratch = new ThreadScratch<>(Level::new);

    private void evaluate(Backend backend, double[][] in, double[] out, Work work) {
        double[] u = in[0];
        double[] v = in[1];
        double[] t = in[2];
        double[] pi = in[3];
        double[] phis = in[4];
        int size = nz * n;
        // surface fields
        double[] piU = work.piU;
        double[] piV = work.piV;
        double[] piCorner = work.piCorner;
        double[] logPi = work.logPi;
        for (int c = 0; c < n; c++) {
            piU[c] = (pi[c] + pi[eastOf[c]]) * 0.5;
            piV[c] = (pi[c] + north(pi, 0, c)) * 0.5;
            logPi[c] = Math.log(pi[c]);
        }
        for (int c = 0; c < n; c++) {
            piCorner[c] = (piU[c] + north(piU, 0, c)) * 0.5;
        }
        double[] dLogPiX = work.dLogPiX;
        double[] dLogPiY = work.dLogPiY;
        for (int c = 0; c < n; c++) {
            int j = rowOf[c];
            dLogPiX[c] = (logPi[eastOf[c]] - logPi[c]) * invDxC[j];
            dLogPiY[c] = (north(logPi, 0, c) - logPi[c]) * vMaskOverDy[j];
        }
        // mass fluxes, divergence, layer divergence of every level
        double[] fluxU = work.fluxU;
        double[] fluxV = work.fluxV;
        double[] divergence = work.divergence;
        double[] layerDivergence = work.layerDivergence;
        backend.forRange(nz, 20 * n, (from, to) -> {
            Level w = levelScratch.acquire();
            try {
                for (int k = from; k < to; k++) {
                    int b = k * n;
                    for (int c = 0; c < n; c++) {
                        fluxU[b + c] = piU[c] * u[b + c];
                        fluxV[b + c] = piV[c] * v[b + c];
                    }
                    divergenceAtCenter(fluxU, fluxV, b, w.fx, w.fy, divergence);
                    for (int c = 0; c < n; c++) {
                        layerDivergence[b + c] = divergence[b + c] * thickness[k];
                    }
                }
            } finally {
                levelScratch.release(w);
            }
        });
        int duAt = 0;
        int dvAt = size;
        int dtAt = 2 * size;
        int dpAt = 3 * size;
        for (int c = 0; c < n; c++) {
            double s = 0;
            for (int k = 0; k < nz; k++) {
                s += layerDivergence[k * n + c];
            }
            out[dpAt + c] = -s;
        }
        double[] wBelow = work.wBelow;
        double[] geopotential = work.geopotential;
        double[] conversionSum = work.conversionSum;
        vertical(massFlux, layerDivergence, wBelow);
        vertical(hydrostatic, t, geopotential);
        vertical(conversion, layerDivergence, conversionSum);
        backend.forRange(nz, 100 * n, (from, to) -> {
            Level w = levelScratch.acquire();
            try {
                for (int k = from; k < to; k++) {
                    level(k, w, u, v, t, pi, phis, piU, piV, piCorner, dLogPiX, dLogPiY, fluxU, fluxV, divergence,
                            wBelow, geopotential, conversionSum, out, duAt, dvAt, dtAt);
                }
            } finally {
                levelScratch.release(w);
            }
        });
    }

    /** Work arrays of one level. */
    private final class Level {
        final double[] a = new double[n];
        final double[] b = new double[n];
        final double[] c = new double[n];
        final double[] zeta = new double[n];
        final double[] q = new double[n];
        final double[] bernoulli = new double[n];
        final double[] wU = new double[n];
        final double[] wV = new double[n];
        final double[] pgfU = new double[n];
        final double[] pgfV = new double[n];
        final double[] fx = new double[n];
        final double[] fy = new double[n];
        final double[] div = new double[n];
        final double[] tU = new double[n];
        final double[] tV = new double[n];
        final double[] wUAbove = new double[n];
        final double[] wVAbove = new double[n];
        final double[] wCAbove = new double[n];
        final double[] wCBelow = new double[n];
    }

    /** {@code divergenceAtCenter(fluxU, fluxV)} of the level at {@code base} into {@code out[base + c]}. */
    private void divergenceAtCenter(double[] fluxU, double[] fluxV, int base, double[] fx, double[] fy, double[] out) {
        for (int c = 0; c < n; c++) {
            fx[c] = fluxU[base + c] * dy;
            fy[c] = fluxV[base + c] * dxV[rowOf[c]];
        }
        for (int c = 0; c < n; c++) {
            double net = (fx[c] - fx[westOf[c]]) + (fy[c] - south(fy, 0, c));
            out[base + c] = net * invCellArea[rowOf[c]];
        }
    }

    /** {@code out = M x} column by column, summed in the order of the matrix product kernel. */
    private void vertical(double[] m, double[] x, double[] out) {
        // level by level, each column's sum still taken from p = 0 up, as in the matrix product
        for (int k = 0; k < nz; k++) {
            int row = k * nz;
            int o = k * n;
            java.util.Arrays.fill(out, o, o + n, 0.0);
            for (int p = 0; p < nz; p++) {
                double a = m[row + p];
                int xb = p * n;
                for (int c = 0; c < n; c++) {
                    out[o + c] += a * x[xb + c];
                }
            }
        }
    }

    /** The vertical advection of the composite form at level k, with W at the lower half levels given per level. */
    private double verticalAdvection(double[] wBelowAt, double[] wAboveAt, double[] x, int k, int c, double mass) {
        int at = k * n + c;
        double below = k + 1 < nz ? x[at + n] : 0.0;
        double above = k > 0 ? x[at - n] : 0.0;
        double sum = wBelowAt[c] * (below - x[at]) + wAboveAt[c] * (x[at] - above);
        return sum * halfInvThickness[k] / mass;
    }

    private void level(int k, Level w, double[] u, double[] v, double[] t, double[] pi, double[] phis, double[] piU,
                       double[] piV, double[] piCorner, double[] dLogPiX, double[] dLogPiY, double[] fluxU,
                       double[] fluxV, double[] divergence, double[] wBelow, double[] geopotential,
                       double[] conversionSum, double[] out, int duAt, int dvAt, int dtAt) {
        int b = k * n;
        // relative vorticity at corners, the pole rows taking their zonal mean
        for (int c = 0; c < n; c++) {
            w.a[c] = u[b + c] * dxC[rowOf[c]];
        }
        for (int c = 0; c < n; c++) {
            double circulation = (v[b + eastOf[c]] - v[b + c]) * dy - (north(w.a, 0, c) - w.a[c]);
            w.zeta[c] = circulation * invCornerArea[rowOf[c]];
        }
        for (int j = 0; j < ny; j++) {
            double s = 0;
            for (int i = 0; i < nx; i++) {
                s += w.zeta[j * nx + i];
            }
            double mean = s * (1.0 / nx);
            double keep = vMask[j];
            double cap = 1.0 - vMask[j];
            for (int i = 0; i < nx; i++) {
                int c = j * nx + i;
                double absolute = (w.zeta[c] * keep + mean * cap) + coriolis[j];
                w.q[c] = absolute / piCorner[c];
            }
        }
        // kinetic energy and the Bernoulli function
        for (int c = 0; c < n; c++) {
            double uu = u[b + c] * u[b + c];
            w.a[c] = uu;
            double vv = v[b + c] * v[b + c];
            w.b[c] = vv * faceAreaV[rowOf[c]];
        }
        for (int c = 0; c < n; c++) {
            int j = rowOf[c];
            double uc = (w.a[c] + w.a[westOf[c]]) * 0.5;
            double vc = (w.b[c] + south(w.b, 0, c)) * 0.5;
            double kinetic = (uc * faceAreaU[j] + vc) * halfInvArea[j];
            w.bernoulli[c] = kinetic + (geopotential[b + c] + phis[c]);
        }
        // temperature at faces, pressure-gradient force, W at faces
        for (int c = 0; c < n; c++) {
            w.tU[c] = (t[b + c] + t[b + eastOf[c]]) * 0.5;
            w.tV[c] = (t[b + c] + north(t, b, c)) * 0.5;
            w.pgfU[c] = w.tU[c] * dLogPiX[c] * gasConstant;
            w.pgfV[c] = w.tV[c] * dLogPiY[c] * gasConstant;
            w.wU[c] = (wBelow[b + c] + wBelow[b + eastOf[c]]) * 0.5;
            w.wV[c] = (wBelow[b + c] + north(wBelow, b, c)) * 0.5;
        }
        double[] wUAbove = w.wUAbove;
        double[] wVAbove = w.wVAbove;
        if (k > 0) {
            int a = b - n;
            for (int c = 0; c < n; c++) {
                wUAbove[c] = (wBelow[a + c] + wBelow[a + eastOf[c]]) * 0.5;
                wVAbove[c] = (wBelow[a + c] + north(wBelow, a, c)) * 0.5;
            }
        } else {
            // no mass crosses the model top
            java.util.Arrays.fill(wUAbove, 0.0);
            java.util.Arrays.fill(wVAbove, 0.0);
        }
        // momentum: the Coriolis terms
        for (int c = 0; c < n; c++) {
            w.a[c] = fluxV[b + c] * dxV[rowOf[c]];
        }
        for (int c = 0; c < n; c++) {
            w.b[c] = w.q[c] * ((w.a[c] + w.a[eastOf[c]]) * 0.5);
            w.c[c] = w.q[c] * ((fluxU[b + c] + north(fluxU, b, c)) * 0.5);
        }
        for (int c = 0; c < n; c++) {
            int j = rowOf[c];
            double coriolisU = (w.b[c] + south(w.b, 0, c)) * 0.5 / dxC[j];
            double coriolisV = -((w.c[c] + w.c[westOf[c]]) * 0.5);
            double ddxB = (w.bernoulli[eastOf[c]] - w.bernoulli[c]) * invDxC[j];
            double ddyB = (north(w.bernoulli, 0, c) - w.bernoulli[c]) * vMaskOverDy[j];
            out[duAt + b + c] = coriolisU - ddxB - w.pgfU[c] - verticalAdvection(w.wU, wUAbove, u, k, c, piU[c]);
            out[dvAt + b + c] = (coriolisV - ddyB - w.pgfV[c] - verticalAdvection(w.wV, wVAbove, v, k, c, piV[c]))
                    * vMask[j];
        }
        // temperature: flux-form advection, vertical advection, kappa T omega / p
        for (int c = 0; c < n; c++) {
            w.a[c] = fluxU[b + c] * w.tU[c];
            w.b[c] = fluxV[b + c] * w.tV[c];
        }
        divergenceAtCenter(w.a, w.b, 0, w.fx, w.fy, w.div);
        double[] wCAbove = w.wCAbove;
        double[] wCBelow = w.wCBelow;
        System.arraycopy(wBelow, b, wCBelow, 0, n);
        if (k > 0) {
            System.arraycopy(wBelow, b - n, wCAbove, 0, n);
        } else {
            java.util.Arrays.fill(wCAbove, 0.0);
        }
        for (int c = 0; c < n; c++) {
            w.a[c] = fluxU[b + c] * w.pgfU[c] * faceAreaU[rowOf[c]];
            w.b[c] = fluxV[b + c] * w.pgfV[c] * faceAreaV[rowOf[c]];
        }
        for (int c = 0; c < n; c++) {
            int j = rowOf[c];
            double horizontal = (w.div[c] - t[b + c] * divergence[b + c]) / pi[c];
            double uc = (w.a[c] + w.a[westOf[c]]) * 0.5;
            double vc = (w.b[c] + south(w.b, 0, c)) * 0.5;
            double work = (uc + vc) * invArea[j] / (pi[c] * gasConstant);
            double expansion = t[b + c] * conversionSum[b + c] / pi[c];
            out[dtAt + b + c] = -(horizontal + verticalAdvection(wCBelow, wCAbove, t, k, c, pi[c]))
                    + (work - expansion) * kappa;
        }
    }

    /** The composite form, flattened and concatenated like the kernel's output. */
    Tensor composite(Ops o, Tensor[] in) {
        AtmosphereState d = equations.compositeTendency(o, new AtmosphereState(in[0], in[1], in[2], in[3]), in[4]);
        int size = nz * n;
        return o.concat(0, o.reshape(d.u(), Shape.of(size)), o.reshape(d.v(), Shape.of(size)),
                o.reshape(d.temperature(), Shape.of(size)), o.reshape(d.surfacePressure(), Shape.of(n)));
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] primals, Tensor[] tangents, Tensor output) {
        Tensor[] v = new Tensor[primals.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = tangents[i] != null ? tangents[i] : ops.zeros(primals[i].shape());
        }
        return Derivatives.jvp(ops, (q, x) -> new Tensor[] {composite(q, x)}, primals, v).derivatives()[0];
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] primals, Tensor output, Tensor cotangent, boolean[] wanted) {
        Tape tape = new Tape(ops);
        Tensor[] in = tape.variables(primals);
        Tensor y = composite(tape, in);
        return tape.vjp(new Tensor[] {y}, new Tensor[] {cotangent}, in);
    }
}
