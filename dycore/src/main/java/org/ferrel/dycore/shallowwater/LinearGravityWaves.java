package org.ferrel.dycore.shallowwater;

import java.util.concurrent.ConcurrentHashMap;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * The shallow-water equations' gravity waves linearised about a resting layer of reference depth
 * H0, the part a semi-implicit step treats implicitly:
 * <pre>
 *   G(h, u, v) = ( -H0 div(u, v),  -g ddxAtU(h),  -g ddyAtV(h) )
 * </pre>
 * with the C-grid operators of {@link CGridOperators} (the same ones as the full tendency, whose
 * linearisation about rest this is). Its implicit inverse solves {@code y - eta G(y) = b}: eliminating
 * the velocities leaves the Helmholtz problem
 * <pre>
 *   (I - eta^2 g H0 L) h = b_h - eta H0 div(b_u, b_v),   L = div grad,
 * </pre>
 * solved directly ({@link HelmholtzSolver}), then {@code u = b_u - eta g ddxAtU(h)} and
 * {@code v = b_v - eta g ddyAtV(h)}. G's two halves are single-pass linear stencils
 * ({@link GravityWaveStencils}) and the solve is one linear primitive, each with its transpose as
 * its adjoint; the rest is {@code Ops}, so a step through them is differentiable. g
 * and H0 are fixed numbers of the scheme (the split {@code F = full - G} is exact for any value of
 * the model's gravity parameter, whose derivatives flow through the explicit part). The inverse
 * conserves mass exactly: the area integral of a divergence and of L vanish. Solvers are built once
 * per step size and kept.
 * H0 should be at least the deepest layer expected, for stability (Simmons, Hoskins and Burridge
 * 1978).
 */
public final class LinearGravityWaves {
    private final CGridOperators operators;
    private final double gravity;
    private final double referenceDepth;
    private final ConcurrentHashMap<Double, HelmholtzSolver> solvers = new ConcurrentHashMap<>();
    private final GravityWaveStencils stencils;

    public LinearGravityWaves(CGridOperators operators, double gravity, double referenceDepth) {
        if (!(gravity > 0) || !(referenceDepth > 0) || Double.isInfinite(gravity) || Double.isInfinite(referenceDepth)) {
            throw new IllegalArgumentException("linear gravity waves: gravity and reference depth must be positive and"
                    + " finite, got g = " + gravity + " m/s^2, H0 = " + referenceDepth + " m");
        }
        if (operators.grid().periodicY()) {
            throw new IllegalArgumentException("semi-implicit gravity waves need a grid closed in y (the sphere); "
                    + operators.grid() + " is periodic in y");
        }
        this.operators = operators;
        this.gravity = gravity;
        this.referenceDepth = referenceDepth;
        this.stencils = new GravityWaveStencils(operators.grid(), gravity, referenceDepth);
    }

    /** H0 [m]. */
    public double referenceDepth() {
        return referenceDepth;
    }

    /** g of the linear terms [m/s^2]. */
    public double gravity() {
        return gravity;
    }

    /** G(x), by the single-pass stencils of {@link GravityWaveStencils}. */
    public State terms(Ops o, State x) {
        Tensor dh = o.bind(stencils.divergence, x.u(), x.v());
        Tensor[] velocity = gradient(o, x.h());
        return new State(dh, velocity[0], velocity[1]);
    }

    /** G(x) as a composite of the C-grid operators (the reference form of {@link #terms}). */
    public State compositeTerms(Ops o, State x) {
        Tensor dh = o.mul(operators.divergenceAtCenter(o, x.u(), x.v()), -referenceDepth);
        Tensor du = o.mul(operators.ddxAtU(o, x.h()), -gravity);
        Tensor dv = o.mul(operators.ddyAtV(o, x.h()), -gravity);
        return new State(dh, du, dv);
    }

    /** {@code -g ddxAtU(h)} and {@code -g ddyAtV(h)}. */
    private Tensor[] gradient(Ops o, Tensor h) {
        Tensor both = o.bind(stencils.gradient, h);
        Tensor[] r = {o.bind(StackedField.extract(0, 2, h.shape()), both), o.bind(StackedField.extract(1, 2, h.shape()), both)};
        o.recycle(both);
        return r;
    }

    /** y with {@code y - eta G(y) = b}. */
    public State inverse(Ops o, State b, double eta) {
        HelmholtzSolver solver = solver(eta);
        Tensor divergence = o.bind(stencils.divergence, b.u(), b.v());
        Tensor rhs = o.addScaled(b.h(), divergence, eta);
        o.recycle(divergence);
        Tensor h = solver.solve(o, rhs);
        o.recycle(rhs);
        Tensor[] velocity = gradient(o, h);
        Tensor u = o.addScaled(b.u(), velocity[0], eta);
        Tensor v = o.addScaled(b.v(), velocity[1], eta);
        o.recycle(velocity);
        return new State(h, u, v);
    }

    /** The Helmholtz solver of step size eta, {@code c = eta^2 g H0}. */
    public HelmholtzSolver solver(double eta) {
        if (!(eta > 0)) {
            throw new IllegalArgumentException("implicit step size must be positive, got " + eta);
        }
        return solvers.computeIfAbsent(eta, e -> new HelmholtzSolver(operators.grid(), e * e * gravity * referenceDepth));
    }

    /** The fastest gravity wave the implicit part removes, {@code sqrt(g H0)} [m/s]. */
    public double waveSpeed() {
        return Math.sqrt(gravity * referenceDepth);
    }
}
