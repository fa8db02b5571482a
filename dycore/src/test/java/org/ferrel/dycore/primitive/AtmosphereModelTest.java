package org.ferrel.dycore.primitive;

import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.ferrel.autodiff.check.GradientCheck.assertTaylorRate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.cases.JablonowskiWilliamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.BlowUpException;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.junit.jupiter.api.Test;

/** The primitive-equation model: its parameters, its checks, and the derivatives of a step and of a run. */
class AtmosphereModelTest {
    private final Eager o = Eager.serial();
    private final LatLonGrid grid = JablonowskiWilliamson.grid(22.5);
    private final SigmaCoordinate sigma = new SigmaCoordinate(new double[] {0, 0.2, 0.45, 0.75, 1});

    private AtmosphereModel model(double dt) {
        return model(dt, new HeldSuarez());
    }

    private AtmosphereModel model(double dt, HeldSuarez forcing) {
        return AtmosphereModel.builder(grid, sigma).surfaceGeopotential(JablonowskiWilliamson.surfaceGeopotential(grid))
                .filter(new PolarFilter(grid, Math.toRadians(60))).term(forcing)
                .term(new AtmosphereHyperdiffusion(AtmosphereHyperdiffusion.forTimeScale(grid, 86400.0)))
                .timeStep(dt).build();
    }

    @Test
    void parametersAreDeclaredByNameWithUnitsAndPriors() {
        AtmosphereModel m = model(1800);
        List<String> names = m.parameters().stream().map(Parameter::name).toList();
        assertEquals(List.of("surfaceGeopotential", HeldSuarez.FRICTION_RATE, HeldSuarez.ATMOSPHERE_COOLING_RATE,
                HeldSuarez.SURFACE_COOLING_RATE, HeldSuarez.MERIDIONAL_TEMPERATURE_DIFFERENCE,
                HeldSuarez.VERTICAL_POTENTIAL_TEMPERATURE_DIFFERENCE, HeldSuarez.BOUNDARY_LAYER_TOP,
                HeldSuarez.MINIMUM_TEMPERATURE, HeldSuarez.SURFACE_EQUILIBRIUM_TEMPERATURE,
                AtmosphereHyperdiffusion.COEFFICIENT), names);
        assertEquals(1.0 / 86400, m.values(m.defaultParameters(o)).get(HeldSuarez.FRICTION_RATE).item());
        assertEquals(315.0, m.parameters().get(8).prior().mean());
        assertThrows(IllegalArgumentException.class, () -> AtmosphereModel.builder(grid, sigma).timeStep(1)
                .term(new HeldSuarez()).term(new HeldSuarez()).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HeldSuarez(1e-5, 1e-6, 1e-5, 60, 10, 1.5, 200, 315));
        assertTrue(e.getMessage().contains(HeldSuarez.BOUNDARY_LAYER_TOP), e.getMessage());
    }

    @Test
    void heldSuarezEquilibriumTemperatureIsThePapers() {
        AtmosphereModel m = model(1800);
        HeldSuarez hs = new HeldSuarez();
        Tensor ps = o.full(grid.shape(), 1e5);
        double[] teq = hs.equilibriumTemperature(o, m.dynamics(), ps, m.values(m.defaultParameters(o))).values();
        int n = grid.nx() * grid.ny();
        for (int k = 0; k < sigma.levels(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                double phi = grid.latitude(j);
                double p = sigma.midLevel(k);
                double s2 = Math.sin(phi) * Math.sin(phi);
                double expected = Math.max(200, (315 - 60 * s2 - 10 * Math.log(p) * (1 - s2)) * Math.pow(p, 2.0 / 7.0));
                assertEquals(expected, teq[k * n + j * grid.nx() + 3], 1e-10 * expected, "level " + k + ", row " + j);
            }
        }
    }

