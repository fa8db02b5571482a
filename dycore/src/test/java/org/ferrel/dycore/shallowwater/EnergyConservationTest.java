package org.ferrel.dycore.shallowwater;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.PlaneGrid;
import org.ferrel.dycore.model.Diagnostics;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;
import org.junit.jupiter.api.Test;

/**
 * The semi-discrete shallow-water equations conserve the total energy
 * {@code E = sum A [h K + g (h^2/2 + h b)]} (Sadourny 1975: the Coriolis term does no work, and with
 * the face-area weights of {@link KineticEnergyWeights} the Bernoulli function is dE/dh). Checked on
 * a rough random state over random topography, so that no term vanishes by symmetry: the rate
 * {@code <grad E, F(x)>} (grad E by reverse mode) against the sum of the magnitudes of its terms,
 * for the fused kernel and the composite form, on the sphere (with its own and with a rotated
 * Coriolis parameter) and on the plane.
 */
class EnergyConservationTest {
    private final Eager o = Eager.serial();

    private State roughState(Grid grid, long seed) {
        Random r = new Random(seed);
        int n = grid.nx() * grid.ny();
        double[] h = new double[n];
        double[] u = new double[n];
        double[] v = new double[n];
        double[] mask = grid.vMask();
        for (int k = 0; k < n; k++) {
            h[k] = 5000 + 300 * r.nextGaussian();
            u[k] = 20 * r.nextGaussian();
            v[k] = 20 * r.nextGaussian() * mask[k / grid.nx()];
        }
        return new State(o.constant(grid.shape(), h), o.constant(grid.shape(), u), o.constant(grid.shape(), v));
    }

    private static double relativeRate(Derivatives.Gradient gradient, State tendency) {
        Tensor[] rates = tendency.toArray();
        double rate = 0;
        double scale = 0;
        for (int field = 0; field < 3; field++) {
            double[] a = gradient.gradient()[field].values();
            double[] b = rates[field].values();
            for (int i = 0; i < a.length; i++) {
                rate += a[i] * b[i];
                scale += Math.abs(a[i] * b[i]);
            }
        }
        assertTrue(scale > 0);
        return rate / scale;
    }

    private void check(Grid grid, double[] coriolis) {
        CGridOperators ops = new CGridOperators(grid, coriolis);
        State s = roughState(grid, 17);
        Random r = new Random(5);
        double[] b = new double[grid.nx() * grid.ny()];
        for (int k = 0; k < b.length; k++) {
            b[k] = 500 * r.nextGaussian();
        }
        Tensor topography = o.constant(grid.shape(), b);
        Tensor gravity = o.scalar(9.80616);
        Derivatives.Gradient gradient = Derivatives.gradient(o,
                (q, x) -> Diagnostics.energy(q, ops, State.of(x), gravity, topography), s.toArray());
        double fused = relativeRate(gradient,
                ShallowWaterDynamics.tendency(o, new TendencyKernel(ops), s, gravity, topography));
        double composite = relativeRate(gradient,
                ShallowWaterDynamics.compositeTendency(o, ops, s, gravity, topography));
        System.out.printf("energy rate / sum of its terms' magnitudes on %s: fused %.2e, composite %.2e%n",
                grid, fused, composite);
        assertTrue(Math.abs(fused) <= 1e-14, "fused kernel: relative energy rate " + fused);
        assertTrue(Math.abs(composite) <= 1e-14, "composite form: relative energy rate " + composite);
    }

    @Test
    void sphere() {
        check(new LatLonGrid(32, 16, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION), null);
    }

    @Test
    void sphereWithARotatedCoriolisParameter() {
        LatLonGrid grid = new LatLonGrid(32, 16, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
        check(grid, Williamson.case2(Math.PI / 2 - 0.05).coriolis(grid));
    }

    @Test
    void plane() {
        check(new PlaneGrid(12, 10, 1e6, 8e5, 1e-4), null);
    }
}
