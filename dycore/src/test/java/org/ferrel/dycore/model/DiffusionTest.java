package org.ferrel.dycore.model;

import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.shallowwater.DiffusionKernel;
import org.ferrel.dycore.shallowwater.PolarFilter;
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

    /**
     * A whole-run gradient through the fused kernel: 100 steps of case 5 at 11.25 degrees with
     * biharmonic diffusion of depth and velocity, differentiated with respect to the initial state
     * and nu, against central differences in random directions.
     */
    @Test
    void runGradientWithRespectToStateAndCoefficientMatchesCentralDifferences() {
        LatLonGrid g = LatLonGrid.earth(11.25);
        InitialCondition ic = Williamson.case5();
        Model m = Model.builder(g).topography(ic.topography(g)).timeStep(1800)
                .filter(new PolarFilter(g, Math.toRadians(45)))
                .term(new Hyperdiffusion(2e16, true)).build();
        int steps = 100;
        TimeLoop loop = new TimeLoop(m.asStep(), steps,
                Cost.atFinalLevel(steps, (q, x, p) -> q.mul(q.sum(q.square(x[1])), 1e-3)));
        Tensor[] x0 = ic.state(o, g).toArray();
        Tensor[] p0 = m.defaultParameters(o);
        int nu = m.parameters().size() - 1;
        LoopGradient grad = loop.gradient(o, x0, p0, CheckpointSchedule.binomial(8));
        for (int k = 0; k < 3; k++) {
            Tensor[] d = GradientCheck.random(o, new Shape[] {g.shape(), g.shape(), g.shape(), Shape.SCALAR}, 200 + k);
            double[] scale = {0.03, 0.003, 0.003, 3e13};
            double ad = 0;
            for (int f = 0; f < 3; f++) {
                ad += scale[f] * o.sum(o.mul(grad.initialStateGradient()[f], d[f])).item();
            }
            ad += scale[3] * grad.parameterGradient()[nu].item() * d[3].item();
            double[] c = new double[2];
            for (int side = 0; side < 2; side++) {
                double sgn = side == 0 ? 1 : -1;
                Tensor[] x = new Tensor[3];
                for (int f = 0; f < 3; f++) {
                    x[f] = o.add(x0[f], o.mul(d[f], sgn * scale[f]));
                }
                Tensor[] p = p0.clone();
                p[nu] = o.add(p0[nu], o.mul(d[3], sgn * scale[3]));
                c[side] = loop.run(o, x, p).cost().item();
            }
            double fd = (c[0] - c[1]) / 2;
            assertEquals(fd, ad, 1e-6 * Math.abs(fd), "<grad, d> against the central difference, direction " + k);
        }
    }

    /** The terms' fused kernel is built once per operators instance and key, also when threads race for it. */
    @Test
    void kernelIsBuiltOncePerOperatorsAndKey() throws InterruptedException {
        double phi = Math.toRadians(45);
        DiffusionKernel a = PolarScaling.kernel(ops, 2, true, phi);
        assertSame(a, PolarScaling.kernel(ops, 2, true, phi));
        assertSame(PolarScaling.kernel(ops, 1, false, Double.NaN), PolarScaling.kernel(ops, 1, false, Double.NaN));
        assertNotSame(a, PolarScaling.kernel(ops, 2, false, phi));
        assertNotSame(a, PolarScaling.kernel(ops, 1, true, phi));
        assertNotSame(a, PolarScaling.kernel(ops, 2, true, Double.NaN));
        assertNotSame(a, PolarScaling.kernel(new CGridOperators(grid), 2, true, phi));
        CGridOperators fresh = new CGridOperators(grid);
        DiffusionKernel[] seen = new DiffusionKernel[4];
        Thread[] threads = new Thread[seen.length];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> seen[id] = PolarScaling.kernel(fresh, 2, true, phi));
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (DiffusionKernel k : seen) {
            assertSame(seen[0], k);
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
