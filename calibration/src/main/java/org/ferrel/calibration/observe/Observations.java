package org.ferrel.calibration.observe;

/**
 * Observed values at points, with their error standard deviations and the operator that maps a model
 * field to the points (which field: {@link org.ferrel.calibration.problem.FieldObservations}); the misfit
 * enters the cost as whitened residuals {@code (H x - y) / sigma}. Points whose observation is
 * missing (NaN) are dropped when the set is built.
 *
 * @param name     a label for reports ("z500 January", "u500")
 * @param operator interpolation from the model grid to the points
 * @param values   observed values y, one per point
 * @param sigma    observation error standard deviations, positive, one per point
 */
public record Observations(String name, PointInterpolation operator, double[] values, double[] sigma) {
    public Observations {
        if (values.length != operator.size() || sigma.length != operator.size()) {
            throw new IllegalArgumentException("observations '" + name + "': " + values.length + " values and "
                    + sigma.length + " errors for " + operator.size() + " points");
        }
        for (int k = 0; k < sigma.length; k++) {
            if (!(sigma[k] > 0) || !Double.isFinite(values[k])) {
                throw new IllegalArgumentException("observations '" + name + "': point " + k + " has value " + values[k]
                        + " and error " + sigma[k] + "; expected a finite value and a positive error");
            }
        }
        values = values.clone();
        sigma = sigma.clone();
    }

    /**
     * Observations on the points of an interpolation, with one error for all; NaN values are dropped.
     *
     * @throws IllegalArgumentException when every value is missing
     */
    public static Observations of(String name, PointInterpolation operator, double[] values, double sigma) {
        boolean[] keep = new boolean[values.length];
        int n = 0;
        for (int k = 0; k < values.length; k++) {
            keep[k] = Double.isFinite(values[k]);
            n += keep[k] ? 1 : 0;
        }
        if (n == 0) {
            throw new IllegalArgumentException("observations '" + name + "': all " + values.length + " values are missing (NaN)");
        }
        double[] y = new double[n];
        int q = 0;
        for (int k = 0; k < values.length; k++) {
            if (keep[k]) {
                y[q++] = values[k];
            }
        }
        double[] s = new double[n];
        java.util.Arrays.fill(s, sigma);
        return new Observations(name, n == values.length ? operator : operator.select(keep), y, s);
    }

    public int size() {
        return values.length;
    }
}
