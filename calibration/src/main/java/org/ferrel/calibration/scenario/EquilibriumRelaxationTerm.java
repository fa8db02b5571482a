package org.ferrel.calibration.scenario;

import org.ferrel.io.config.ConfigNode;
import org.ferrel.io.scenario.shallowwater.TermProvider;
import org.ferrel.physics.basis.Basis;
import org.ferrel.physics.forcing.EquilibriumRelaxation;

/**
 * {@code equilibriumRelaxation} in a scenario's {@code terms:} — {@link EquilibriumRelaxation}:
 * <pre>
 * equilibriumRelaxation:
 *   basis: {type: spherical, minDegree: 0, maxDegree: 4}
 *   timeScale: 5 days            # tau (and its prior mean)
 *   timeScaleSpread: 3 days      # tau's prior standard deviation
 *   coefficients: [5500]         # the first coefficients [m] (and prior means); the rest 0; default: the mean initial depth
 *   coefficientSpread: 300       # every coefficient's prior standard deviation [m]
 * </pre>
 */
public final class EquilibriumRelaxationTerm implements TermProvider {
    @Override
    public String key() {
        return "equilibriumRelaxation";
    }

    @Override
    public Builder parse(ConfigNode c) {
        c.allowOnly("basis", "timeScale", "timeScaleSpread", "coefficients", "coefficientSpread");
        BasisOptions basis = BasisOptions.parse(c);
        double tau = c.duration("timeScale", 5 * 86400, 3600, 1e9);
        double tauSpread = c.duration("timeScaleSpread", 3 * 86400, 1, 1e9);
        double[] given = BasisOptions.numbers(c, "coefficients", basis.size());
        double spread = c.number("coefficientSpread", 500, 1e-9, 1e5, "m");
        return (grid, depth) -> {
            Basis b = basis.on(grid);
            double[] coefficients = new double[b.size()];
            System.arraycopy(given, 0, coefficients, 0, given.length);
            if (given.length == 0 && basis.minDegree() == 0) {
                double mean = 0;
                for (double h : depth) {
                    mean += h / depth.length;
                }
                coefficients[0] = mean;
            }
            return new EquilibriumRelaxation(b, tau, tauSpread, coefficients, spread);
        };
    }
}
