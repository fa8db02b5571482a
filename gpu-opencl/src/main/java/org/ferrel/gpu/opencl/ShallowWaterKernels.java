package org.ferrel.gpu.opencl;

import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.operators.CGridOperators;
import org.jocl.cl_mem;

/**
 * The device form of {@link org.ferrel.dycore.shallowwater.TendencyKernel}: the fused shallow-water
 * tendency and its adjoint as OpenCL kernels ({@code shallow-water.cl}), one work item per cell, over
 * a state buffer {@code x = [h | u | v]}. The grid's metric rows, the Coriolis field and the work
 * fields live on the device for the life of this object.
 */
public final class ShallowWaterKernels {
    static final String SOURCE = "/org/ferrel/gpu/opencl/shallow-water.cl";
    private static final String[] NAMES = {"tendencyFaceFluxes", "tendencyContinuityVorticity", "poleRowToMean",
        "tendencyFluxesBernoulli", "tendencyMomentum", "adjointBernoulliFluxes", "adjointGravityRowSums",
        "adjointGravity", "adjointFluxesVorticity", "adjointVorticityContinuity", "adjointFaceDepths", "addScaled",
        "add", "combine3", "combine4", "scale", "combine2", "polarFilterRows", "polarFilterFft"};

    /**
     * Fields of n doubles a tendency reads and writes in global memory, each counted once per launch
     * (per-row metrics left out): face fluxes 3 + 3, continuity and vorticity 5 + 3, fluxes and
     * Bernoulli 9 + 4, momentum 3 + 2.
     */
    static final int TENDENCY_FIELDS = 32;

    private final OpenClDevice device;
    private final int nx;
    private final int ny;
    private final int n;
    private final int periodicY;
    private final double dy;
    private final DeviceKernel faceFluxes;
    private final DeviceKernel continuityVorticity;
    private final DeviceKernel poleRowToMean;
    private final DeviceKernel fluxesBernoulli;
    private final DeviceKernel momentum;
    private final DeviceKernel adjointBernoulliFluxes;
    private final DeviceKernel adjointGravityRowSums;
    private final DeviceKernel adjointGravity;
    private final DeviceKernel adjointFluxesVorticity;
    private final DeviceKernel adjointVorticityContinuity;
    private final DeviceKernel adjointFaceDepths;
    private final DeviceKernel addScaled;
    private final DeviceKernel add;
    private final DeviceKernel combine3;
    private final DeviceKernel combine4;
    private final DeviceKernel scale;
    private final DeviceKernel combine2;
    private final DeviceKernel polarFilterRows;
    private final DeviceKernel polarFilterFft;
    private final cl_mem dxC;
    private final cl_mem invDxC;
    private final cl_mem dxV;
    /** The kinetic energy's face weights per row, and twice them as the adjoint reads them (KineticEnergyWeights). */
    private final cl_mem kineticU;
    private final cl_mem kineticVNorth;
    private final cl_mem kineticVSouth;
    private final cl_mem twiceKineticU;
    private final cl_mem twiceKineticVHere;
    private final cl_mem twiceKineticVAbove;
    private final cl_mem invArea;
    private final cl_mem invCornerArea;
    private final cl_mem vMask;
    private final cl_mem coriolis;
    // forward work fields
    private final cl_mem hu;
    private final cl_mem bigU;
    private final cl_mem w;
    private final cl_mem zeta;
    private final cl_mem hq;
    private final cl_mem q;
    private final cl_mem qv;
    private final cl_mem qu;
    private final cl_mem bernoulli;
    // adjoint work fields
    private final cl_mem gB;
    private final cl_mem gqv;
    private final cl_mem gqu;
    private final cl_mem gU;
    private final cl_mem gW;
    private final cl_mem gzeta;
    private final cl_mem ghq;
    private final cl_mem ghu;
    private final cl_mem ghv;
    private final cl_mem rowSums;
    private final cl_mem forwardOut;

