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

    @Override
    public State plus(Ops o, State other) {
        return new State(o.add(h, other.h), o.add(u, other.u), o.add(v, other.v));
    }

    public State times(Ops o, double s) {
        return new State(o.mul(h, s), o.mul(u, s), o.mul(v, s));
    }

    /** {@code a x + b y + c z} (summed left to right), one pass per field: a Runge-Kutta stage. */
    public static State combine(Ops o, double a, State x, double b, State y, double c, State z) {
        return combine(o, new double[] {a, b, c}, x, y, z);
    }

    /** {@code sum k_i s_i} over 2 to 4 states (summed left to right), one pass per field. */
    public static State combine(Ops o, double[] k, State... s) {
        Tensor[] h = new Tensor[s.length];
        Tensor[] u = new Tensor[s.length];
        Tensor[] v = new Tensor[s.length];
        for (int i = 0; i < s.length; i++) {
            h[i] = s[i].h;
            u[i] = s[i].u;
            v[i] = s[i].v;
        }
        return new State(o.linearCombination(k, h), o.linearCombination(k, u), o.linearCombination(k, v));
    }

    /**
     * Hands the fields of intermediates that will not be read again to {@link Ops#recycle} (a plain
     * interpreter reuses their arrays; a tape or dual ignores it). Only for states the caller created.
     */
    public static void recycle(Ops o, State... dead) {
        for (State s : dead) {
            o.recycle(s.h, s.u, s.v);
        }
    }

    /** {@code this + s * other}, one pass per field. */
    @Override
    public State plusScaled(Ops o, State other, double s) {
        return new State(o.addScaled(h, other.h, s), o.addScaled(u, other.u, s), o.addScaled(v, other.v, s));
    }
}
