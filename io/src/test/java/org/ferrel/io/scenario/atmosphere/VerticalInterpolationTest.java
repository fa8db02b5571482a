package org.ferrel.io.scenario.atmosphere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Dual;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.primitive.AtmosphereState;
import org.ferrel.io.scenario.Observable;
import org.ferrel.io.scenario.ObservedLevel;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioFile;
import org.ferrel.io.scenario.ScenarioModels;
import org.junit.jupiter.api.Test;

/** Fields at sigma and pressure levels: exact for fields linear in ln sigma, and differentiable in the surface pressure. */
class VerticalInterpolationTest {
    private final Eager o = Eager.serial();

    @Test
    void reproducesAFieldLinearInLogSigmaEverywhereIncludingExtrapolation() {
        double[] sigma = {0.05, 0.2, 0.45, 0.7, 0.93};
        double[] x = new double[sigma.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = Math.log(sigma[k]);
        }
        int n = 6;
        double[] f = new double[sigma.length * n];
        for (int k = 0; k < sigma.length; k++) {
            for (int i = 0; i < n; i++) {
                f[k * n + i] = 250 + 3 * i + (40 + i) * x[k];    // linear in ln sigma, slope and offset per column
            }
        }
        double[] targets = {Math.log(0.01), Math.log(0.05), Math.log(0.3), Math.log(0.7), Math.log(0.99), 0.0};
        Tensor at = VerticalInterpolation.at(o, o.constant(Shape.of(sigma.length, 1, n), f), x, o.constant(Shape.of(1, n), targets));
        for (int i = 0; i < n; i++) {
            assertEquals(250 + 3 * i + (40 + i) * targets[i], at.values()[i], 1e-11, "column " + i);
        }
    }

    @Test
    void piecewiseLinearBetweenLevelsOfACurvedProfile() {
        double[] x = {Math.log(0.25), Math.log(0.75)};
        double[] f = {220, 280};
        Tensor mid = VerticalInterpolation.at(o, o.constant(Shape.of(2, 1, 1), f), x,
                o.constant(Shape.of(1, 1), new double[] {0.5 * (x[0] + x[1])}));
        assertEquals(250, mid.item(), 1e-12);
    }

    @Test
    void temperatureAtAPressureLevelFollowsTheSurfacePressure() {
        Scenario s = ScenarioFile.parse(AtmosphereFamilyTest.HELD_SUAREZ, "hs.yaml");
        AtmosphereSetup built = (AtmosphereSetup) ScenarioModels.build(s, o);
        AtmosphereState x0 = built.initial();
        // a temperature linear in ln sigma, so that the interpolation is exact: T = 300 + 30 ln sigma
        double[] t = x0.temperature().values().clone();
        int plane = 16 * 32;
        for (int k = 0; k < 5; k++) {
            for (int i = 0; i < plane; i++) {
                t[k * plane + i] = 300 + 30 * Math.log(built.model().sigma().midLevel(k));
            }
        }
        double[] ps = x0.surfacePressure().values().clone();
        for (int i = 0; i < plane; i++) {
            ps[i] = 95000 + 10 * i;
        }
        AtmosphereState x = new AtmosphereState(x0.u(), x0.v(), o.constant(x0.temperature().shape(), t),
                o.constant(x0.surfacePressure().shape(), ps));
        Observable<AtmosphereState> t850 = built.observable("temperature", ObservedLevel.pressure(85000));
        assertEquals("K", t850.units());
        var p = built.model().values(built.parameters());
        double[] y = t850.at(o, x, p).values();
        for (int i = 0; i < plane; i += 37) {
            assertEquals(300 + 30 * Math.log(85000 / ps[i]), y[i], 1e-10, "cell " + i);
        }
        // its derivative in the surface pressure, by forward mode, against dT/dps = -30 / ps
        Dual d = new Dual(o);
        double[] direction = new double[plane];
        direction[40] = 1;
        AtmosphereState xd = new AtmosphereState(d.lift(x.u()), d.lift(x.v()), d.lift(x.temperature()),
                d.variable(x.surfacePressure(), o.constant(x.surfacePressure().shape(), direction)));
        double[] tangent = d.tangent(t850.at(d, xd, p)).values();
        assertEquals(-30 / ps[40], tangent[40], 1e-14);
        assertEquals(0.0, tangent[41], 0.0);
        IllegalArgumentException noLevel = assertThrows(IllegalArgumentException.class,
                () -> built.observable("temperature", ObservedLevel.NONE));
        assertTrue(noLevel.getMessage().contains("give its level"), noLevel.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> built.observable("humidity", ObservedLevel.sigma(0.9)));
        assertTrue(unknown.getMessage().contains("[temperature, u, v, geopotential_height, surface_pressure]"), unknown.getMessage());
    }
}
