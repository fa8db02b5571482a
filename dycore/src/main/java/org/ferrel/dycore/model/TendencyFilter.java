package org.ferrel.dycore.model;

import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.grid.Grid;

/**
 * A linear filter applied to the total tendency of any core (e.g. a polar filter), field by field
 * according to where each field lives ({@link StateVector#locations()}); {@link #NONE} does nothing.
 */
public interface TendencyFilter {
    TendencyFilter NONE = new TendencyFilter() {
        @Override
        public <S extends StateVector<S>> S apply(Ops o, S tendency) {
            return tendency;
        }

        @Override
        public double effectiveMinimumDx(Grid grid) {
            double min = Double.MAX_VALUE;
            for (double d : grid.dxAtCenterRow()) {
                min = Math.min(min, d);
            }
            return min;
        }

        @Override
        public String toString() {
            return "none";
        }
    };

    /** The filtered tendency: new tensors, or the given ones where nothing changes; null fields stay null. */
    <S extends StateVector<S>> S apply(Ops o, S tendency);

    /** The smallest x-spacing that limits the time step once the filter is applied [m]. */
    double effectiveMinimumDx(Grid grid);
}
