package org.ferrel.dycore.shallowwater;

import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ferrel.dycore.shallowwater.HelmholtzSolverTest.max;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;
import org.junit.jupiter.api.Test;

/**
 * The single-pass stencils of the linear gravity-wave operator: equal to the composite C-grid
 * operators to rounding, and each transpose the adjoint of its operator (dot-product tests of all
 * four primitives, and {@code <A x, y> = <x, A^T y>} on plain values).
 */
class GravityWaveStencilsTest {
    private final Eager o = Eager.serial();
    private final LatLonGrid grid = new LatLonGrid(27, 14, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
    private final GravityWaveStencils stencils = new GravityWaveStencils(grid, Model.STANDARD_GRAVITY, 6000);
    private final Shape field = grid.shape();
    private final Shape pair = Shape.of(2, grid.ny(), grid.nx());


    @Test
    void stencilsEqualTheCompositeOperators() {
        LinearGravityWaves waves = new LinearGravityWaves(new CGridOperators(grid), Model.STANDARD_GRAVITY, 6000);
        Tensor[] r = GradientCheck.random(o, new Shape[] {field, field, field}, 3);
        State x = new State(o.mul(r[0], 100.0), o.mul(r[1], 10.0),
                o.mul(o.mul(r[2], 10.0), o.constant(Shape.of(grid.ny(), 1), grid.vMask())));
        Tensor[] fused = waves.terms(o, x).toArray();
        Tensor[] composite = waves.compositeTerms(o, x).toArray();
        for (int f = 0; f < 3; f++) {
            double difference = max(o.sub(fused[f], composite[f]));
            assertTrue(difference <= 1e-14 * max(composite[f]), State.NAMES[f] + ": " + difference);
        }
    }

    @Test
    void everyStencilPassesTheDotProductTest() {
        Tensor[] uv = GradientCheck.random(o, new Shape[] {field, field}, 5);
        Tensor[] h = GradientCheck.random(o, new Shape[] {field}, 6);
        Tensor[] stacked = GradientCheck.random(o, new Shape[] {pair}, 7);
        assertDotProduct(GradientCheck.dotProduct(o, (q, in) -> new Tensor[] {q.bind(stencils.divergence, in)}, uv, 1),
                1e-13);
        assertDotProduct(GradientCheck.dotProduct(o,
                (q, in) -> new Tensor[] {q.bind(stencils.divergenceTransposed, in)}, h, 2), 1e-13);
        assertDotProduct(GradientCheck.dotProduct(o, (q, in) -> new Tensor[] {q.bind(stencils.gradient, in)}, h, 3),
                1e-13);
        assertDotProduct(GradientCheck.dotProduct(o,
                (q, in) -> new Tensor[] {q.bind(stencils.gradientTransposed, in)}, stacked, 4), 1e-13);
    }

    @Test
    void transposesAreTheTransposedMatrices() {
        Tensor[] uv = GradientCheck.random(o, new Shape[] {field, field}, 8);
        Tensor c = GradientCheck.random(o, new Shape[] {field}, 9)[0];
        double left = o.dot(o.bind(stencils.divergence, uv), c).item();
        Tensor back = o.bind(stencils.divergenceTransposed, c);
        double right = o.dot(back, o.stack(uv[0], uv[1])).item();
        assertEquals(left, right, 1e-13 * Math.abs(left));
        Tensor h = GradientCheck.random(o, new Shape[] {field}, 10)[0];
        Tensor cuv = GradientCheck.random(o, new Shape[] {pair}, 11)[0];
        left = o.dot(o.bind(stencils.gradient, h), cuv).item();
        right = o.dot(h, o.bind(stencils.gradientTransposed, cuv)).item();
        assertEquals(left, right, 1e-13 * Math.abs(left));
    }
}
