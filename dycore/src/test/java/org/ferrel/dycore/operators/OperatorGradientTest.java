package org.ferrel.dycore.operators;

import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.ferrel.autodiff.check.GradientCheck.assertTaylorRate;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.PlaneGrid;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Dot-product and Taylor tests for every C-grid operator, the dynamics and the polar filter. */
class OperatorGradientTest {
    private final Eager o = Eager.serial();

    private record Case(String name, Derivatives.Function f, Tensor[] x) {
    }

    /**
     * Divides each output by its rms at x, so that the Taylor test's scalar is O(1) whatever the
     * units (operators carry factors like 1/dx ~ 1e-6) and rounding does not hide the h^2 remainder.
     */
    private Case normalised(String name, Derivatives.Function f, Tensor[] x) {
        Tensor[] y = f.apply(o, x);
        double[] scale = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double rms = Math.sqrt(o.mean(o.square(y[i])).item());
            scale[i] = rms == 0 ? 1.0 : 1.0 / rms;
        }
        return new Case(name, (q, in) -> {
            Tensor[] out = f.apply(q, in);
            for (int i = 0; i < out.length; i++) {
                out[i] = q.mul(out[i], scale[i]);
            }
            return out;
        }, x);
    }

    private List<Case> cases() {
        List<Case> c = new ArrayList<>();
        LatLonGrid sphere = new LatLonGrid(16, 8, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
        Grid[] grids = {sphere, new PlaneGrid(8, 6, 1e6, 8e5, 1e-4)};
        long seed = 1;
        for (Grid g : grids) {
            CGridOperators ops = new CGridOperators(g);
            String n = g instanceof LatLonGrid ? "sphere " : "plane ";
            Tensor a = GradientCheck.random(o, new Shape[] {g.shape()}, seed++)[0];
            Tensor b = GradientCheck.random(o, new Shape[] {g.shape()}, seed++)[0];
            c.add(normalised(n + "ddxAtU", (q, in) -> new Tensor[] {ops.ddxAtU(q, in[0])}, new Tensor[] {a}));
            c.add(normalised(n + "ddyAtV", (q, in) -> new Tensor[] {ops.ddyAtV(q, in[0])}, new Tensor[] {a}));
            c.add(normalised(n + "divergenceAtCenter", (q, in) -> new Tensor[] {ops.divergenceAtCenter(q, in[0], in[1])},
                    new Tensor[] {a, b}));
            c.add(normalised(n + "curlAtCorner", (q, in) -> new Tensor[] {ops.curlAtCorner(q, in[0], in[1])}, new Tensor[] {a, b}));
            c.add(normalised(n + "laplacianAtCenter", (q, in) -> new Tensor[] {ops.laplacianAtCenter(q, in[0])}, new Tensor[] {a}));
            c.add(normalised(n + "vectorLaplacian", (q, in) -> ops.vectorLaplacian(q, in[0], in[1]), new Tensor[] {a, b}));
            Tensor weight = o.constant(Shape.of(g.ny(), 1), GradientCheck.random(o, new Shape[] {Shape.of(g.ny())}, seed++)[0].values());
            c.add(normalised(n + "weighted laplacian and vector laplacian", (q, in) -> {
                Tensor[] vl = ops.vectorLaplacian(q, in[0], in[1], weight, weight);
                return new Tensor[] {ops.laplacianAtCenter(q, in[0], weight), vl[0], vl[1]};
            }, new Tensor[] {a, b}));
            c.add(normalised(n + "averages", (q, in) -> new Tensor[] {ops.centerToCorner(q, in[0]), ops.uToCenter(q, in[1]),
                ops.vToCenter(q, in[1]), ops.cornerToU(q, in[0]), ops.cornerToV(q, in[1])}, new Tensor[] {a, b}));
            // the dynamics: a balanced-ish state plus noise, differentiated w.r.t. state, gravity and topography
            Tensor h = o.add(o.mul(a, 50.0), 5000.0);
            Tensor u = o.mul(b, 10.0);
            Tensor v = o.mul(GradientCheck.random(o, new Shape[] {g.shape()}, seed++)[0],
                    o.mul(o.constant(Shape.of(g.ny(), 1), g.vMask()), 10.0));
            Tensor topo = o.mul(GradientCheck.random(o, new Shape[] {g.shape()}, seed++)[0], 100.0);
            c.add(normalised(n + "shallow-water tendency", (q, in) -> org.ferrel.dycore.shallowwater.ShallowWaterDynamics
                    .tendency(q, ops, new State(in[0], in[1], in[2]), in[3], in[4]).toArray(),
                    new Tensor[] {h, u, v, o.scalar(9.80616), topo}));
        }
        PolarFilter filter = new PolarFilter(sphere, Math.toRadians(40));
        Tensor a = GradientCheck.random(o, new Shape[] {sphere.shape()}, 99)[0];
        c.add(normalised("polar filter", (q, in) -> filter.apply(q, new State(in[0], in[0], in[0])).toArray(), new Tensor[] {a}));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> dotProduct() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.name,
                () -> assertDotProduct(GradientCheck.dotProduct(o, k.f, k.x, 3), 1e-13)));
    }

    @TestFactory
    Stream<DynamicTest> taylor() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.name,
                () -> assertTaylorRate(GradientCheck.taylor(o, k.f, k.x, 7, 1e-1, 4), 0.1, 4)));
    }
}
