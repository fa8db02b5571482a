package org.ferrel.dycore.shallowwater;

import java.util.ArrayList;
import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.primitives.CsrMatrix;
import org.ferrel.autodiff.primitives.SparseMultiply;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.model.StateVector;
import org.ferrel.dycore.model.TendencyFilter;

/**
 * Fourier polar filter on the tendencies of a latitude-longitude grid (Arakawa and Lamb 1977;
 * Williamson and Laprise 2000): poleward of the critical latitude phi_c, zonal wavenumber k of
 * every tendency row is multiplied by
 * <pre>S(k, phi) = min(1, cos(phi) / (cos(phi_c) sin(k dLambda / 2)))</pre>
 * which caps the frequency of the fastest zonal gravity waves at their value at phi_c. The time
 * step is then set by the zonal spacing at phi_c instead of the one next to the pole (at 2.8 deg,
 * 156 km at 60 deg against 7.6 km in the polar row: about 20 times longer steps).
 *
 * <p>The filter is linear, symmetric (a circulant matrix per row, applied as one block-diagonal
 * sparse product, so its adjoint is itself) and keeps zonal means, hence the mass. Why this remedy:
 * it keeps the explicit, fully local dynamics (whose adjoint stays a gather-form stencil) and
 * costs one filtering per row. The rows are filtered by FFT in a fused kernel, O(nx log nx) time and
 * O(nx) memory per row: radix-2 for nx a power of two, Bluestein's chirp-z transform otherwise
 * ({@link BluesteinRows}). The dense circulant is built only for the composite form (second
 * derivatives) and {@link #applyAsSparseMatrices}.
 */
public final class PolarFilter implements TendencyFilter {
    private final LatLonGrid grid;
    private final double criticalLatitude;
    private final double[] centreLatitudes;
    private final double[] faceLatitudes;
    private final org.ferrel.autodiff.Primitive centerRows;
    private final org.ferrel.autodiff.Primitive vRows;

    /** @param criticalLatitude phi_c [rad], between 0 and pi/2 */
    public PolarFilter(LatLonGrid grid, double criticalLatitude) {
        if (!(criticalLatitude > 0 && criticalLatitude < Math.PI / 2)) {
            throw new IllegalArgumentException("polar filter: critical latitude must be in (0, 90) degrees, got "
                    + Math.toDegrees(criticalLatitude));
        }
        this.grid = grid;
        this.criticalLatitude = criticalLatitude;
        double[] centre = new double[grid.ny()];
        double[] face = new double[grid.ny()];
        for (int j = 0; j < grid.ny(); j++) {
            centre[j] = grid.latitude(j);
            face[j] = j == grid.ny() - 1 ? Math.PI / 2 : grid.faceLatitude(j);
        }
        this.centreLatitudes = centre;
        this.faceLatitudes = face;
        this.centerRows = new RowFilter("polarFilter(centre rows)", centre);
        this.vRows = new RowFilter("polarFilter(v rows)", face);
    }

    public double criticalLatitude() {
        return criticalLatitude;
    }

    /** Response of zonal wavenumber k at latitude phi. */
    public double response(int k, double phi) {
        if (k == 0 || Math.abs(phi) <= criticalLatitude) {
            return 1.0;
        }
        double s = Math.sin(k * grid.dLambda() / 2);
        return Math.min(1.0, Math.cos(phi) / (Math.cos(criticalLatitude) * s));
    }

    private CsrMatrix matrix(double[] latitudes) {
        int nx = grid.nx();
        int ny = grid.ny();
        List<int[]> index = new ArrayList<>();
        List<Double> value = new ArrayList<>();
        for (int j = 0; j < ny; j++) {
            if (Math.abs(latitudes[j]) <= criticalLatitude) {
                for (int i = 0; i < nx; i++) {
                    index.add(new int[] {j * nx + i, j * nx + i});
                    value.add(1.0);
                }
                continue;
            }
            // circulant kernel c[d] = (1/nx) sum_k S_k cos(2 pi k d / nx)
            double[] kernel = new double[nx];
            for (int d = 0; d < nx; d++) {
                double sum = response(0, latitudes[j]);
                for (int k = 1; k <= nx / 2; k++) {
                    double weight = (nx % 2 == 0 && k == nx / 2) ? 1.0 : 2.0;
                    sum += weight * response(k, latitudes[j]) * Math.cos(2 * Math.PI * k * d / nx);
                }
                kernel[d] = sum / nx;
            }
            for (int i = 0; i < nx; i++) {
                for (int i2 = 0; i2 < nx; i2++) {
                    index.add(new int[] {j * nx + i, j * nx + i2});
                    value.add(kernel[Math.floorMod(i - i2, nx)]);
                }
            }
        }
        int[] r = new int[value.size()];
        int[] c = new int[value.size()];
        double[] v = new double[value.size()];
        for (int p = 0; p < v.length; p++) {
            r[p] = index.get(p)[0];
            c[p] = index.get(p)[1];
            v[p] = value.get(p);
        }
        return CsrMatrix.fromTriplets(nx * ny, nx * ny, r, c, v);
    }

