package org.ferrel.dycore.model;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * Scale-selective biharmonic diffusion: {@code dh/dt = -nu del^4 h} and, for the velocity, the
 * vector Laplacian applied twice, {@code d(u,v)/dt = -nu del^2 del^2 (u,v)} (grad div - curl curl).
 * It damps the shortest resolved waves at a rate {@code nu (k^2)^2}, leaving the large scales.
 *
 * @param coefficient default nu [m^4/s] (parameter {@code hyperdiffusion.coefficient}, 0 to 1e18)
 * @param depth       whether h is diffused too, not only the velocity
 */
public record Hyperdiffusion(double coefficient, boolean depth) implements TendencyTerm {
    public static final String COEFFICIENT = "hyperdiffusion.coefficient";

    @Override
    public String name() {
        return "hyperdiffusion";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.scalar(COEFFICIENT, "m^4/s", 0.0, 1e18, "nu in d/dt = -nu del^4"));
    }

    @Override
    public Tensor[] defaults(Ops ops) {
        return new Tensor[] {ops.scalar(coefficient)};
    }

    @Override
    public State tendency(Ops o, CGridOperators g, State s, ParameterValues p) {
        Tensor nu = o.neg(p.get(COEFFICIENT));
        Tensor[] l1 = g.vectorLaplacian(o, s.u(), s.v());
        Tensor[] l2 = g.vectorLaplacian(o, l1[0], l1[1]);
        Tensor dh = depth ? o.mul(g.laplacianAtCenter(o, g.laplacianAtCenter(o, s.h())), nu) : null;
        return new State(dh, o.mul(l2[0], nu), o.mul(l2[1], nu));
    }
}
