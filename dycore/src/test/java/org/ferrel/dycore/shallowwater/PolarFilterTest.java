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
    void rowsOfAnyLengthAreFilteredByBluesteinsTransformAsByTheCirculantMatrices() {
        for (LatLonGrid g : new LatLonGrid[] {new LatLonGrid(20, 10, 6.371e6, 7.29e-5),
                new LatLonGrid(90, 45, 6.371e6, 7.29e-5), new LatLonGrid(45, 24, 6.371e6, 7.29e-5)}) {
            PolarFilter f = new PolarFilter(g, Math.toRadians(45));
            Tensor[] t = GradientCheck.random(o, new Shape[] {g.shape(), g.shape(), g.shape()}, 11);
            State s = new State(t[0], t[1], t[2]);
            assertAgreement(GradientCheck.compare("Bluestein vs circulant, nx = " + g.nx(), f.apply(o, s).toArray(),
                    f.applyAsSparseMatrices(o, s).toArray()), 1e-13);
            Derivatives.Function fn = (q, in) -> f.apply(q, new State(in[0], in[1], in[2])).toArray();
            assertDotProduct(GradientCheck.dotProduct(o, fn, t, 12), 1e-13);
        }
    }

    @Test
    void aQuarterDegreeGridIsFilteredWithMemoryLinearInTheRowLength() {
        // 1,440 longitudes (not a power of two): the dense circulants took more than 14 GB
        LatLonGrid g = LatLonGrid.earth(0.25);
        PolarFilter f = new PolarFilter(g, Math.toRadians(60));
        double[] x = new double[g.nx() * g.ny()];
        int row = 700;
        for (int i = 0; i < g.nx(); i++) {
            x[row * g.nx() + i] = 1 + Math.cos(2 * Math.PI * 3 * i / g.nx()) + Math.cos(2 * Math.PI * 700 * i / g.nx());
        }
        double[] y = f.filterField(o, o.constant(g.shape(), x), false).values();
        // wavenumber 0 and 3 pass (their response is 1 at this latitude), 700 is damped to S(700, phi)
        double phi = g.latitude(row);
        double s700 = f.response(700, phi);
        for (int i = 0; i < g.nx(); i += 97) {
            double expected = 1 + Math.cos(2 * Math.PI * 3 * i / g.nx()) * f.response(3, phi)
                    + s700 * Math.cos(2 * Math.PI * 700 * i / g.nx());
            assertEquals(expected, y[row * g.nx() + i], 1e-12);
        }
        assertEquals(0.0, y[(row - 1) * g.nx() + 5], 0.0);
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