    private Tensor filter(Ops o, org.ferrel.autodiff.Primitive operator, Tensor field) {
        if (field == null) {
            return null;
        }
        if (operator instanceof SparseMultiply m) {
            Shape shape = field.shape();
            if (shape.rank() == 3) {
                // a stack of levels: the block-circulant matrix of one level, level by level
                Tensor[] levels = new Tensor[shape.dim(0)];
                for (int k = 0; k < levels.length; k++) {
                    levels[k] = o.reshape(filter(o, operator, o.reshape(o.slice(field, 0, k, k + 1), grid.shape())),
                            Shape.of(1, grid.ny(), grid.nx()));
                }
                return o.concat(0, levels);
            }
            return o.reshape(o.multiply(m, o.reshape(field, Shape.of(shape.size()))), shape);
        }
        return o.bind(operator, field);
    }

    /** Whether a shape is a field of this grid, {@code [ny, nx]}, or a stack of levels {@code [nz, ny, nx]}. */
    private boolean isGridField(Shape s) {
        return s.equals(grid.shape()) || s.rank() == 3 && s.dim(1) == grid.ny() && s.dim(2) == grid.nx();
    }

    /**
     * Filters one field of this grid, {@code [ny, nx]} or a stack of levels {@code [nz, ny, nx]}
     * (each level row by row): at centre and u rows, or at v rows (the faces' latitudes).
     */
    public Tensor filterField(Ops o, Tensor field, boolean atVFaces) {
        if (field != null && !isGridField(field.shape())) {
            throw new org.ferrel.autodiff.ShapeMismatchException("polar filter: expects a field of shape " + grid.shape()
                    + " or [nz, " + grid.ny() + ", " + grid.nx() + "], got " + field.shape());
        }
        return filter(o, atVFaces ? vRows : centerRows, field);
    }

    /**
     * The filter of one set of rows as a fused kernel: FFT per row (O(nx log nx)). The operator is
     * linear and symmetric, so its tangent and adjoint kernels are the filter itself; its composite
     * form (for second derivatives) is the same operator as a block-circulant sparse matrix, built
     * on first use.
     */
    private final class RowFilter extends org.ferrel.autodiff.FusedKernel {
        private final String name;
        private final double[] latitudes;
        private final double[][] response;
        private final int[] first;
        private final int[] second;
        private final double[][] itemResponse;
        private final double[] cos;
        private final double[] sin;
        /** The transform for rows whose length is not a power of two, or null. */
        private final BluesteinRows bluestein;
        private SparseMultiply composite;

        RowFilter(String name, double[] latitudes) {
            this.name = name;
            this.latitudes = latitudes;
            int nx = grid.nx();
            this.response = new double[grid.ny()][];
            for (int j = 0; j < grid.ny(); j++) {
                if (Math.abs(latitudes[j]) > criticalLatitude) {
                    response[j] = new double[nx / 2 + 1];
                    for (int k = 0; k <= nx / 2; k++) {
                        response[j][k] = response(k, latitudes[j]);
                    }
                }
            }
            // pair rows with equal responses (mirror latitudes) so that one complex FFT filters two rows
            java.util.List<int[]> items = new java.util.ArrayList<>();
            boolean[] used = new boolean[grid.ny()];
            for (int j = 0; j < grid.ny(); j++) {
                if (used[j]) {
                    continue;
                }
                used[j] = true;
                int partner = -1;
                for (int j2 = j + 1; j2 < grid.ny() && partner < 0; j2++) {
                    boolean same = response[j] == null ? response[j2] == null
                            : response[j2] != null && close(response[j], response[j2]);
                    if (!used[j2] && same) {
                        partner = j2;
                    }
                }
                if (partner >= 0) {
                    used[partner] = true;
                }
                items.add(new int[] {j, partner});
            }
            this.first = new int[items.size()];
            this.second = new int[items.size()];
            this.itemResponse = new double[items.size()][];
            this.bluestein = FourierKernels.isPowerOfTwo(nx) ? null : new BluesteinRows(nx);
            for (int m = 0; m < items.size(); m++) {
                first[m] = items.get(m)[0];
                second[m] = items.get(m)[1];
                itemResponse[m] = response[first[m]] == null ? null : bluestein != null
                        ? BluesteinRows.fullResponse(response[first[m]], nx)
                        : FourierKernels.bitReversedResponse(response[first[m]], nx);
            }
            double[][] t = bluestein != null ? new double[][] {null, null} : FourierKernels.twiddles(nx);
            this.cos = t[0];
            this.sin = t[1];
        }

