package org.ferrel.dycore.model;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * A process stepped implicitly after the explicit integrator (first-order operator splitting):
 * {@code x(n+1) = S(x*, dt)} where x* is the explicit step's result and S solves a linear system.
 * Like a {@link TendencyTerm} it declares its parameters, and it is written with {@code Ops}, so
 * its adjoint is the transposed solve.
 */
public interface ImplicitTerm {
    String name();

    List<Parameter> parameters();

    Tensor[] defaults(Ops ops);

    State apply(Ops o, CGridOperators grid, State state, ParameterValues parameters, double dt);
}
