package org.ferrel.dycore.primitive;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.ParameterValues;

/**
 * A process that adds a tendency to the primitive-equation state (forcing, friction, diffusion):
 * the three-dimensional counterpart of {@link org.ferrel.dycore.model.TendencyTerm}. It declares its
 * free parameters (units, bounds, priors) so that calibration finds them by name, and its tendency is
 * written with {@link Ops}, so it is differentiable on day one.
 */
public interface AtmosphereTerm {
    String name();

    /** The parameters this term reads from {@link ParameterValues}. */
    List<Parameter> parameters();

    /** Default values, in the order of {@link #parameters()}. */
    Tensor[] defaults(Ops ops);

    /** The term's tendency (du/dt, dv/dt, dT/dt, dps/dt); entries may be {@code null} for no contribution. */
    AtmosphereState tendency(Ops o, PrimitiveEquations core, AtmosphereState state, ParameterValues parameters);

    /** The fastest decay rate this term imposes on any grid mode [1/s], for the time-step check; 0 if not stiff. */
    default double maximumDampingRate(PrimitiveEquations core, double effectiveMinimumDx, ParameterValues p) {
        return 0.0;
    }
}
