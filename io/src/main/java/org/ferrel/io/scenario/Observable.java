package org.ferrel.io.scenario;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.ParameterValues;

/**
 * A field of a model's state as observations see it: at the cell centres of the model grid, shape
 * [ny, nx], computed from the state with array operations so that calibration differentiates
 * through it.
 *
 * @param name        what campaign files call it, with its level when it has one (e.g. {@code temperature at sigma 0.995})
 * @param units       its units (UDUNITS syntax)
 * @param description a long name for reports and output
 * @param compute     the field of a state
 * @param <S>         the model's state
 */
public record Observable<S>(String name, String units, String description, Field<S> compute) {

    /** Computes the observed field of a state. */
    @FunctionalInterface
    public interface Field<S> {
        Tensor at(Ops o, S state, ParameterValues p);
    }

    public Tensor at(Ops o, S state, ParameterValues p) {
        return compute.at(o, state, p);
    }
}
