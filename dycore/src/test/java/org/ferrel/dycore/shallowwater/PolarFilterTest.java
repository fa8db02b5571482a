package org.ferrel.dycore.shallowwater;

import static org.ferrel.autodiff.check.GradientCheck.assertAgreement;
import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;
import org.junit.jupiter.api.Test;

/** The FFT polar filter equals its circulant-matrix form, is symmetric, and keeps zonal means. */
class PolarFilterTest {
    private final Eager o = Eager.serial();
    private final LatLonGrid grid = LatLonGrid.earth(5.625);
    private final PolarFilter filter = new PolarFilter(grid, Math.toRadians(45));

    private State randomState(long seed) {
        Tensor[] t = GradientCheck.random(o, new Shape[] {grid.shape(), grid.shape(), grid.shape()}, seed);
        return new State(t[0], t[1], t[2]);
    }

    @Test
    void fftFormEqualsTheCirculantMatrices() {
        State s = randomState(1);
        State fft = filter.apply(o, s);
        State dense = filter.applyAsSparseMatrices(o, s);
        assertAgreement(GradientCheck.compare("FFT vs circulant", fft.toArray(), dense.toArray()), 1e-14);
        assertEquals(grid.ny() / 2, filter.centreRowWorkItems(), "mirror rows share one complex FFT");
    }

    @Test
    void symmetricAndDifferentiable() {
        Derivatives.Function f = (q, in) -> filter.apply(q, new State(in[0], in[1], in[2])).toArray();
        Tensor[] x = randomState(2).toArray();
        assertDotProduct(GradientCheck.dotProduct(o, f, x, 3), 1e-13);
        // symmetric: <F a, b> = <a, F b>
        State a = randomState(4);
        State b = randomState(5);
        double ab = GradientCheck.inner(filter.apply(o, a).toArray(), b.toArray());
        double ba = GradientCheck.inner(a.toArray(), filter.apply(o, b).toArray());
        assertEquals(ab, ba, 1e-13 * Math.abs(ab));
        // second order differentiates the composite (sparse) form: H v of a quadratic through the filter
        Derivatives.ScalarFunction quadratic = (q, in) -> q.sum(q.square(filter.apply(q, new State(in[0], in[1], in[2])).h()));
        Tensor[] v = randomState(7).toArray();
        assertAgreement(GradientCheck.hessianVector(o, quadratic, x, v, 1e-3), 1e-9);
    }

    @Test
    void keepsZonalMeansAndHenceMass() {
        State s = randomState(6);
        CGridOperators ops = new CGridOperators(grid);
        double before = ops.integral(o, s.h()).item();
        double after = ops.integral(o, filter.apply(o, s).h()).item();
        assertEquals(before, after, 1e-13 * Math.abs(o.sum(o.abs(s.h())).item()) * grid.cellArea()[grid.ny() / 2]);
    }
}
