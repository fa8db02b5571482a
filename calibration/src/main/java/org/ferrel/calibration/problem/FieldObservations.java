package org.ferrel.calibration.problem;

import org.ferrel.calibration.observe.Observations;
import org.ferrel.calibration.observe.ObservationOperator;
import org.ferrel.io.scenario.Observable;

/**
 * Observations of one model field: the field as its family computes it from the state, and the
 * observed values with the operator that maps the field to them.
 *
 * @param field        the observed model field (any family's)
 * @param observations the values, errors and operator
 * @param <S>          the model's state
 */
public record FieldObservations<S>(Observable<S> field, Observations observations) {

    public String name() {
        return observations.name();
    }

    public ObservationOperator operator() {
        return observations.operator();
    }

    public double[] values() {
        return observations.values();
    }

    public double[] sigma() {
        return observations.sigma();
    }

    public int size() {
        return observations.size();
    }
}
