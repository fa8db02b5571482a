package org.ferrel.physics.basis;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.LatLonGrid;

/**
 * A few smooth functions on the cell centres of a latitude-longitude grid, to express a field by
 * its coefficients: {@code f(lambda, phi) = sum_k c_k B_k(lambda, phi)}. The field is one matrix
 * product, so it is differentiable in the coefficients (and cheap: K columns).
 *
 * @param name   what the functions are, e.g. "zonal Legendre P_0..P_4"
 * @param labels one label per function, e.g. "P2" or "Y(2,-1)"
 * @param grid   the grid
 * @param zonal  whether the functions depend on latitude only (values per row, shape [ny, K])
 * @param values the functions at the centres: [ny, K] when zonal, else [ny * nx, K], row-major
 */
public record Basis(String name, java.util.List<String> labels, LatLonGrid grid, boolean zonal, double[] values) {

    public Basis {
        labels = java.util.List.copyOf(labels);
        int rows = zonal ? grid.ny() : grid.ny() * grid.nx();
        if (values.length != rows * labels.size()) {
            throw new IllegalArgumentException("basis '" + name + "': " + values.length + " values for " + rows + " points x "
                    + labels.size() + " functions");
        }
    }

    /** Number of functions K. */
    public int size() {
        return labels.size();
    }

    /** The value of function k at centre (j, i). */
    public double value(int k, int j, int i) {
        int row = zonal ? j : j * grid.nx() + i;
        return values[row * size() + k];
    }

    /** The field of coefficients {@code c} (shape [K]) on the grid's centres, shape [ny, nx]. */
    public Tensor field(Ops o, Tensor coefficients) {
        if (coefficients.shape().size() != size()) {
            throw new IllegalArgumentException("basis '" + name + "' has " + size() + " functions, got "
                    + coefficients.shape().size() + " coefficients");
        }
        Tensor c = o.reshape(coefficients, Shape.of(size(), 1));
        int rows = zonal ? grid.ny() : grid.ny() * grid.nx();
        Tensor m = o.matmul(o.constant(Shape.of(rows, size()), values), c);
        if (zonal) {
            return o.broadcastTo(m, grid.shape());
        }
        return o.reshape(m, grid.shape());
    }

    /** The field of coefficients as plain values [ny * nx]. */
    public double[] field(double[] coefficients) {
        int nx = grid.nx();
        int ny = grid.ny();
        double[] out = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double s = 0;
                for (int k = 0; k < size(); k++) {
                    s += coefficients[k] * value(k, j, i);
                }
                out[j * nx + i] = s;
            }
        }
        return out;
    }
}