    /**
     * @param coriolisAtCorners the Coriolis field at the corners [ny * nx], or null for the grid's
     *                          {@code 2 Omega sin(lat)} (as {@link CGridOperators})
     * @throws KernelBuildException naming the device and the kernel when the source does not build
     */
    public ShallowWaterKernels(OpenClDevice device, Grid grid, double[] coriolisAtCorners) {
        if (grid.nx() < 2) {
            throw new IllegalArgumentException("shallow-water kernel: the grid needs at least 2 columns, got " + grid.nx());
        }
        this.device = device;
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.n = nx * ny;
        this.periodicY = grid.periodicY() ? 1 : 0;
        this.dy = grid.dy();
        DeviceKernel[] k = device.build(SOURCE, NAMES);
        this.faceFluxes = k[0];
        this.continuityVorticity = k[1];
        this.poleRowToMean = k[2];
        this.fluxesBernoulli = k[3];
        this.momentum = k[4];
        this.adjointBernoulliFluxes = k[5];
        this.adjointGravityRowSums = k[6];
        this.adjointGravity = k[7];
        this.adjointFluxesVorticity = k[8];
        this.adjointVorticityContinuity = k[9];
        this.adjointFaceDepths = k[10];
        this.addScaled = k[11];
        this.add = k[12];
        this.combine3 = k[13];
        this.combine4 = k[14];
        this.scale = k[15];
        this.combine2 = k[16];
        this.polarFilterRows = k[17];
        this.polarFilterFft = k[18];
        this.dxC = device.buffer(grid.dxAtCenterRow());
        this.invDxC = device.buffer(CGridOperators.inverse(grid.dxAtCenterRow()));
        this.dxV = device.buffer(grid.dxAtVRow());
        org.ferrel.dycore.shallowwater.KineticEnergyWeights kinetic = org.ferrel.dycore.shallowwater.KineticEnergyWeights.of(grid);
        this.kineticU = device.buffer(kinetic.u());
        this.kineticVNorth = device.buffer(kinetic.vNorth());
        this.kineticVSouth = device.buffer(kinetic.vSouth());
        int rows = grid.ny();
        double[] twiceU = new double[rows];
        double[] twiceHere = new double[rows];
        double[] twiceAbove = new double[rows];
        for (int j = 0; j < rows; j++) {
            twiceU[j] = 2 * kinetic.u()[j];
            twiceHere[j] = 2 * kinetic.vNorth()[j];
            twiceAbove[j] = j < rows - 1 ? 2 * kinetic.vSouth()[j + 1] : grid.periodicY() ? 2 * kinetic.vSouth()[0] : 0.0;
        }
        this.twiceKineticU = device.buffer(twiceU);
        this.twiceKineticVHere = device.buffer(twiceHere);
        this.twiceKineticVAbove = device.buffer(twiceAbove);
        this.invArea = device.buffer(CGridOperators.inverse(grid.cellArea()));
        this.invCornerArea = device.buffer(CGridOperators.inverse(grid.cornerArea()));
        this.vMask = device.buffer(grid.vMask());
        this.coriolis = device.buffer(coriolisField(grid, coriolisAtCorners));
        this.hu = device.buffer(n);
        this.bigU = device.buffer(n);
        this.w = device.buffer(n);
        this.zeta = device.buffer(n);
        this.hq = device.buffer(n);
        this.q = device.buffer(n);
        this.qv = device.buffer(n);
        this.qu = device.buffer(n);
        this.bernoulli = device.buffer(n);
        this.gB = device.buffer(n);
        this.gqv = device.buffer(n);
        this.gqu = device.buffer(n);
        this.gU = device.buffer(n);
        this.gW = device.buffer(n);
        this.gzeta = device.buffer(n);
        this.ghq = device.buffer(n);
        this.ghu = device.buffer(n);
        this.ghv = device.buffer(n);
        this.rowSums = device.buffer(ny);
        this.forwardOut = device.buffer(3 * n);
    }

    private static double[] coriolisField(Grid grid, double[] atCorners) {
        int n = grid.nx() * grid.ny();
        if (atCorners != null) {
            if (atCorners.length != n) {
                throw new IllegalArgumentException("Coriolis field has " + atCorners.length + " values, the grid "
                        + grid.shape() + " needs " + n);
            }
            return atCorners.clone();
        }
        double[] perRow = grid.coriolisAtCorner();
        double[] field = new double[n];
        for (int j = 0; j < grid.ny(); j++) {
            java.util.Arrays.fill(field, j * grid.nx(), (j + 1) * grid.nx(), perRow[j]);
        }
        return field;
    }

    public OpenClDevice device() {
        return device;
    }

    /** Cells per field. */
    public int cells() {
        return n;
    }

    /** Enqueues {@code out = F(x)}, the tendency [dh | du | dv] of the state x = [h | u | v]; b is the topography. */
    public void tendency(cl_mem x, double g, cl_mem b, cl_mem out) {
        faceFluxes.args(nx, ny, periodicY, x, dxV, hu, bigU, w).launch(n);
        continuityVorticity.args(nx, ny, periodicY, dy, x, hu, bigU, w, dxC, invArea, invCornerArea, out, zeta, hq)
                .launch(n);
        poleMean(zeta);
        fluxesBernoulli.args(nx, ny, periodicY, g, x, b, coriolis, zeta, hq, w, bigU, kineticU, kineticVNorth, kineticVSouth, q, qv,
                qu, bernoulli).launch(n);
        momentum.args(nx, ny, periodicY, dy, invDxC, vMask, qv, qu, bernoulli, out).launch(n);
    }

