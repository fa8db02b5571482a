package org.ferrel.physics.forcing;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.model.TendencyTerm;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.physics.basis.Basis;

/**
 * Newtonian relaxation of the layer depth toward an equilibrium field given by a few basis
 * coefficients, the shallow-water analogue of radiative relaxation toward an equilibrium temperature
 * (Held &amp; Suarez 1994 in a one-layer model):
 * <pre>
 *   dh/dt = -(h - h_eq) / tau,    h_eq(lambda, phi) = sum_k c_k B_k(lambda, phi)
 * </pre>
 * with B_k zonal Legendre polynomials or real spherical harmonics ({@link org.ferrel.physics.basis.Harmonics}).
 * Free parameters: {@code equilibrium.timeScale} tau [s] and {@code equilibrium.coefficients} c [m]
 * (one per basis function), each with a Gaussian prior.
 *
 * @param basis              the functions B_k
 * @param timeScale          default tau [s]
 * @param timeScaleSpread    prior standard deviation of tau [s]
 * @param coefficients       default c [m]
 * @param coefficientSpread  prior standard deviation of every c_k [m]
 */
public record EquilibriumRelaxation(Basis basis, double timeScale, double timeScaleSpread, double[] coefficients,
                                    double coefficientSpread) implements TendencyTerm {
    public static final String TIME_SCALE = "equilibrium.timeScale";
    public static final String COEFFICIENTS = "equilibrium.coefficients";

    public EquilibriumRelaxation {
        if (coefficients.length != basis.size()) {
            throw new IllegalArgumentException("equilibrium relaxation: " + coefficients.length + " coefficients for a basis of "
                    + basis.size() + " functions (" + basis.name() + ")");
        }
        coefficients = coefficients.clone();
    }

    @Override
    public String name() {
        return "equilibriumRelaxation";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.scalar(TIME_SCALE, "s", 3600.0, 1e9, "relaxation time tau in dh/dt = -(h - h_eq)/tau")
                        .withPrior(timeScale, timeScaleSpread),
                new Parameter(COEFFICIENTS, "m", Shape.of(basis.size()), -1e5, 1e5,
                        "coefficients c_k of h_eq = sum c_k B_k, B = " + basis.name())
                        .withPrior(0.0, coefficientSpread));
    }

    @Override
    public Tensor[] defaults(Ops ops) {
        return new Tensor[] {ops.scalar(timeScale), ops.constant(Shape.of(basis.size()), coefficients)};
    }

    @Override
    public double maximumDampingRate(Grid grid, double effectiveMinimumDx, ParameterValues p) {
        return 1.0 / p.get(TIME_SCALE).item();
    }

    @Override
    public State tendency(Ops o, CGridOperators g, State s, ParameterValues p) {
        Tensor equilibrium = basis.field(o, p.get(COEFFICIENTS));
        return new State(o.div(o.sub(equilibrium, s.h()), p.get(TIME_SCALE)), null, null);
    }
}
