package org.ferrel.dycore.model;

import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.operators.CGridOperators;
import org.junit.jupiter.api.Test;

/** Harmonic and biharmonic diffusion terms: decay rates, conservation and derivatives. */
class DiffusionTest {
    private final Eager o = Eager.serial();
    private final LatLonGrid grid = LatLonGrid.earth(5.625);
    private final CGridOperators ops = new CGridOperators(grid);

    private ParameterValues values(TendencyTerm t, double v) {
        return new ParameterValues(t.parameters(), new Tensor[] {o.scalar(v)});
    }

    @Test
    void depthDiffusionDecaysASphericalHarmonicAtItsEigenvalueAndKeepsMass() {
        // a degree-2 harmonic away from the scaled polar rows: del^2 Y = -6 Y / a^2
        Tensor y = o.constant(grid.shape(), InitialCondition.sample(grid, Location.CENTER,
                (lon, lat) -> Math.cos(lat) * Math.sin(lat) * Math.cos(lon)));
        State s = new State(y, o.zeros(grid.shape()), o.zeros(grid.shape()));
        Diffusion unscaled = new Diffusion(1e5, true, Double.NaN);
        Tensor dh = unscaled.tendency(o, ops, s, values(unscaled, 1e5)).h();
        double rate = -o.sum(o.mul(dh, y)).item() / o.sum(o.mul(y, y)).item();
        double exact = 1e5 * 6 / (grid.radius() * grid.radius());
        assertEquals(exact, rate, 0.02 * exact, "decay rate of the l = 2 harmonic");
        Diffusion scaled = new Diffusion(1e5, true);
        Tensor dhScaled = scaled.tendency(o, ops, s, values(scaled, 1e5)).h();
        assertEquals(0.0, ops.integral(o, dhScaled).item(), 1e-12 * ops.integral(o, o.abs(dhScaled)).item(), "mass");
    }

    @Test
    void termsAreDifferentiable() {
        Tensor[] x = GradientCheck.random(o, new org.ferrel.autodiff.Shape[] {grid.shape(), grid.shape(), grid.shape()}, 9);
        for (TendencyTerm t : List.of(new Diffusion(1e5, true), new Hyperdiffusion(1e15, true))) {
            Derivatives.Function f = (q, in) -> t.tendency(q, ops, new State(in[0], in[1], in[2]),
                    new ParameterValues(t.parameters(), new Tensor[] {in[3]})).toArray();
            Tensor[] args = {x[0], x[1], x[2], o.scalar(t instanceof Diffusion ? 1e5 : 1e15)};
            assertDotProduct(GradientCheck.dotProduct(o, f, args, 4), 1e-13);
        }
    }

    @Test
    void dampingRateIsCheckedAtSetUp() {
        State s = org.ferrel.dycore.cases.Williamson.case5().state(o, grid);
        Model m = Model.builder(grid).timeStep(900).filter(new org.ferrel.dycore.shallowwater.PolarFilter(grid,
                Math.toRadians(45))).term(new Diffusion(1e8, false)).build();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> m.checkCfl(s, m.defaultParameters(o)));
        assertTrue(e.getMessage().contains("diffusion"), e.getMessage());
    }
}
