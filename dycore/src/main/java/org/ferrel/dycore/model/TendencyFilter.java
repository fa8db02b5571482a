package org.ferrel.dycore.model;

import org.ferrel.autodiff.Ops;
import org.ferrel.dycore.grid.Grid;

/** A linear filter applied to the total tendency (e.g. a polar filter); {@link #NONE} does nothing. */
public interface TendencyFilter {
    TendencyFilter NONE = new TendencyFilter() {
        @Override
        public State apply(Ops o, State tendency) {
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

    State apply(Ops o, State tendency);

    /** The smallest x-spacing that limits the time step once the filter is applied [m]. */
    double effectiveMinimumDx(Grid grid);
}
