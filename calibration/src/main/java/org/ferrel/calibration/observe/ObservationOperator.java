package org.ferrel.calibration.observe;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;

/**
 * An observation operator H: a linear map from a model field at the cell centres of a
 * latitude-longitude grid (shape [ny, nx], row-major with latitude outer) to a vector of observed
 * values, {@code y = H x}. Applied through {@link Ops} it is differentiable in both modes (its
 * adjoint is {@code H^T}); applied to a plain array it gives the same values without a tape.
 *
 * <p>Implementations: {@link PointInterpolation} (bilinear, to points), {@link ConservativeRegridding}
 * (area-weighted, to the cells of an observation grid), {@link ZonalMean} (area-weighted zonal means
 * at observed latitudes), and {@link MaskedOperator} (any of them with points dropped).
 */
public interface ObservationOperator {
    /** Number of observed values. */
    int size();

    /** The observed values of a centred field of shape [ny, nx], as a vector of shape [size()]. */
    Tensor apply(Ops o, Tensor centred);

    /** Plain version of {@link #apply(Ops, Tensor)}: a field of ny * nx values, latitude outer. */
    double[] apply(double[] centred);

    /**
     * The same operator restricted to the values whose {@code keep} entry is true (for example
     * where observations exist), in the same order.
     *
     * @throws IllegalArgumentException when {@code keep} does not have {@link #size()} entries
     */
    ObservationOperator select(boolean[] keep);

    /** What the operator does, in words for reports ("bilinear interpolation to 1860 points"). */
    String description();
}
