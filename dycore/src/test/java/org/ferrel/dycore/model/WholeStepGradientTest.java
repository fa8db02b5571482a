package org.ferrel.dycore.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.dycore.time.ImexRungeKutta;
import org.junit.jupiter.api.Test;

/**
 * Dot-product and Taylor tests of one whole model step (SSP-RK3 over the fused tendency, the fused
 * diffusion terms, Rayleigh drag and the polar filter; and the semi-implicit SIL3 step with its
 * Helmholtz solves) through a generic scalar: the sum over all
 * output fields of {@code w_i y_i} with fixed-seed random weights, not a conserved quantity (a
 * conserved or nearly conserved scalar such as the total energy is blind to errors in the terms that
 * do no work, e.g. the Coriolis term). Each input block (h, u, v, gravity, topography and each term
 * parameter) is checked on its own, with a direction of its natural size, so that a block whose
 * contribution is small next to the others' is not hidden by them. The state is case 5 plus random
 * perturbations of every field (v included: case 5 has v = 0, which would hide every adjoint term
 * that is multiplied by v).
 *
 * <p>{@code AdjointMutationTest} plants errors of 1e-6 relative into single terms of the hand-written
 * adjoints and records which of these tests catch them.
 */
class WholeStepGradientTest {
    /** Largest relative difference of {@code <J v, w>} and {@code <v, J^T w>} allowed per input block. */
    static final double DOT_PRODUCT_TOLERANCE = 1e-12;
    /** Every Taylor rate within 2 +- this. */
    static final double TAYLOR_RATE_TOLERANCE = 0.1;
    /** The second derivative of the Taylor test's scalar along each direction, added to the step's own. */
    static final double CURVATURE = 20;

    private final Eager o = Eager.serial();
    private final LatLonGrid grid = new LatLonGrid(32, 16, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);

    /** A model configuration under test. */
    record Setup(String name, Model model, Tensor[] x, double[] scales, String[] blocks) {
    }

    /**
     * The terms of the scenario files' example ({@code hyperdiffusion: {coefficient: 1e15, depth: false,
     * polarScalingLatitude: 45}}, {@code drag: {rate: 1e-6}}), with the depth diffused too, and with
     * second-order diffusion of all three fields.
     */
    List<Setup> setups() {
        List<Setup> r = new ArrayList<>();
        r.add(setup("nu4 1e15 on u, v + drag", new Hyperdiffusion(1e15, false), 1e14));
        r.add(setup("nu4 1e15 on h, u, v + drag", new Hyperdiffusion(1e15, true), 1e14));
        r.add(setup("nu2 1e5 on h, u, v + drag", new Diffusion(1e5, true), 1e4));
        r.add(setup("semi-implicit SIL3 2400 s, nu4 1e15 on u, v + drag", new Hyperdiffusion(1e15, false), 1e14, true));
        return r;
    }

    private Setup setup(String name, TendencyTerm diffusion, double diffusionScale) {
        return setup(name, diffusion, diffusionScale, false);
    }

    /** With {@code semiImplicit}: SIL3 at 2,400 s with the gravity waves about 6,000 m implicit. */
    private Setup setup(String name, TendencyTerm diffusion, double diffusionScale, boolean semiImplicit) {
        InitialCondition ic = Williamson.case5();
        Model.Builder builder = Model.builder(grid).topography(ic.topography(grid)).timeStep(600)
                .filter(new PolarFilter(grid, Math.toRadians(45)))
                .term(diffusion)
                .term(new RayleighDrag(1e-6));
        if (semiImplicit) {
            builder.timeStep(2400).semiImplicit(ImexRungeKutta.sil3(), 6000);
        }
        Model m = builder.build();
        State s = ic.state(o, grid);
        Tensor[] noise = GradientCheck.random(o, new Shape[] {grid.shape(), grid.shape(), grid.shape()}, 31);
        Tensor mask = o.constant(Shape.of(grid.ny(), 1), grid.vMask());
        Tensor h = o.add(s.h(), o.mul(noise[0], 50.0));
        Tensor u = o.add(s.u(), o.mul(noise[1], 5.0));
        Tensor v = o.add(s.v(), o.mul(o.mul(noise[2], 5.0), mask));
        Tensor[] p = m.defaultParameters(o);
        Tensor[] x = {h, u, v, p[0], p[1], p[2], p[3]};
        // sizes of the perturbation of each block: 100 m, 5 m/s, 5 m/s, 0.1 m/s^2, 100 m, then the term
        // parameters at 10 % of their values (large enough for the Taylor remainders to stay above the
        // rounding of the scalar, about 1e-10 of its 8e4, over the 4 decades)
        double[] scales = {100, 5, 5, 0.1, 100, diffusionScale, 1e-7};
        String[] blocks = {"h", "u", "v", "gravity", "topography", m.parameters().get(2).name(),
            m.parameters().get(3).name()};
        return new Setup(name, m, x, scales, blocks);
    }

    private static Derivatives.Function step(Model m) {
        return (q, in) -> m.step(q, new State(in[0], in[1], in[2]),
                m.values(new Tensor[] {in[3], in[4], in[5], in[6]})).toArray();
    }

