package org.ferrel.dycore.shallowwater;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * The rotating shallow-water equations in vector-invariant form on the C-grid,
 * <pre>
 *   dh/dt = -div(h v)
 *   du/dt = + (zeta + f) v - d/dx (K + g (h + b)) / (a cos(phi))
 *   dv/dt = - (zeta + f) u - d/dy (K + g (h + b))
 * </pre>
 * with the Coriolis and vorticity term in the energy-conserving form of Sadourny (1975): the
 * potential vorticity {@code q = (zeta + f) / h} at corners multiplies face-length-weighted mass
 * fluxes averaged to the corners, so that it does no work. Mass is conserved to rounding (flux
 * form, telescoping face fluxes, no flux through the poles). K is the kinetic energy at centres with
 * the face values weighted by the faces' areas ({@link KineticEnergyWeights}), which keeps the pole
 * cells' meridional kinetic energy and makes the semi-discrete equations conserve the total energy.
 */
public final class ShallowWaterDynamics {
    private ShallowWaterDynamics() {
    }

    /**
     * The tendency by the fused kernel (one primitive with hand-written tangent and adjoint kernels).
     *
     * @param gravity    g [m/s^2] (a scalar tensor: differentiable)
     * @param topography b [m] at centres (a field: differentiable)
     */
    public static State tendency(Ops o, TendencyKernel kernel, State s, Tensor gravity, Tensor topography) {
        Tensor all = o.bind(kernel, s.h(), s.u(), s.v(), gravity, topography);
        Shape field = s.h().shape();
        State t = new State(o.bind(StackedField.extract(0, 3, field), all),
                o.bind(StackedField.extract(1, 3, field), all), o.bind(StackedField.extract(2, 3, field), all));
        o.recycle(all);
        return t;
    }

    /** The same tendency as a composite of array operations (the reference form of the fused kernel). */
    public static State tendency(Ops o, CGridOperators g, State s, Tensor gravity, Tensor topography) {
        return compositeTendency(o, g, s, gravity, topography);
    }

    /**
     * The tendency written with array operations.
     *
     * @param gravity    g [m/s^2] (a scalar tensor: differentiable)
     * @param topography b [m] at centres (a field: differentiable)
     */
    public static State compositeTendency(Ops o, CGridOperators g, State s, Tensor gravity, Tensor topography) {
        Tensor h = s.h();
        Tensor u = s.u();
        Tensor v = s.v();
        Tensor fluxU = o.mul(g.centerToU(o, h), u);
        Tensor fluxV = o.mul(g.centerToV(o, h), v);
        Tensor dh = o.neg(g.divergenceAtCenter(o, fluxU, fluxV));

        Tensor absoluteVorticity = o.add(g.curlAtCorner(o, u, v), g.coriolisAtCorner());
        Tensor q = o.div(absoluteVorticity, g.centerToCorner(o, h));
        // energy-conserving Coriolis: q times corner-averaged face fluxes weighted by face length
        Tensor qv = o.mul(q, g.vToCorner(o, o.mul(fluxV, g.dxAtV())));
        Tensor coriolisU = o.div(g.cornerToU(o, qv), g.dxAtCenter());
        Tensor qu = o.mul(q, g.uToCorner(o, fluxU));
        Tensor coriolisV = o.neg(g.cornerToV(o, qu));

        Tensor kinetic = KineticEnergyWeights.kineticEnergy(o, g, u, v);
        Tensor bernoulli = o.add(kinetic, o.mul(o.add(h, topography), gravity));
        Tensor du = o.sub(coriolisU, g.ddxAtU(o, bernoulli));
        Tensor dv = o.mul(o.sub(coriolisV, g.ddyAtV(o, bernoulli)), g.vMask());
        return new State(dh, du, dv);
    }
}
