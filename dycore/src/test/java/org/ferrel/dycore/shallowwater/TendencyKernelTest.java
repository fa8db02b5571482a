package org.ferrel.dycore.shallowwater;

import static org.ferrel.autodiff.check.GradientCheck.assertAgreement;
import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.ferrel.autodiff.check.GradientCheck.assertTaylorRate;

import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.Tape;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.exec.RangeKernel;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.PlaneGrid;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The fused shallow-water tendency: values, tangent and adjoint against the composite form. */
class TendencyKernelTest {
    private final Eager o = Eager.serial();

    private Tensor[] inputs(Grid g, long seed) {
        Tensor[] r = GradientCheck.random(o, new Shape[] {g.shape(), g.shape(), g.shape(), g.shape()}, seed);
        Tensor mask = o.constant(Shape.of(g.ny(), 1), g.vMask());
        return new Tensor[] {o.add(o.mul(r[0], 100.0), 5000.0), o.mul(r[1], 20.0), o.mul(o.mul(r[2], 20.0), mask),
            o.scalar(9.80616), o.mul(r[3], 300.0)};
    }

    private void check(Grid g, double[] coriolisField) {
        CGridOperators ops = new CGridOperators(g, coriolisField);
        TendencyKernel kernel = new TendencyKernel(ops);
        Tensor[] x = inputs(g, 5);
        for (GradientCheck.Agreement a : GradientCheck.fusedAgainstComposite(o, kernel, x, 7)) {
            assertAgreement(a, 1e-12);
        }
        Derivatives.Function f = (q, in) -> new Tensor[] {q.mul(q.bind(kernel, in), 1e4)};
        assertDotProduct(GradientCheck.dotProduct(o, f, x, 9), 1e-13);
        assertTaylorRate(GradientCheck.taylor(o, f, x, 11, 1e-1, 4), 0.1, 4);
    }

    @Test
    void sphere() {
        check(new LatLonGrid(16, 8, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION), null);
    }

    @Test
    void sphereWithACoriolisField() {
        LatLonGrid g = new LatLonGrid(16, 8, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
        check(g, Williamson.case2(0.7).coriolis(g));
    }

    @Test
    void plane() {
        check(new PlaneGrid(8, 6, 1e6, 8e5, 1e-4), null);
    }

    @Test
    void fusedStateTendencyEqualsComposite() {
        LatLonGrid g = LatLonGrid.earth(11.25);
        CGridOperators ops = new CGridOperators(g);
        State s = Williamson.case5().state(o, g);
        Tensor b = o.constant(g.shape(), Williamson.case5().topography(g));
        State fused = ShallowWaterDynamics.tendency(o, new TendencyKernel(ops), s, o.scalar(9.80616), b);
        State composite = ShallowWaterDynamics.compositeTendency(o, ops, s, o.scalar(9.80616), b);
        assertAgreement(GradientCheck.compare("fused vs composite tendency", fused.toArray(), composite.toArray()), 1e-13);
    }

    /**
     * The kernel reuses per-thread work arrays; a call re-entered on the same thread (here: a
     * backend that evaluates the kernel on other inputs inside every loop it runs) must not share
     * them. Values and cotangents equal those of plain serial calls bit for bit.
     */
    @Test
    void reentrantCallsOnOneThreadDoNotShareWorkArrays() {
        LatLonGrid g = new LatLonGrid(16, 8, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
        TendencyKernel kernel = new TendencyKernel(new CGridOperators(g));
        Tensor[] x = inputs(g, 5);
        Tensor[] other = inputs(g, 6);
        Backend reentrant = new Backend() {
            @Override
            public void forRange(int n, int work, RangeKernel k) {
                Tape tape = new Tape(Eager.serial());
                Tensor y = tape.bind(kernel, tape.variables(other));
                tape.gradient(tape.sum(tape.square(y)), tape.variable(other[0]));
                Eager.serial().bind(kernel, other);
                k.run(0, n);
            }

            @Override
            public int threads() {
                return 1;
            }
        };
        Eager nested = new Eager(reentrant);
        Tape tape = new Tape(nested);
        Tensor[] in = tape.variables(x);
        Tensor y = tape.bind(kernel, in);
        Tensor[] grad = tape.gradient(tape.sum(tape.square(y)), in);
        Tape plainTape = new Tape(o);
        Tensor[] plainIn = plainTape.variables(x);
        Tensor plainY = plainTape.bind(kernel, plainIn);
        Tensor[] plainGrad = plainTape.gradient(plainTape.sum(plainTape.square(plainY)), plainIn);
        assertArrayEquals(plainY.values(), y.values());
        assertArrayEquals(o.bind(kernel, x).values(), nested.bind(kernel, x).values());
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(plainGrad[i].values(), grad[i].values());
        }
    }
}
