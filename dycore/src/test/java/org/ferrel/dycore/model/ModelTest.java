package org.ferrel.dycore.model;

import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.ferrel.autodiff.check.GradientCheck.assertTaylorRate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.dycore.time.Rk4;
import org.junit.jupiter.api.Test;

/** The Model: its parameters, its checks, and the derivatives of a whole step. */
class ModelTest {
    private final Eager o = Eager.serial();
    private final LatLonGrid grid = new LatLonGrid(32, 16, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);

    private Model model(double dt) {
        InitialCondition ic = Williamson.case5();
        double[] target = InitialCondition.sample(grid, org.ferrel.dycore.grid.Location.CENTER, ic::depth);
        return Model.builder(grid).topography(ic.topography(grid)).timeStep(dt)
                .filter(new PolarFilter(grid, Math.toRadians(45)))
                .term(new Hyperdiffusion(1e15, true))
                .term(new RayleighDrag(1e-6))
                .term(new NewtonianRelaxation(86400.0 * 5, target, grid))
                .build();
    }

    @Test
    void parametersAreDeclaredByNameWithUnits() {
        Model m = model(900);
        List<String> names = m.parameters().stream().map(Parameter::name).toList();
        assertEquals(List.of("gravity", "topography", "hyperdiffusion.coefficient", "drag.rate", "relaxation.timeScale",
                "relaxation.target"), names);
        assertEquals("m^4/s", m.parameters().get(2).units());
        ParameterValues values = m.values(m.defaultParameters(o));
        assertEquals(1e-6, values.get("drag.rate").item());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> values.get("drag"));
        assertTrue(e.getMessage().contains("drag.rate"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Model.builder(grid).timeStep(1).term(new RayleighDrag(1)).term(new RayleighDrag(2)).build());
    }

    @Test
    void cflCheckRejectsAnUnstableStepAndNamesTheLargestStableOne() {
        Model unfiltered = Model.builder(grid).timeStep(900).build();
        State s = Williamson.case5().state(o, grid);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> unfiltered.checkCfl(s, unfiltered.defaultParameters(o)));
        assertTrue(e.getMessage().contains("time step 900.0 s is unstable") && e.getMessage().contains("polar filter"),
                e.getMessage());
        model(900).checkCfl(s, model(900).defaultParameters(o));
    }

    @Test
    void stepCheckCoversStiffDiffusionAndPolarScalingKeepsItStable() {
        LatLonGrid g28 = LatLonGrid.earth(2.8125);
        State s = Williamson.case5().state(o, g28);
        Model tooStrong = Model.builder(g28).timeStep(300).filter(new PolarFilter(g28, Math.toRadians(45)))
                .term(new Hyperdiffusion(1e18, false)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tooStrong.checkCfl(s, tooStrong.defaultParameters(o)));
        assertTrue(e.getMessage().contains("hyperdiffusion") && e.getMessage().contains("smaller coefficient"), e.getMessage());
        // with the polar scaling, nu4 = 1e15 m^4/s at 300 s runs (unscaled it blew up within 11 steps near the pole)
        Model scaled = Model.builder(g28).timeStep(300).filter(new PolarFilter(g28, Math.toRadians(45)))
                .term(new Hyperdiffusion(1e15, false)).build();
        scaled.run(o, s, scaled.defaultParameters(o), 30, Model.StepObserver.NONE);
        Model unscaled = Model.builder(g28).timeStep(300).filter(new PolarFilter(g28, Math.toRadians(45)))
                .term(new Hyperdiffusion(1e15, false, Double.NaN)).build();
        assertThrows(BlowUpException.class, () -> unscaled.run(o, s, unscaled.defaultParameters(o), 30, Model.StepObserver.NONE));
    }

    @Test
    void blowUpNamesStepFieldAndLocation() {
        Model m = Model.builder(grid).timeStep(900).filter(new PolarFilter(grid, Math.toRadians(45))).build();
        State s = Williamson.case5().state(o, grid);
        double[] h = s.h().values();
        h[5 * grid.nx() + 7] = Double.NaN;
        State bad = new State(o.constant(grid.shape(), h), s.u(), s.v());
        BlowUpException e = assertThrows(BlowUpException.class,
                () -> m.run(o, bad, m.defaultParameters(o), 3, Model.StepObserver.NONE));
        assertEquals(1, e.step());
        assertTrue(e.getMessage().contains("lat") && e.getMessage().contains("lon"), e.getMessage());
    }

    /** The state and the six parameters of a whole step of {@link #model}, and the step as a function of them. */
    private Tensor[] stepInputs(Model m) {
        State s = Williamson.case5().state(o, grid);
        Tensor[] p = m.defaultParameters(o);
        return new Tensor[] {s.h(), s.u(), s.v(), p[0], p[1], p[2], p[3], p[4], p[5]};
    }

    /**
     * Dot-product test of a whole step with respect to all nine inputs at once, in one random direction
     * of entries in [-1, 1) (so the parameters of large magnitude, e.g. the hyperdiffusion coefficient
     * of 1e15, are hardly perturbed: {@code WholeStepGradientTest} checks each input on its own).
     */
    @Test
    void wholeStepPassesTheDotProductTest() {
        Model m = model(600);
        Derivatives.Function step = (q, in) -> m.step(q, new State(in[0], in[1], in[2]),
                m.values(new Tensor[] {in[3], in[4], in[5], in[6], in[7], in[8]})).toArray();
        assertDotProduct(GradientCheck.dotProduct(o, step, stepInputs(m), 11), 1e-13);
    }

    /**
     * Taylor test of the total energy after one step, perturbed in the state and the topography. The
     * energy is nearly conserved, which makes it blind to errors in terms that do no work (the
     * Coriolis term): {@code AdjointMutationTest} shows which planted errors this passes;
     * {@code WholeStepGradientTest} has the Taylor test through a generic weighted sum.
     */
    @Test
    void wholeStepEnergyPassesTheTaylorTest() {
        Model m = model(600);
        State s = Williamson.case5().state(o, grid);
        Tensor[] p = m.defaultParameters(o);
        Derivatives.ScalarFunction energy = (q, in) -> {
            State next = m.step(q, new State(in[0], in[1], in[2]), m.values(new Tensor[] {p[0], in[3], p[2], p[3], p[4], p[5]}));
            return q.mul(Diagnostics.energy(q, m.operators(), next, p[0], in[3]), 1e-20);
        };
        Tensor[] y = {s.h(), s.u(), s.v(), p[1]};
        Tensor[] v = GradientCheck.random(o, GradientCheck.shapes(y), 5);
        assertTaylorRate(GradientCheck.taylor(o, energy, y, v, 1e0, 4), 0.1, 4);
    }

    @Test
    void rk4AndSspRk3AgreeOnAShortRun() {
        State s = Williamson.case2(0.3).state(o, grid);
        Model rk3 = Model.builder(grid).timeStep(300).filter(new PolarFilter(grid, Math.toRadians(45))).build();
        Model rk4 = Model.builder(grid).timeStep(300).integrator(new Rk4()).filter(new PolarFilter(grid, Math.toRadians(45))).build();
        State a = rk3.run(o, s, rk3.defaultParameters(o), 20, Model.StepObserver.NONE);
        State b = rk4.run(o, s, rk4.defaultParameters(o), 20, Model.StepObserver.NONE);
        double diff = o.sum(o.abs(o.sub(a.h(), b.h()))).item() / o.sum(a.h()).item();
        assertTrue(diff < 1e-7, "relative difference of h " + diff);
    }
}