        @Override
        public String name() {
            return name;
        }

        /** Responses equal to rounding (mirror latitudes differ in the last bit of cos). */
        private static boolean close(double[] a, double[] b) {
            for (int k = 0; k < a.length; k++) {
                if (Math.abs(a[k] - b[k]) > 1e-14) {
                    return false;
                }
            }
            return true;
        }

        /** Work items of the kernel: rows filtered alone or in pairs. */
        int workItems() {
            return first.length;
        }

        @Override
        public Shape outputShape(Shape[] inputs) {
            if (inputs.length != 1 || !isGridField(inputs[0])) {
                throw new org.ferrel.autodiff.ShapeMismatchException(name + ": expects one field of shape " + grid.shape()
                        + " or a stack of levels [nz, " + grid.ny() + ", " + grid.nx() + "], got "
                        + java.util.Arrays.toString(inputs));
            }
            return inputs[0];
        }

        private void apply(org.ferrel.autodiff.exec.Backend backend, double[] x, double[] out) {
            int nx = grid.nx();
            int levelSize = grid.nx() * grid.ny();
            int levels = x.length / levelSize;
            if (bluestein != null) {
                backend.forRange(levels * first.length, 80 * nx, (f, t) -> bluestein.filterRowPairs(x, out, levelSize,
                        first, second, itemResponse, f, t));
                return;
            }
            backend.forRange(levels * first.length, 20 * nx, (f, t) -> FourierKernels.filterRowPairs(x, out, nx,
                    levelSize, first, second, itemResponse, cos, sin, f, t));
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

        /** Linear: the reverse rule reads neither the inputs' values nor the output's. */
        @Override
        public boolean vjpReadsInputs() {
            return false;
        }

        @Override
        public boolean vjpReadsOutput() {
            return false;
        }

        @Override
        public void evaluate(org.ferrel.autodiff.exec.Backend backend, double[][] in, Shape[] shapes, double[] out,
                             Shape outShape) {
            apply(backend, in[0], out);
        }

        @Override
        protected void tangent(org.ferrel.autodiff.exec.Backend backend, double[][] primals, double[][] tangents,
                               Shape[] shapes, double[] output, double[] tangentOut) {
            apply(backend, tangents[0], tangentOut);
        }

        @Override
        protected void adjoint(org.ferrel.autodiff.exec.Backend backend, double[][] primals, Shape[] shapes,
                               double[] output, double[] cotangent, double[][] adjointsOut) {
            if (adjointsOut[0] != null) {
                apply(backend, cotangent, adjointsOut[0]);
            }
        }

        @Override
        public Tensor composite(Ops o, Tensor[] inputs) {
            synchronized (this) {
                if (composite == null) {
                    composite = new SparseMultiply(matrix(latitudes));
                }
            }
            return filter(o, composite, inputs[0]);
        }
    }

    /** How many FFT work items filter the centre rows (pairs of mirror rows count once); -1 without FFT. */
    public int centreRowWorkItems() {
        return centerRows instanceof RowFilter r ? r.workItems() : -1;
    }

    /** The same filter as block-circulant sparse matrices, for any nx (the reference form). */
    public State applyAsSparseMatrices(Ops o, State tendency) {
        SparseMultiply c = new SparseMultiply(matrix(centreLatitudes));
        SparseMultiply v = new SparseMultiply(matrix(faceLatitudes));
        return new State(filter(o, c, tendency.h()), filter(o, c, tendency.u()), filter(o, v, tendency.v()));
    }

    /** The filtered tendency: centre and u-face fields by the centre rows' responses, v-face fields by the faces'. */
    @Override
    public <S extends StateVector<S>> S apply(Ops o, S tendency) {
        Tensor[] fields = tendency.toArray();
        org.ferrel.dycore.grid.Location[] at = tendency.locations();
        Tensor[] filtered = new Tensor[fields.length];
        for (int f = 0; f < fields.length; f++) {
            if (at[f] == org.ferrel.dycore.grid.Location.CORNER) {
                throw new IllegalArgumentException("polar filter: no response for corner fields");
            }
            filtered[f] = filter(o, at[f] == org.ferrel.dycore.grid.Location.V_FACE ? vRows : centerRows, fields[f]);
        }
        return tendency.withFields(filtered);
    }

    /** The zonal spacing at the critical latitude (or of the most poleward row, if nearer the equator) [m]. */
    @Override
    public double effectiveMinimumDx(Grid g) {
        return grid.radius() * Math.cos(Math.min(criticalLatitude, Math.abs(grid.latitude(0)))) * grid.dLambda();
    }

    @Override
    public String toString() {
        return "polarFilter(" + Math.toDegrees(criticalLatitude) + " deg)";
    }
}
