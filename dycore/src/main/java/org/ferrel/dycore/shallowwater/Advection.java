package org.ferrel.dycore.shallowwater;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.model.TendencyFilter;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.time.Integrator;

/**
 * Flux-form advection of a scalar by a prescribed, steady wind on the C-grid:
 * {@code dq/dt = -div(q v)} with q averaged to the faces (centred, second order). It is the
 * continuity equation of the shallow-water core alone, used by Williamson case 1. The scalar may
 * take any sign (a centred scheme undershoots), so no positivity check is made.
 */
public final class Advection {
    private final CGridOperators grid;
    private final Integrator integrator;
    private final TendencyFilter filter;
    private final Tensor u;
    private final Tensor v;

    /** @param u wind at u-faces, @param v wind at v-faces (zero on the pole row) [m/s] */
    public Advection(CGridOperators grid, Integrator integrator, TendencyFilter filter, Tensor u, Tensor v) {
        this.grid = grid;
        this.integrator = integrator;
        this.filter = filter;
        this.u = u;
        this.v = v;
    }

    public Tensor tendency(Ops o, Tensor q) {
        Tensor dq = o.neg(grid.divergenceAtCenter(o, o.mul(grid.centerToU(o, q), u), o.mul(grid.centerToV(o, q), v)));
        return filter.apply(o, new State(dq, null, null)).h();
    }

    public Tensor step(Ops o, Tensor q, double dt) {
        State next = integrator.step(o, (ops, s) -> new State(tendency(ops, s.h()), ops.zeros(s.u().shape()),
                ops.zeros(s.v().shape())), new State(q, o.zeros(q.shape()), o.zeros(q.shape())), dt);
        return next.h();
    }
}
