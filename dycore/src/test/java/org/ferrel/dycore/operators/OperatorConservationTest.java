package org.ferrel.dycore.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.PlaneGrid;
import org.junit.jupiter.api.Test;

/** Discrete conservation and symmetry: what makes mass exact and diffusion dissipative. */
class OperatorConservationTest {
    private final Eager o = Eager.serial();
    private final Grid[] grids = {LatLonGrid.earth(5.625), new PlaneGrid(24, 16, 2e6, 1.5e6, 1e-4)};

    private Tensor random(Grid g, long seed) {
        return GradientCheck.random(o, new Shape[] {g.shape()}, seed)[0];
    }

    @Test
    void integralOfADivergenceVanishes() {
        for (Grid g : grids) {
            CGridOperators ops = new CGridOperators(g);
            Tensor v = o.mul(random(g, 2), o.constant(Shape.of(g.ny(), 1), g.vMask()));
            Tensor div = ops.divergenceAtCenter(o, random(g, 1), v);
            double total = ops.integral(o, div).item();
            double scale = ops.integral(o, o.abs(div)).item();
            assertTrue(Math.abs(total) <= 1e-14 * scale, g + ": sum A div = " + total + " against " + scale);
        }
    }

    @Test
    void circulationSumsToZeroOnThePlane() {
        Grid g = grids[1];
        CGridOperators ops = new CGridOperators(g);
        Tensor zeta = ops.curlAtCorner(o, random(g, 3), random(g, 4));
        double total = ops.cornerIntegral(o, zeta).item();
        double scale = ops.cornerIntegral(o, o.abs(zeta)).item();
        assertTrue(Math.abs(total) <= 1e-14 * scale, "sum A zeta = " + total);
    }

    @Test
    void laplacianIsSymmetricAndNegative() {
        for (Grid g : grids) {
            CGridOperators ops = new CGridOperators(g);
            Tensor a = random(g, 5);
            Tensor b = random(g, 6);
            double ab = ops.integral(o, o.mul(a, ops.laplacianAtCenter(o, b))).item();
            double ba = ops.integral(o, o.mul(b, ops.laplacianAtCenter(o, a))).item();
            assertEquals(ab, ba, 1e-12 * Math.abs(ab), g + ": <a, L b> = <L a, b>");
            assertTrue(ops.integral(o, o.mul(a, ops.laplacianAtCenter(o, a))).item() < 0, "<a, L a> < 0");
        }
    }

    @Test
    void gridAreasSumToTheSphere() {
        LatLonGrid g = LatLonGrid.earth(2.8125);
        double sphere = 4 * Math.PI * g.radius() * g.radius();
        assertEquals(sphere, g.totalArea(), 1e-12 * sphere);
        assertEquals(2 * g.rotationRate(), g.coriolisAtCorner()[g.ny() - 1], 0.0, "f at the north pole");
        assertEquals(0.0, g.dxAtVRow()[g.ny() - 1], 0.0, "the pole face has no length");
    }
}
