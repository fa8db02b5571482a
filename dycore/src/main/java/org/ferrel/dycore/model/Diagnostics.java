package org.ferrel.dycore.model;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.shallowwater.KineticEnergyWeights;

/**
 * Integral invariants of the shallow-water equations, as differentiable scalars:
 * <ul>
 *   <li>mass {@code M = sum A h};</li>
 *   <li>total energy {@code E = sum A [h K + g (h^2 / 2 + h b)]}, K the kinetic energy per unit mass at centres
 *       ({@link KineticEnergyWeights}: the dynamics' own, so that the semi-discrete equations conserve E);</li>
 *   <li>potential enstrophy {@code Z = sum A_corner (zeta + f)^2 / (2 h_corner)}.</li>
 * </ul>
 */
public final class Diagnostics {
    private Diagnostics() {
    }

    public static Tensor mass(Ops o, CGridOperators g, State s) {
        return g.integral(o, s.h());
    }

    public static Tensor energy(Ops o, CGridOperators g, State s, Tensor gravity, Tensor topography) {
        Tensor kinetic = KineticEnergyWeights.kineticEnergy(o, g, s.u(), s.v());
        Tensor potential = o.mul(o.add(o.mul(o.square(s.h()), 0.5), o.mul(s.h(), topography)), gravity);
        return g.integral(o, o.add(o.mul(s.h(), kinetic), potential));
    }

    public static Tensor potentialEnstrophy(Ops o, CGridOperators g, State s) {
        Tensor absolute = o.add(g.curlAtCorner(o, s.u(), s.v()), g.coriolisAtCorner());
        Tensor hq = g.centerToCorner(o, s.h());
        Tensor density = o.mul(o.div(o.square(absolute), hq), 0.5);
        // corner rows up to the north pole; the pole row is a single point shared by its row
        return g.cornerIntegral(o, o.mul(density, g.vMask()));
    }
}
