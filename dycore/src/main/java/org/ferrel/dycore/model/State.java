package org.ferrel.dycore.model;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;

/**
 * The shallow-water state on the C-grid: layer depth h at centres [m], eastward velocity u at
 * u-faces and northward velocity v at v-faces [m/s], each of shape [ny, nx].
 */
public record State(Tensor h, Tensor u, Tensor v) implements StateVector<State> {
    public static final String[] NAMES = {"h", "u", "v"};

    @Override
    public Tensor[] toArray() {
        return new Tensor[] {h, u, v};
    }

    @Override
    public State withFields(Tensor[] fields) {
        return of(fields);
    }

    @Override
    public org.ferrel.dycore.grid.Location[] locations() {
        return new org.ferrel.dycore.grid.Location[] {org.ferrel.dycore.grid.Location.CENTER,
            org.ferrel.dycore.grid.Location.U_FACE, org.ferrel.dycore.grid.Location.V_FACE};
    }

    public static State of(Tensor[] t) {
        return new State(t[0], t[1], t[2]);
    }

    public State times(Ops o, double s) {
        return new State(o.mul(h, s), o.mul(u, s), o.mul(v, s));
    }
}