    @Test
    void cflCheckNamesTheLargestStableStep() {
        AtmosphereModel m = model(1e5);
        AtmosphereState s = JablonowskiWilliamson.steadyState(o, grid, sigma);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.checkCfl(s, m.defaultParameters(o)));
        assertTrue(e.getMessage().contains("time step 100000.0 s is unstable") && e.getMessage().contains("use at most"),
                e.getMessage());
    }

    @Test
    void blowUpNamesFieldLevelAndPlace() {
        AtmosphereModel m = model(1800);
        AtmosphereState s = JablonowskiWilliamson.steadyState(o, grid, sigma);
        double[] t = s.temperature().values().clone();
        t[2 * grid.nx() * grid.ny() + 5 * grid.nx() + 7] = -1;
        AtmosphereState bad = new AtmosphereState(s.u(), s.v(), o.constant(s.temperature().shape(), t), s.surfacePressure());
        BlowUpException e = assertThrows(BlowUpException.class, () -> m.checkHealth(3, bad));
        assertTrue(e.getMessage().contains("temperature") && e.getMessage().contains("level 2")
                && e.getMessage().contains("not a positive temperature"), e.getMessage());
    }

    /** Every input of a step: the state and all parameters. */
    private Tensor[] inputs(AtmosphereModel m) {
        AtmosphereState s = PrimitiveEquationsTest.roughState(o, grid, sigma, 5);
        Tensor[] p = m.defaultParameters(o);
        Tensor[] x = new Tensor[4 + p.length];
        System.arraycopy(s.toArray(), 0, x, 0, 4);
        System.arraycopy(p, 0, x, 4, p.length);
        return x;
    }

    private static Tensor[] step(AtmosphereModel m, org.ferrel.autodiff.Ops q, Tensor[] x) {
        Tensor[] p = java.util.Arrays.copyOfRange(x, 4, x.length);
        return m.step(q, AtmosphereState.of(java.util.Arrays.copyOf(x, 4)), m.values(p)).toArray();
    }

    @Test
    void stepPassesTheDotProductTest() {
        AtmosphereModel m = model(1800);
        Tensor[] x = inputs(m);
        GradientCheck.DotProduct r = GradientCheck.dotProduct(o, (q, in) -> step(m, q, in), x, 17);
        assertDotProduct(r, 1e-12);
    }

    @Test
    void stepPassesTheTaylorTestWithARandomWeightedScalar() {
        // T_min = 100 K keeps the floor of T_eq inactive everywhere: the step is then smooth, and the
        // remainder is not disturbed by perturbations that cross its kink
        AtmosphereModel m = model(1800, new HeldSuarez(1 / 86400.0, 1 / (40 * 86400.0), 1 / (4 * 86400.0), 60, 10, 0.7,
                100, 315));
        Tensor[] x = inputs(m);
        Random r = new Random(8);
        Tensor[] out = step(m, o, x);
        Tensor[] w = new Tensor[4];
        for (int f = 0; f < 4; f++) {
            double[] values = new double[out[f].shape().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.nextGaussian();
            }
            w[f] = o.constant(out[f].shape(), values);
        }
        // directions scaled to each input: 1 m/s, 1 K, 100 Pa, 1 % of each parameter
        Tensor[] v = GradientCheck.random(o, GradientCheck.shapes(x), 23);
        v[1] = o.mul(v[1], m.dynamics().operators().vMask());
        v[3] = o.mul(v[3], 100.0);
        for (int i = 4; i < x.length; i++) {
            v[i] = o.mul(v[i], x[i].shape().size() == 1 ? 0.01 * x[i].item() : 100.0);
        }
        Derivatives.ScalarFunction loss = (q, in) -> {
            Tensor[] y = step(m, q, in);
            Tensor total = q.dot(w[0], y[0]);
            for (int f = 1; f < 4; f++) {
                total = q.add(total, q.dot(w[f], y[f]));
            }
            return total;
        };
        GradientCheck.Taylor t = GradientCheck.taylor(o, loss, x, v, 1.0, 3);
        System.out.println("Taylor remainders " + java.util.Arrays.toString(t.remainders()) + " rates "
                + java.util.Arrays.toString(t.rates()));
        assertTaylorRate(t, 0.1, 2);
    }

    @Test
    void gradientOfAHundredStepsWithBinomialCheckpointingMatchesFiniteDifferences() {
        AtmosphereGradient g = new AtmosphereGradient(22.5, 4, 1800, 100);
        Tensor[] gradient = g.gradient(8);
        double[] errors = g.compare(gradient, 6, 1e-3);
        double worst = 0;
        for (double e : errors) {
            worst = Math.max(worst, e);
        }
        System.out.println(String.format(Locale.ROOT, "100-step gradient against central differences: worst %.2e of %s",
                worst, java.util.Arrays.toString(errors)));
        // measured: worst 3.5e-8, most near 1e-9 (docs/validation.md)
        assertTrue(worst < 2e-7, java.util.Arrays.toString(errors));
    }
}
