package org.ferrel.physics.forcing;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.model.TendencyTerm;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.physics.basis.Basis;

/**
 * A prescribed mass source, the shallow-water analogue of diabatic heating, given by basis
 * coefficients:
 * <pre>
 *   dh/dt = F(lambda, phi) = sum_k c_k B_k(lambda, phi)
 * </pre>
 * With a basis without the global mean (spherical harmonics of degree >= 1) the forcing conserves
 * mass. Free parameter: {@code forcing.coefficients} c [m/s], with a Gaussian prior of mean zero.
 *
 * @param basis        the functions B_k
 * @param coefficients default c [m/s]
 * @param spread       prior standard deviation of every c_k [m/s]
 */
public record BasisForcing(Basis basis, double[] coefficients, double spread) implements TendencyTerm {
    public static final String COEFFICIENTS = "forcing.coefficients";

    public BasisForcing {
        if (coefficients.length != basis.size()) {
            throw new IllegalArgumentException("basis forcing: " + coefficients.length + " coefficients for a basis of "
                    + basis.size() + " functions (" + basis.name() + ")");
        }
        coefficients = coefficients.clone();
    }

    @Override
    public String name() {
        return "basisForcing";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter(COEFFICIENTS, "m/s", Shape.of(basis.size()), -1.0, 1.0,
                "coefficients c_k of the mass source dh/dt = sum c_k B_k, B = " + basis.name()).withPrior(0.0, spread));
    }

    @Override
    public Tensor[] defaults(Ops ops) {
        return new Tensor[] {ops.constant(Shape.of(basis.size()), coefficients)};
    }

    @Override
    public State tendency(Ops o, CGridOperators g, State s, ParameterValues p) {
        return new State(basis.field(o, p.get(COEFFICIENTS)), null, null);
    }
}