    /** Fixed-seed weights uniform in [-1, 1) for every output field (h, u, v; v zero on the pole row as v is). */
    private Tensor[] weights(long seed) {
        Tensor[] w = GradientCheck.random(o, new Shape[] {grid.shape(), grid.shape(), grid.shape()}, seed);
        w[2] = o.mul(w[2], o.constant(Shape.of(grid.ny(), 1), grid.vMask()));
        return w;
    }

    /** A direction that is zero except in block {@code i}, where it is random of size {@code scales[i]}. */
    private Tensor[] direction(Setup s, int i, long seed) {
        Tensor[] v = new Tensor[s.x().length];
        for (int j = 0; j < v.length; j++) {
            v[j] = o.zeros(s.x()[j].shape());
        }
        Tensor r = GradientCheck.random(o, new Shape[] {s.x()[i].shape()}, seed)[0];
        if (i == 2) {
            r = o.mul(r, o.constant(Shape.of(grid.ny(), 1), grid.vMask()));
        }
        v[i] = o.mul(r, s.scales()[i]);
        return v;
    }

    /**
     * The dot-product test per input block: {@code <J v_i, w>} against {@code <v_i, (J^T w)_i>}, with
     * one reverse sweep for all blocks. Returns the relative differences per block.
     */
    double[] dotProducts(Setup s) {
        Derivatives.Function f = step(s.model());
        Tensor[] w = weights(17);
        Tensor[] adjoint = Derivatives.vjp(o, f, s.x(), w).derivatives();
        double[] errors = new double[s.x().length];
        for (int i = 0; i < errors.length; i++) {
            Tensor[] v = direction(s, i, 101 + i);
            double forward = GradientCheck.inner(Derivatives.jvp(o, f, s.x(), v).derivatives(), w);
            double reverse = GradientCheck.inner(new Tensor[] {v[i]}, new Tensor[] {adjoint[i]});
            errors[i] = Math.abs(forward - reverse) / Math.max(Math.abs(forward), Math.abs(reverse));
        }
        return errors;
    }

    /**
     * The Taylor test per input block, h from 1 to 1e-4 times the block's direction v, of
     * {@code L(x) = sum_i w_i y_i(x) + kappa/2 |y(x) - y(x0)|^2}. The second term has a zero gradient at
     * x0, so the slope checked is that of the weighted sum alone; it gives the remainder a known
     * curvature {@code CURVATURE h^2 / 2} (kappa from {@code |J v|}) in every block, including those in
     * which the step is linear or nearly so (the term parameters), keeping it far above the rounding of
     * L (about 1e-9) at the smallest h, and small enough that a slope error shows early.
     */
    GradientCheck.Taylor[] taylor(Setup s) {
        Derivatives.Function f = step(s.model());
        Tensor[] w = weights(19);
        Tensor[] y0 = f.apply(o, s.x());
        GradientCheck.Taylor[] r = new GradientCheck.Taylor[s.x().length];
        for (int i = 0; i < r.length; i++) {
            Tensor[] v = direction(s, i, 201 + i);
            Tensor[] jv = Derivatives.jvp(o, f, s.x(), v).derivatives();
            double kappa = CURVATURE / GradientCheck.inner(jv, jv);
            Derivatives.ScalarFunction loss = (q, in) -> {
                Tensor[] y = f.apply(q, in);
                Tensor total = null;
                for (int k = 0; k < y.length; k++) {
                    Tensor d = q.sub(y[k], y0[k]);
                    Tensor term = q.add(q.dot(w[k], y[k]), q.mul(q.dot(d, d), 0.5 * kappa));
                    total = total == null ? term : q.add(total, term);
                }
                return total;
            };
            r[i] = GradientCheck.taylor(o, loss, s.x(), v, 1.0, 4);
        }
        return r;
    }

    @Test
    void dotProductPerInputBlockWithRandomWeights() {
        for (Setup s : setups()) {
            double[] e = dotProducts(s);
            for (int i = 0; i < e.length; i++) {
                System.out.printf("whole step [%s] dot product, %s: relative difference %.3e%n", s.name(), s.blocks()[i],
                        e[i]);
                assertTrue(e[i] <= DOT_PRODUCT_TOLERANCE, s.name() + ", " + s.blocks()[i]
                        + ": dot-product test failed, relative difference " + e[i] + " > " + DOT_PRODUCT_TOLERANCE);
            }
        }
    }

    @Test
    void taylorRatePerInputBlockWithRandomWeights() {
        List<String> failures = new ArrayList<>();
        for (Setup s : setups()) {
            GradientCheck.Taylor[] t = taylor(s);
            for (int i = 0; i < t.length; i++) {
                System.out.printf("whole step [%s] Taylor, %s: rates %.4f..%.4f, remainders %.2e..%.2e%n", s.name(),
                        s.blocks()[i], t[i].minRate(), t[i].maxRate(), t[i].remainders()[0],
                        t[i].remainders()[t[i].remainders().length - 1]);
                try {
                    GradientCheck.assertTaylorRate(t[i], TAYLOR_RATE_TOLERANCE, 4);
                } catch (AssertionError e) {
                    failures.add(s.name() + ", " + s.blocks()[i] + ": " + e.getMessage());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
