package org.ferrel.gpu.opencl;

import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.jocl.cl_mem;

/**
 * The device form of the dycore's {@link PolarFilter}: per row poleward of the critical latitude,
 * the circulant matrix with kernel {@code c[d] = (1/nx) sum_k w_k S(k, phi) cos(2 pi k d / nx)}
 * (w_0 = 1, w_k = 2, w_{nx/2} = 1 for even nx; S the filter's {@link PolarFilter#response}), the
 * matrix of {@link PolarFilter#applyAsSparseMatrices}, applied as a direct convolution per cell
 * (O(nx) per cell, where the Java filter runs an FFT per row: the two agree to round-off, not
 * bitwise). Centre and u rows use the centres' latitudes, v rows the faces'. Symmetric, so it is
 * its own adjoint.
 */
final class DevicePolarFilter {
    private final ShallowWaterKernels kernels;
    private final int n;
    private final cl_mem centreKernel;
    private final cl_mem centreFiltered;
    private final cl_mem faceKernel;
    private final cl_mem faceFiltered;

    DevicePolarFilter(ShallowWaterKernels kernels, PolarFilter filter, LatLonGrid grid) {
        this.kernels = kernels;
        this.n = grid.nx() * grid.ny();
        double[] centre = new double[grid.ny()];
        double[] face = new double[grid.ny()];
        for (int j = 0; j < grid.ny(); j++) {
            centre[j] = grid.latitude(j);
            face[j] = j == grid.ny() - 1 ? Math.PI / 2 : grid.faceLatitude(j);
        }
        OpenClDevice device = kernels.device();
        this.centreKernel = device.buffer(circulantKernels(filter, grid, centre));
        this.centreFiltered = device.intBuffer(filteredRows(filter, centre));
        this.faceKernel = device.buffer(circulantKernels(filter, grid, face));
        this.faceFiltered = device.intBuffer(filteredRows(filter, face));
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
        kernels.polarFilterRows(centreKernel, centreFiltered, in, 0, out);
        kernels.polarFilterRows(centreKernel, centreFiltered, in, n, out);
        kernels.polarFilterRows(faceKernel, faceFiltered, in, 2 * n, out);
    }
}
