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
 * @param steps        the steps (from 1) whose mean state is observed, increasing (e.g. those of a calendar
 *                     month), or null for the problem's window (its last steps)
 * @param <S>          the model's state
 */
public record FieldObservations<S>(Observable<S> field, Observations observations, int[] steps) {

    public FieldObservations {
        if (steps != null) {
            if (steps.length == 0) {
                throw new IllegalArgumentException("observations '" + observations.name() + "': an empty window of steps");
            }
            for (int k = 0; k < steps.length; k++) {
                if (steps[k] < 1 || (k > 0 && steps[k] <= steps[k - 1])) {
                    throw new IllegalArgumentException("observations '" + observations.name() + "': window steps must be"
                            + " increasing and from 1, got " + steps[k] + " at " + k);
                }
            }
            steps = steps.clone();
        }
    }

    /** Observations of the mean over the problem's window. */
    public FieldObservations(Observable<S> field, Observations observations) {
        this(field, observations, null);
    }

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
