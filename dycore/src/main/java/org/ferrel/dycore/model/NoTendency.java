package org.ferrel.dycore.model;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.operators.CGridOperators;

/** The term that adds nothing: use it instead of null where a slot needs a term. */
public record NoTendency() implements TendencyTerm {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Tensor[] defaults(Ops ops) {
        return new Tensor[0];
    }

    @Override
    public State tendency(Ops o, CGridOperators grid, State state, ParameterValues parameters) {
        return new State(null, null, null);
    }
}
