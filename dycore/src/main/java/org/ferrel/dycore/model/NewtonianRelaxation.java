package org.ferrel.dycore.model;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * Newtonian relaxation of the depth toward a prescribed field: {@code dh/dt = -(h - h_eq) / tau}
 * (the shallow-water analogue of radiative relaxation toward an equilibrium temperature).
 *
 * @param timeScale default tau [s] (parameter {@code relaxation.timeScale}, 1 hour to 1e9 s)
 * @param target    default h_eq [m] on the grid's centres (parameter field {@code relaxation.target})
 */
public record NewtonianRelaxation(double timeScale, double[] target, Grid grid) implements TendencyTerm {
    public static final String TIME_SCALE = "relaxation.timeScale";
    public static final String TARGET = "relaxation.target";

    public NewtonianRelaxation {
        if (target.length != grid.nx() * grid.ny()) {
            throw new IllegalArgumentException("relaxation target has " + target.length + " values, the grid "
                    + grid.shape() + " needs " + grid.nx() * grid.ny());
        }
    }

    @Override
    public String name() {
        return "newtonianRelaxation";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.scalar(TIME_SCALE, "s", 3600.0, 1e9, "relaxation time tau in dh/dt = -(h - h_eq)/tau")
                        .withPrior(timeScale, timeScale),
                new Parameter(TARGET, "m", grid.shape(), 0.0, 1e5, "equilibrium depth h_eq"));
    }

    @Override
    public Tensor[] defaults(Ops ops) {
        return new Tensor[] {ops.scalar(timeScale), ops.constant(grid.shape(), target)};
    }

    @Override
    public double maximumDampingRate(Grid grid, double effectiveMinimumDx, ParameterValues p) {
        return 1.0 / p.get(TIME_SCALE).item();
    }

    @Override
    public State tendency(Ops o, CGridOperators g, State s, ParameterValues p) {
        Tensor dh = o.div(o.sub(p.get(TARGET), s.h()), p.get(TIME_SCALE));
        return new State(dh, null, null);
    }
}
