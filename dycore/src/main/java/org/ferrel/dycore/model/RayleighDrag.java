package org.ferrel.dycore.model;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * Linear (Rayleigh) drag on the velocity: {@code du/dt = -r u, dv/dt = -r v}.
 *
 * @param rate default drag rate r [1/s] (parameter {@code drag.rate}, 0 to 1e-3)
 */
public record RayleighDrag(double rate) implements TendencyTerm {
    public static final String RATE = "drag.rate";

    @Override
    public String name() {
        return "rayleighDrag";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.scalar(RATE, "1/s", 0.0, 1e-3, "linear drag rate r in du/dt = -r u")
                .withPrior(rate, Math.max(rate, 1e-7)));
    }

    @Override
    public Tensor[] defaults(Ops ops) {
        return new Tensor[] {ops.scalar(rate)};
    }

    @Override
    public double maximumDampingRate(org.ferrel.dycore.grid.Grid grid, double effectiveMinimumDx, ParameterValues p) {
        return p.get(RATE).item();
    }

    @Override
    public State tendency(Ops o, CGridOperators grid, State s, ParameterValues p) {
        Tensor r = o.neg(p.get(RATE));
        return new State(null, o.mul(s.u(), r), o.mul(s.v(), r));
    }
}
