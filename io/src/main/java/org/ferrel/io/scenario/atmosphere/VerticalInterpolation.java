package org.ferrel.io.scenario.atmosphere;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;

/**
 * A field on sigma levels interpolated to one level per column, linearly in ln sigma, with array
 * operations (so that observations at pressure levels are differentiable in the state, the surface
 * pressure included). Between the outermost levels the interpolation is piecewise linear; above
 * the top level and below the lowest one the nearest segment is extended (linear extrapolation).
 * <pre>
 *   f(x) = f_0 + sum_k s_k (clamp_k(x) - x_k),   s_k = (f_{k+1} - f_k) / (x_{k+1} - x_k)
 * </pre>
 * where clamp_k limits x to [x_k, x_{k+1}], except that the first segment is not limited below and
 * the last not above.
 */
final class VerticalInterpolation {
    private VerticalInterpolation() {
    }

    /**
     * @param field  [nz, ny, nx], level 0 at the top
     * @param levels ln sigma of the levels, increasing (top to bottom)
     * @param target ln sigma of the wanted level per column, [ny, nx]
     * @return the field at the target, [ny, nx]
     */
    static Tensor at(Ops o, Tensor field, double[] levels, Tensor target) {
        Shape plane = target.shape();
        int nz = levels.length;
        Tensor out = layer(o, field, 0, plane);
        for (int k = 0; k < nz - 1; k++) {
            Tensor slope = o.mul(o.sub(layer(o, field, k + 1, plane), layer(o, field, k, plane)), 1.0 / (levels[k + 1] - levels[k]));
            Tensor x = target;
            if (k > 0) {
                x = o.maximum(x, o.full(plane, levels[k]));
            }
            if (k < nz - 2) {
                x = o.minimum(x, o.full(plane, levels[k + 1]));
            }
            out = o.add(out, o.mul(slope, o.add(x, -levels[k])));
        }
        return out;
    }

    private static Tensor layer(Ops o, Tensor field, int k, Shape plane) {
        return o.reshape(o.slice(field, 0, k, k + 1), plane);
    }
}
