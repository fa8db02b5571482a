package org.ferrel.physics.forcing;

import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.ferrel.autodiff.check.GradientCheck.assertTaylorRate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.model.TendencyTerm;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.physics.basis.Basis;
import org.ferrel.physics.basis.Harmonics;
import org.junit.jupiter.api.Test;

/** The basis-function terms: their equations, mass budget, parameters with priors, and derivatives. */
class ForcingTermsTest {
    private final Eager o = Eager.serial();
    private final LatLonGrid grid = LatLonGrid.earth(11.25);
    private final CGridOperators ops = new CGridOperators(grid);
    private final Basis zonal = Harmonics.zonalLegendre(grid, 2);
    private final Basis sh = Harmonics.realSpherical(grid, 1, 2);

    @Test
    void relaxationPullsTowardTheEquilibriumField() {
        EquilibriumRelaxation r = new EquilibriumRelaxation(zonal, 86400, 86400, new double[] {5000, 0, 400}, 500);
        State s = Williamson.case5().state(o, grid);
        Tensor[] p = r.defaults(o);
        double[] dh = r.tendency(o, ops, s, new ParameterValues(r.parameters(), p)).h().values();
        double[] eq = zonal.field(new double[] {5000, 0, 400});
        for (int k = 0; k < dh.length; k++) {
            assertEquals((eq[k] - s.h().values()[k]) / 86400, dh[k], 1e-12);
        }
        assertEquals(List.of(EquilibriumRelaxation.TIME_SCALE, EquilibriumRelaxation.COEFFICIENTS),
                r.parameters().stream().map(q -> q.name()).toList());
        assertEquals(Shape.of(3), r.parameters().get(1).shape());
        assertEquals(500.0, r.parameters().get(1).prior().spread());
        assertEquals(86400.0, r.parameters().get(0).prior().mean());
    }

    @Test
    void forcingWithoutTheMeanKeepsMass() {
        double[] c = new double[sh.size()];
        for (int k = 0; k < c.length; k++) {
            c[k] = 1e-5 * (k + 1);
        }
        BasisForcing f = new BasisForcing(sh, c, 1e-5);
        State s = Williamson.case5().state(o, grid);
        Tensor dh = f.tendency(o, ops, s, new ParameterValues(f.parameters(), f.defaults(o))).h();
        double integral = ops.integral(o, dh).item();
        double scale = ops.integral(o, o.abs(dh)).item();
        // the cell-area quadrature of a degree >= 1 harmonic vanishes to O(dphi^2)
        assertEquals(0.0, integral / scale, 2e-3);
        assertThrows(IllegalArgumentException.class, () -> new BasisForcing(sh, new double[3], 1));
    }

    @Test
    void termsAreDifferentiableInStateAndParameters() {
        List<TendencyTerm> terms = List.of(
                new EquilibriumRelaxation(sh, 5 * 86400, 86400, new double[sh.size()], 100),
                new BasisForcing(zonal, new double[] {1e-5, 2e-5, -1e-5}, 1e-5));
        for (TendencyTerm t : terms) {
            Tensor[] defaults = t.defaults(o);
            Derivatives.Function f = (q, in) -> {
                Tensor[] p = new Tensor[defaults.length];
                System.arraycopy(in, 3, p, 0, p.length);
                State d = t.tendency(q, ops, new State(in[0], in[1], in[2]), new ParameterValues(t.parameters(), p));
                return new Tensor[] {d.h()};
            };
            Tensor[] state = GradientCheck.random(o, new Shape[] {grid.shape(), grid.shape(), grid.shape()}, 3);
            Tensor[] args = new Tensor[3 + defaults.length];
            System.arraycopy(state, 0, args, 0, 3);
            for (int k = 0; k < defaults.length; k++) {
                args[3 + k] = o.add(defaults[k], GradientCheck.random(o, new Shape[] {defaults[k].shape()}, 11 + k)[0]);
            }
            assertDotProduct(GradientCheck.dotProduct(o, f, args, 5), 1e-12);
            assertTaylorRate(GradientCheck.taylor(o, f, args, 7, 1e-2, 3), 0.1, 3);
        }
    }

    @Test
    void modelCollectsThePriorsAndChecksTheRelaxationRate() {
        EquilibriumRelaxation r = new EquilibriumRelaxation(zonal, 600, 600, new double[] {5000, 0, 0}, 100);
        Model m = Model.builder(grid).timeStep(3600).filter(new PolarFilter(grid, Math.toRadians(45))).term(r).build();
        assertTrue(m.parameters().stream().anyMatch(p -> p.name().equals(EquilibriumRelaxation.COEFFICIENTS)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.checkCfl(Williamson.case5().state(o, grid), m.defaultParameters(o)));
        assertTrue(e.getMessage().contains("equilibriumRelaxation"), e.getMessage());
    }
}
