package org.ferrel.dycore.model;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;

/**
 * What an integrator needs of a core's prognostic state: its fields as tensors, in a fixed order,
 * and a state of the same kind made from new fields. The shallow-water {@link State} and the
 * primitive-equation {@code AtmosphereState} are both state vectors, so every
 * {@link org.ferrel.dycore.time.Integrator} steps either core.
 *
 * @param <S> the concrete state type
 */
public interface StateVector<S extends StateVector<S>> {
    /** The fields in the core's order (a fresh array; a null entry means "no contribution" in a tendency). */
    Tensor[] toArray();

    /** A state of this kind with these fields, in the order of {@link #toArray()}. */
    S withFields(Tensor[] fields);

    /** Where on the C-grid each field lives, in the order of {@link #toArray()} (for filters and output). */
    org.ferrel.dycore.grid.Location[] locations();

    /** {@code this + s * other}, one pass per field. */
    default S plusScaled(Ops o, S other, double s) {
        Tensor[] a = toArray();
        Tensor[] b = other.toArray();
        Tensor[] r = new Tensor[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = o.addScaled(a[i], b[i], s);
        }
        return withFields(r);
    }

    /** {@code this + other}. */
    default S plus(Ops o, S other) {
        Tensor[] a = toArray();
        Tensor[] b = other.toArray();
        Tensor[] r = new Tensor[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = o.add(a[i], b[i]);
        }
        return withFields(r);
    }

    /** {@code sum k_i s_i} over 2 to 4 states (summed left to right), one pass per field: a Runge-Kutta stage. */
    @SafeVarargs
    static <S extends StateVector<S>> S combine(Ops o, double[] k, S... s) {
        Tensor[][] fields = new Tensor[s.length][];
        for (int i = 0; i < s.length; i++) {
            fields[i] = s[i].toArray();
        }
        Tensor[] r = new Tensor[fields[0].length];
        for (int f = 0; f < r.length; f++) {
            Tensor[] terms = new Tensor[s.length];
            for (int i = 0; i < s.length; i++) {
                terms[i] = fields[i][f];
            }
            r[f] = o.linearCombination(k, terms);
        }
        return s[0].withFields(r);
    }

    /**
     * Hands the fields of intermediates that will not be read again to {@link Ops#recycle} (a plain
     * interpreter reuses their arrays; a tape or dual ignores it). Only for states the caller created.
     */
    @SafeVarargs
    static <S extends StateVector<S>> void recycle(Ops o, S... dead) {
        for (S s : dead) {
            o.recycle(s.toArray());
        }
    }
}
