package org.ferrel.dycore.model;

import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.ferrel.autodiff.check.GradientCheck.assertTaylorRate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.grid.PlaneGrid;
import org.ferrel.dycore.operators.CGridOperators;
import org.junit.jupiter.api.Test;

/** The implicit option: backward-Euler meridional diffusion, adjoint by transposed tridiagonal solves. */
class ImplicitMeridionalDiffusionTest {
    private final Eager o = Eager.serial();
    private final LatLonGrid grid = new LatLonGrid(32, 16, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
    private final CGridOperators ops = new CGridOperators(grid);
    private final ImplicitMeridionalDiffusion term = new ImplicitMeridionalDiffusion(1e6);

    private State bump() {
        double[] h = InitialCondition.sample(grid, Location.CENTER,
                (lon, lat) -> 1000 + 100 * Math.exp(-Math.pow((lat - 0.5) / 0.2, 2)) * (1 + 0.3 * Math.cos(lon)));
        return new State(o.constant(grid.shape(), h), o.zeros(grid.shape()), o.zeros(grid.shape()));
    }

    private ParameterValues values(double kappa) {
        return new ParameterValues(term.parameters(), new Tensor[] {o.scalar(kappa)});
    }

    @Test
    void conservesMassAndIsStableForAnyStep() {
        State s = bump();
        double m0 = ops.integral(o, s.h()).item();
        for (double dt : new double[] {1e3, 1e6, 1e9}) {
            State t = term.apply(o, ops, s, values(1e6), dt);
            double m1 = ops.integral(o, t.h()).item();
            assertEquals(m0, m1, 1e-13 * m0, "mass with dt = " + dt);
            double[] h = t.h().values();
            double max = java.util.Arrays.stream(h).max().orElseThrow();
            double min = java.util.Arrays.stream(h).min().orElseThrow();
            assertTrue(max <= 1130 && min >= 1000 - 1e-9, "no new extrema (max " + max + ", min " + min + ")");
        }
    }

    @Test
    void smallStepsAgreeWithTheExplicitMeridionalLaplacian() {
        State s = bump();
        double dt = 10.0;
        double kappa = 1e6;
        Tensor implicit = o.sub(term.apply(o, ops, s, values(kappa), dt).h(), s.h());
        // the meridional part of the Laplacian: divergence of the meridional gradient flux only
        Tensor explicit = o.mul(ops.divergenceAtCenter(o, o.zeros(grid.shape()), ops.ddyAtV(o, s.h())), kappa * dt);
        double err = o.sum(o.abs(o.sub(implicit, explicit))).item() / o.sum(o.abs(explicit)).item();
        assertTrue(err < 1e-3, "relative difference to the explicit increment: " + err);
    }

    @Test
    void derivativesPassDotProductAndTaylorTests() {
        State s = bump();
        Derivatives.Function f = (q, in) -> new Tensor[] {
            q.mul(term.apply(q, ops, new State(in[0], s.u(), s.v()),
                    new ParameterValues(term.parameters(), new Tensor[] {in[1]}), 3600.0).h(), 1e-3)};
        Tensor[] x = {s.h(), o.scalar(1e6)};
        assertDotProduct(GradientCheck.dotProduct(o, f, x, 3), 1e-13);
        Derivatives.ScalarFunction loss = (q, in) -> q.mul(q.sum(q.square(f.apply(q, in)[0])), 1e-3);
        Tensor[] v = {o.mul(GradientCheck.random(o, new Shape[] {grid.shape()}, 4)[0], 100.0), o.scalar(1e6)};
        assertTaylorRate(GradientCheck.taylor(o, loss, x, v, 1e-1, 4), 0.1, 4);
    }

    @Test
    void inAModelItIsAParameterLikeAnyOther() {
        Model m = Model.builder(grid).timeStep(600).implicitTerm(term).build();
        assertEquals(ImplicitMeridionalDiffusion.COEFFICIENT, m.parameters().get(2).name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            PlaneGrid plane = new PlaneGrid(8, 8, 1e6, 1e6, 1e-4);
            Model pm = Model.builder(plane).timeStep(10).implicitTerm(term).build();
            State st = new State(o.full(plane.shape(), 100), o.zeros(plane.shape()), o.zeros(plane.shape()));
            pm.step(o, st, pm.values(pm.defaultParameters(o)));
        });
        assertTrue(e.getMessage().contains("periodic"), e.getMessage());
    }
}
