package org.ferrel.calibration.scenario;

import org.ferrel.io.config.ConfigNode;
import org.ferrel.io.scenario.shallowwater.TermProvider;
import org.ferrel.physics.basis.Basis;
import org.ferrel.physics.forcing.BasisForcing;

/**
 * {@code forcing} in a scenario's {@code terms:} — {@link BasisForcing}, a mass source:
 * <pre>
 * forcing:
 *   basis: {type: spherical, minDegree: 1, maxDegree: 3}
 *   coefficients: [1e-5]    # the first coefficients [m/s]; the rest 0
 *   spread: 1e-5            # every coefficient's prior standard deviation [m/s]
 * </pre>
 */
public final class BasisForcingTerm implements TermProvider {
    @Override
    public String key() {
        return "forcing";
    }

    @Override
    public Builder parse(ConfigNode c) {
        c.allowOnly("basis", "coefficients", "spread");
        BasisOptions basis = BasisOptions.parse(c);
        double[] given = BasisOptions.numbers(c, "coefficients", basis.size());
        double spread = c.number("spread", 1e-5, 1e-15, 1, "m/s");
        return (grid, depth) -> {
            Basis b = basis.on(grid);
            double[] coefficients = new double[b.size()];
            System.arraycopy(given, 0, coefficients, 0, given.length);
            return new BasisForcing(b, coefficients, spread);
        };
    }
}