    /**
     * Enqueues the adjoint at (x, g, b) of the output cotangent {@code cot} [3n]: writes the
     * cotangents of the state into {@code gx} [3n], of the topography into {@code gb} [n] and of
     * gravity into {@code gg} [1] (overwriting them). Recomputes the forward passes first.
     */
    public void adjoint(cl_mem x, double g, cl_mem b, cl_mem cot, cl_mem gx, cl_mem gb, cl_mem gg) {
        tendency(x, g, b, forwardOut);
        adjointBernoulliFluxes.args(nx, ny, periodicY, dy, invDxC, vMask, cot, gB, gqv, gqu).launch(n);
        adjointGravityRowSums.args(nx, ny, x, b, gB, rowSums).launch(ny);
        adjointGravity.args(ny, rowSums, gg).launch(1);
        adjointFluxesVorticity.args(nx, ny, periodicY, g, x, q, dxV, twiceKineticU, twiceKineticVHere, twiceKineticVAbove, gB, gqu,
                gqv, gx, gU, gW, gzeta, ghq, gb).launch(n);
        poleMean(gzeta);
        adjointVorticityContinuity.args(nx, ny, periodicY, dy, x, cot, dxC, dxV, invArea, invCornerArea, gzeta, ghq, gU,
                gW, gx, ghu, ghv).launch(n);
        adjointFaceDepths.args(nx, ny, periodicY, ghu, ghv, gx).launch(n);
    }

    private void poleMean(cl_mem corner) {
        if (periodicY == 0) {
            poleRowToMean.args(nx, ny, corner).launch(1);
        }
    }

    /** Enqueues {@code out = a + s b} over {@code length} values. */
    public void addScaled(int length, cl_mem a, double s, cl_mem b, cl_mem out) {
        addScaled.args(length, a, s, b, out).launch(length);
    }

    /** Enqueues {@code out = a + b} over {@code length} values. */
    public void add(int length, cl_mem a, cl_mem b, cl_mem out) {
        add.args(length, a, b, out).launch(length);
    }

    /**
     * Enqueues the row filter of {@link DevicePolarFilter} on the field at {@code offset} of {@code in},
     * into the same place of {@code out}.
     */
    void polarFilterRows(cl_mem circulantKernels, cl_mem filteredRows, cl_mem in, int offset, cl_mem out) {
        polarFilterRows.args(nx, ny, circulantKernels, filteredRows, offset, in, out).launch(n);
    }

    /**
     * Whether the FFT form of the polar filter runs here: nx a power of two, a work-group of nx/2
     * work items and two rows of nx doubles in local memory.
     */
    boolean polarFilterFftFits() {
        return nx >= 2 && (nx & (nx - 1)) == 0 && polarFilterFft.maxWorkGroupSize() >= nx / 2
                && device.localMemoryBytes() >= 2L * nx * Double.BYTES;
    }

    /**
     * Enqueues the FFT row filter of {@link DevicePolarFilter} on the {@code rows} rows starting at
     * {@code rowStart[g]}, from {@code in} into {@code out}.
     */
    void polarFilterFft(int rows, cl_mem rowStart, cl_mem responses, cl_mem cos, cl_mem sin, cl_mem in, cl_mem out) {
        polarFilterFft.args(nx, rowStart, responses, cos, sin, in, out).localArg(7, (long) nx * Double.BYTES)
                .localArg(8, (long) nx * Double.BYTES).launch(rows * (nx / 2), nx / 2);
    }

    /** Enqueues {@code out = s a} over {@code length} values. */
    public void scale(int length, double s, cl_mem a, cl_mem out) {
        scale.args(length, s, a, out).launch(length);
    }

    /** Enqueues {@code out = c0 x + c1 y} over {@code length} values (out may be x or y). */
    public void combine(int length, double c0, cl_mem x, double c1, cl_mem y, cl_mem out) {
        combine2.args(length, c0, x, c1, y, out).launch(length);
    }

    /** Enqueues {@code out = c0 x + c1 y + c2 z} (summed left to right) over {@code length} values. */
    public void combine(int length, double[] c, cl_mem x, cl_mem y, cl_mem z, cl_mem out) {
        combine3.args(length, c[0], x, c[1], y, c[2], z, out).launch(length);
    }

    /** Enqueues {@code out = c0 x + c1 y + c2 z + c3 v} (summed left to right) over {@code length} values. */
    public void combine(int length, double[] c, cl_mem x, cl_mem y, cl_mem z, cl_mem v, cl_mem out) {
        combine4.args(length, c[0], x, c[1], y, c[2], z, c[3], v, out).launch(length);
    }
}
