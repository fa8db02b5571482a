package org.ferrel.gpu.opencl;

import java.util.ArrayList;
import java.util.List;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.jocl.cl_mem;

/**
 * The device form of the dycore's {@link PolarFilter}: zonal wavenumber k of every row poleward of
 * the critical latitude multiplied by the filter's {@link PolarFilter#response}, centre and u rows at
 * the centres' latitudes, v rows at the faces'. Two forms:
 * <ul>
 *   <li>by FFT (nx a power of two that fits a work-group): one work-group per filtered row, radix-2
 *       stages in local memory, O(nx log nx) per row;</li>
 *   <li>otherwise as the circulant matrix of {@link PolarFilter#applyAsSparseMatrices}, kernel
 *       {@code c[d] = (1/nx) sum_k w_k S(k, phi) cos(2 pi k d / nx)} (w_0 = 1, w_k = 2, w_{nx/2} = 1 for
 *       even nx), applied as a direct convolution, O(nx) per cell.</li>
 * </ul>
 * The Java filter pairs mirror rows in one complex FFT, so the two agree to round-off, not
 * bitwise. The filter is symmetric: it is its own adjoint.
 */
final class DevicePolarFilter {
    private final ShallowWaterKernels kernels;
    private final OpenClDevice device;
    private final int n;
    private final int rowCount;
    private final boolean fft;
    // convolution form
    private cl_mem centreKernel;
    private cl_mem centreFiltered;
    private cl_mem faceKernel;
    private cl_mem faceFiltered;
    // FFT form: the filtered rows of all three fields, their responses, the twiddles
    private int fftRows;
    private cl_mem rowStart;
    private cl_mem responses;
    private cl_mem cos;
    private cl_mem sin;

    DevicePolarFilter(ShallowWaterKernels kernels, PolarFilter filter, LatLonGrid grid) {
        this(kernels, filter, grid, true);
    }

    /** With {@code allowFft} false, the convolution form whatever nx (tests compare the two). */
    DevicePolarFilter(ShallowWaterKernels kernels, PolarFilter filter, LatLonGrid grid, boolean allowFft) {
        this.kernels = kernels;
        this.device = kernels.device();
        this.n = grid.nx() * grid.ny();
        this.rowCount = grid.ny();
        double[] centre = new double[grid.ny()];
        double[] face = new double[grid.ny()];
        for (int j = 0; j < grid.ny(); j++) {
            centre[j] = grid.latitude(j);
            face[j] = j == grid.ny() - 1 ? Math.PI / 2 : grid.faceLatitude(j);
        }
        this.fft = allowFft && kernels.polarFilterFftFits();
        if (fft) {
            buildFft(filter, grid, centre, face);
        } else {
            this.centreKernel = device.buffer(circulantKernels(filter, grid, centre));
            this.centreFiltered = device.intBuffer(filteredRows(filter, centre));
            this.faceKernel = device.buffer(circulantKernels(filter, grid, face));
            this.faceFiltered = device.intBuffer(filteredRows(filter, face));
        }
    }

    /**
     * Fields of n doubles one application reads and writes in global memory (a model): the
     * convolution 3 + 3 (its row kernels stay in cache); the FFT form the copy of all rows (3 + 3)
     * and each filtered row read and written once more.
     */
    double fieldsPerApplication() {
        return fft ? 6.0 + 2.0 * fftRows / rowCount : 6.0;
    }

    /** Whether the FFT form runs. */
    boolean usesFft() {
        return fft;
    }

    private void buildFft(PolarFilter filter, LatLonGrid grid, double[] centre, double[] face) {
        int nx = grid.nx();
        List<Integer> starts = new ArrayList<>();
        List<double[]> rowResponses = new ArrayList<>();
        double[][] latitudesOfField = {centre, centre, face};
        for (int f = 0; f < 3; f++) {
            for (int j = 0; j < grid.ny(); j++) {
                double phi = latitudesOfField[f][j];
                if (Math.abs(phi) > filter.criticalLatitude()) {
                    starts.add(f * n + j * nx);
                    rowResponses.add(bitReversedResponse(filter, phi, nx));
                }
            }
        }
        this.fftRows = starts.size();
        int[] start = new int[fftRows];
        double[] response = new double[fftRows * nx];
        for (int g = 0; g < fftRows; g++) {
            start[g] = starts.get(g);
            System.arraycopy(rowResponses.get(g), 0, response, g * nx, nx);
        }
        double[] c = new double[nx / 2];
        double[] s = new double[nx / 2];
        for (int k = 0; k < nx / 2; k++) {
            c[k] = Math.cos(2 * Math.PI * k / nx);
            s[k] = Math.sin(2 * Math.PI * k / nx);
        }
        this.rowStart = device.intBuffer(start);
        this.responses = device.buffer(response);
        this.cos = device.buffer(c);
        this.sin = device.buffer(s);
    }

    /**
     * The response of a row in the bit-reversed order of the forward transform's output, with the
     * inverse transform's 1/nx folded in: position p holds {@code S(min(k, nx - k)) / nx}, k the bit
     * reversal of p.
     */
    static double[] bitReversedResponse(PolarFilter filter, double phi, int nx) {
        int bits = Integer.numberOfTrailingZeros(nx);
        double[] r = new double[nx];
        for (int p = 0; p < nx; p++) {
            int k = Integer.reverse(p) >>> (32 - bits);
            r[p] = filter.response(Math.min(k, nx - k), phi) * (1.0 / nx);
        }
        return r;
    }

    private static int[] filteredRows(PolarFilter filter, double[] latitudes) {
        int[] filtered = new int[latitudes.length];
        for (int j = 0; j < latitudes.length; j++) {
            filtered[j] = Math.abs(latitudes[j]) > filter.criticalLatitude() ? 1 : 0;
        }
        return filtered;
    }

    /** The first column of each filtered row's circulant matrix, [ny * nx] (zeros in unfiltered rows). */
    static double[] circulantKernels(PolarFilter filter, LatLonGrid grid, double[] latitudes) {
        int nx = grid.nx();
        double[] kernel = new double[grid.ny() * nx];
        for (int j = 0; j < grid.ny(); j++) {
            if (Math.abs(latitudes[j]) <= filter.criticalLatitude()) {
                continue;
            }
            for (int d = 0; d < nx; d++) {
                double sum = filter.response(0, latitudes[j]);
                for (int k = 1; k <= nx / 2; k++) {
                    double weight = (nx % 2 == 0 && k == nx / 2) ? 1.0 : 2.0;
                    sum += weight * filter.response(k, latitudes[j]) * Math.cos(2 * Math.PI * k * d / nx);
                }
                kernel[j * nx + d] = sum / nx;
            }
        }
        return kernel;
    }

    /** Enqueues {@code out = P in} for a tendency or cotangent [h | u | v] (out must not be in). */
    void apply(cl_mem in, cl_mem out) {
        if (fft) {
            device.copy(in, out, 3 * n);
            if (fftRows > 0) {
                kernels.polarFilterFft(fftRows, rowStart, responses, cos, sin, in, out);
            }
            return;
        }
        kernels.polarFilterRows(centreKernel, centreFiltered, in, 0, out);
        kernels.polarFilterRows(centreKernel, centreFiltered, in, n, out);
        kernels.polarFilterRows(faceKernel, faceFiltered, in, 2 * n, out);
    }
}
