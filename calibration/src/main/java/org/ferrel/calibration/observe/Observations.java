package org.ferrel.calibration.observe;

import java.util.Arrays;
import org.ferrel.io.observations.GriddedObservation;
import org.ferrel.io.observations.UnitConversion;

/**
 * Observed values with their error standard deviations and the operator from a model field to them
 * (which field: {@link org.ferrel.calibration.problem.FieldObservations}); the misfit enters the cost
 * as whitened residuals {@code (H x - y) / sigma}. Values whose observation or error is missing (NaN)
 * are dropped when the set is built by a factory, and counted in {@link #dropped()}; the factories'
 * operator is then a {@link MaskedOperator}, which remembers where the kept values were
 * ({@link #onObservationGrid}).
 *
 * @param name     a label for reports ("z500 January", "u500")
 * @param operator H, from the model grid to the observed values
 * @param values   observed values y, one per value of the operator
 * @param sigma    observation error standard deviations, positive, one per value
 * @param dropped  how many values were dropped as missing before the operator was restricted to the rest
 */
public record Observations(String name, ObservationOperator operator, double[] values, double[] sigma,
        int dropped) {
    public Observations {
        if (values.length != operator.size() || sigma.length != operator.size()) {
            throw new IllegalArgumentException("observations '" + name + "': " + values.length + " values and "
                    + sigma.length + " errors for " + operator.size() + " points (" + operator.description() + ")");
        }
        for (int k = 0; k < sigma.length; k++) {
            if (!(sigma[k] > 0) || !Double.isFinite(sigma[k]) || !Double.isFinite(values[k])) {
                throw new IllegalArgumentException("observations '" + name + "': point " + k + " has value " + values[k]
                        + " and error " + sigma[k] + "; expected a finite value and a finite positive error");
            }
        }
        if (dropped < 0) {
            throw new IllegalArgumentException("observations '" + name + "': dropped count " + dropped + " is negative");
        }
        values = values.clone();
        sigma = sigma.clone();
    }

    /** Observations with nothing dropped. */
    public Observations(String name, ObservationOperator operator, double[] values, double[] sigma) {
        this(name, operator, values, sigma, 0);
    }

    /**
     * Observations on the values of an operator, with one error for all; NaN values are dropped and counted.
     *
     * @throws IllegalArgumentException when every value is missing
     */
    public static Observations of(String name, ObservationOperator operator, double[] values, double sigma) {
        double[] errors = new double[values.length];
        Arrays.fill(errors, sigma);
        return withErrors(name, operator, values, errors);
    }

    /**
     * Observations with an error per value; values whose observation or error is NaN are dropped and
     * counted, and the operator restricted to the rest.
     *
     * @throws IllegalArgumentException when the arrays do not match the operator, every value is missing,
     *                                  or a kept error is not positive (naming the point)
     */
    public static Observations withErrors(String name, ObservationOperator operator, double[] values,
                                          double[] sigma) {
        if (values.length != operator.size() || sigma.length != operator.size()) {
            throw new IllegalArgumentException("observations '" + name + "': " + values.length + " values and "
                    + sigma.length + " errors for " + operator.size() + " points (" + operator.description() + ")");
        }
        double[] present = new double[values.length];
        int n = 0;
        for (int k = 0; k < values.length; k++) {
            present[k] = Double.isNaN(sigma[k]) ? Double.NaN : values[k];
            n += Double.isNaN(present[k]) ? 0 : 1;
        }
        if (n == 0) {
            throw new IllegalArgumentException("observations '" + name + "': all " + values.length + " values are missing (NaN)");
        }
        MaskedOperator kept = operator instanceof MaskedOperator m ? m.withoutMissing(present)
                : MaskedOperator.of(operator, null, present);
        boolean[] keep = new boolean[values.length];
        for (int k = 0; k < values.length; k++) {
            keep[k] = !Double.isNaN(present[k]);
        }
        return new Observations(name, kept, SparseLinearMap.kept(values, keep), SparseLinearMap.kept(sigma, keep),
                values.length - n);
    }

    /**
     * Observations and their errors from two gridded variables of the same grid (each one record, e.g.
     * a climatology's month and its standard deviation); the errors are converted to the values' units
     * as differences (scale only: an error of 1 K is an error of 1 degC), or taken in the values' units
     * when the errors have no units attribute. Missing values or errors are dropped and counted.
     *
     * @param operator from the model grid to the values' grid points, row-major with latitude outer
     * @throws IllegalArgumentException naming the files and variables when grids, record counts or units disagree
     */
    public static Observations fromGridded(String name, ObservationOperator operator,
                                           GriddedObservation observed, GriddedObservation errors) {
        String values = observed.file() + ", variable '" + observed.variable() + "'";
        String sigmas = errors.file() + ", variable '" + errors.variable() + "'";
        if (observed.nt() != 1 || errors.nt() != 1) {
            throw new IllegalArgumentException("observations '" + name + "': " + values + " has " + observed.nt() + " and "
                    + sigmas + " " + errors.nt() + " records; select one record of each");
        }
        if (!Arrays.equals(observed.latitudes(), errors.latitudes()) || !Arrays.equals(observed.longitudes(), errors.longitudes())) {
            throw new IllegalArgumentException("observations '" + name + "': " + sigmas + " is on a " + errors.nx() + " x "
                    + errors.ny() + " lon-lat grid that differs from the " + observed.nx() + " x " + observed.ny()
                    + " grid of " + values + "; the errors must be on the values' grid");
        }
        double[] sigma = errors.field(0);
        if (!errors.units().isBlank()) {
            double scale;
            try {
                scale = UnitConversion.between(errors.units(), observed.units()).scale();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("observations '" + name + "': errors " + sigmas + ": " + e.getMessage(), e);
            }
            for (int k = 0; k < sigma.length; k++) {
                sigma[k] *= Math.abs(scale);
            }
        }
        try {
            return withErrors(name, operator, observed.field(0), sigma);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(values + " with errors from " + sigmas + ": " + e.getMessage(), e);
        }
    }

    public int size() {
        return values.length;
    }

    /**
     * Values per observation (residuals, model equivalents) put back in the places of the values before
     * missing ones and masked ones were dropped, {@code fill} there (for maps on the observation grid).
     */
    public double[] onObservationGrid(double[] perObservation, double fill) {
        if (perObservation.length != values.length) {
            throw new IllegalArgumentException("observations '" + name + "': " + perObservation.length + " values for "
                    + values.length + " observations");
        }
        return operator instanceof MaskedOperator m ? m.scatter(perObservation, fill) : perObservation.clone();
    }
}
