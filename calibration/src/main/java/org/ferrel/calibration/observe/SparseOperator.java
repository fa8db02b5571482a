package org.ferrel.calibration.observe;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;

/** An observation operator that is one {@link SparseLinearMap}: how it applies, shared by its kinds. */
abstract sealed class SparseOperator implements ObservationOperator
        permits PointInterpolation, ConservativeRegridding, ZonalMean {
    final SparseLinearMap map;

    SparseOperator(SparseLinearMap map) {
        this.map = map;
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public Tensor apply(Ops o, Tensor centred) {
        return map.apply(o, centred);
    }

    @Override
    public double[] apply(double[] centred) {
        return map.apply(centred);
    }
}
