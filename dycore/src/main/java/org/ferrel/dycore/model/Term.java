package org.ferrel.dycore.model;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.Grid;

/**
 * A process that adds a tendency to a core's state, such as forcing, drag, diffusion or relaxation:
 * the role every model's terms share, whatever the core. Each term declares its free parameters
 * (with units, bounds, priors and defaults), so a model collects them and calibration finds them by
 * name; the tendency is written with {@link Ops}, so it is differentiable on day one.
 *
 * @param <S> the core's state ({@link State} for shallow water, {@code AtmosphereState} for the primitive equations)
 * @param <C> what the term reads of the core (its grid operators, or the primitive equations with their levels)
 */
public interface Term<S extends StateVector<S>, C> {
    String name();

    /** The parameters this term reads from {@link ParameterValues}. */
    List<Parameter> parameters();

    /** Default values, in the order of {@link #parameters()}. */
    Tensor[] defaults(Ops ops);

    /** The term's tendency, field by field in the state's order; entries may be {@code null} for no contribution. */
    S tendency(Ops o, C core, S state, ParameterValues parameters);

    /**
     * The fastest decay rate this term imposes on any grid mode [1/s], for the time-step check
     * (damping modes must satisfy {@code rate dt <=} the integrator's real-axis limit). 0 for terms
     * that are not stiff.
     */
    default double maximumDampingRate(Grid grid, double effectiveMinimumDx, ParameterValues p) {
        return 0.0;
    }
}
