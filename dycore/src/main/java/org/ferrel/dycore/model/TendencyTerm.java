package org.ferrel.dycore.model;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * A process that adds a tendency to the state, such as drag, diffusion or relaxation. Each term
 * declares its free parameters (with defaults), so a {@link Model} collects them and calibration
 * finds them by name; the tendency is written with {@link Ops}, so it is differentiable on day one.
 */
public interface TendencyTerm {
    String name();

    /** The parameters this term reads from {@link ParameterValues}. */
    List<Parameter> parameters();

    /** Default values, in the order of {@link #parameters()}. */
    Tensor[] defaults(Ops ops);

    /** The term's tendency (dh/dt, du/dt, dv/dt); entries may be {@code null} for no contribution. */
    State tendency(Ops o, CGridOperators grid, State state, ParameterValues parameters);

    /**
     * The fastest decay rate this term imposes on any grid mode [1/s], for the time-step check
     * (damping modes must satisfy {@code rate dt <=} the integrator's real-axis limit). 0 for terms
     * that are not stiff.
     */
    default double maximumDampingRate(org.ferrel.dycore.grid.Grid grid, double effectiveMinimumDx, ParameterValues p) {
        return 0.0;
    }
}
