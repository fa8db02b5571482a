package org.ferrel.dycore.primitive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.JablonowskiWilliamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.DynamicalModel;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.junit.jupiter.api.Test;

/**
 * Jablonowski and Williamson's (2006) steady state on a coarse grid: the balanced jets are held
 * (the paper's criterion for the steady-state test), mass is kept to rounding, and the adiabatic run
 * without diffusion changes its energy only by the time scheme's error; the discrete imbalance of
 * the sampled state falls with resolution.
 */
class JablonowskiWilliamsonTest {
    private final Eager o = Eager.serial();

    @Test
    void initialStateIsThePapers() {
        // u's jet maximum: 35 m/s at 45 degrees, eta_0 = 0.252; T_mean is T0 = 288 K at the surface
        assertEquals(35.0, JablonowskiWilliamson.zonalWind(Math.PI / 4, 0.252), 1e-12);
        assertEquals(288.0, JablonowskiWilliamson.meanTemperature(1.0), 1e-12);
        // the balance term vanishes at eta = eta_0 (sin(eta_v) = 0)
        assertEquals(JablonowskiWilliamson.meanTemperature(0.252), JablonowskiWilliamson.temperature(0.7, 0.252), 1e-12);
    }

    @Test
    void imbalanceOfTheSampledSteadyStateFallsWithResolution() {
        // the analytic state is balanced; sampled on the C-grid only dv/dt is not exactly zero, and its
        // rms must fall at least 2.5-fold per halving of the spacing (measured: 3.6, 3.2)
        double previous = Double.NaN;
        for (double degrees : new double[] {11.25, 5.625, 2.8125}) {
            LatLonGrid grid = JablonowskiWilliamson.grid(degrees);
            SigmaCoordinate sigma = SigmaCoordinate.uniform(20);
            PrimitiveEquations pe = new PrimitiveEquations(new org.ferrel.dycore.operators.CGridOperators(grid), sigma);
            AtmosphereState f = pe.tendency(o, JablonowskiWilliamson.steadyState(o, grid, sigma),
                    o.constant(grid.shape(), JablonowskiWilliamson.surfaceGeopotential(grid)));
            for (Tensor t : new Tensor[] {f.u(), f.temperature(), f.surfacePressure()}) {
                for (double x : t.values()) {
                    assertEquals(0.0, x, 1e-12, "a zonal flow without v has no du/dt, dT/dt or dps/dt");
                }
            }
            double sum = 0;
            for (double x : f.v().values()) {
                sum += x * x;
            }
            double rms = Math.sqrt(sum / f.v().values().length);
            System.out.printf("JW steady state at %.2f deg L20: rms dv/dt = %.3e m/s^2%n", degrees, rms);
            if (!Double.isNaN(previous)) {
                assertTrue(previous / rms > 2.5, "rms dv/dt " + previous + " -> " + rms);
            }
            previous = rms;
        }
    }

    @Test
    void steadyStateIsHeldForTwoDaysAt5point6Degrees() {
        LatLonGrid grid = JablonowskiWilliamson.grid(5.625);
        SigmaCoordinate sigma = SigmaCoordinate.uniform(10);
        AtmosphereModel m = AtmosphereModel.builder(grid, sigma)
                .surfaceGeopotential(JablonowskiWilliamson.surfaceGeopotential(grid))
                .filter(new PolarFilter(grid, Math.toRadians(60))).timeStep(600).build();
        AtmosphereState s0 = JablonowskiWilliamson.steadyState(o, grid, sigma);
        Tensor[] p = m.defaultParameters(o);
        double mass0 = m.dynamics().mass(o, s0).item();
        double energy0 = m.dynamics().totalEnergy(o, s0, p[0]).item();
        AtmosphereState s = m.run(o, s0, p, 2 * 144, DynamicalModel.Observer.none());
        double l2 = JablonowskiWilliamson.l2Difference(grid, sigma, s.u().values(), s0.u().values());
        double massDrift = (m.dynamics().mass(o, s).item() - mass0) / mass0;
        double energyDrift = (m.dynamics().totalEnergy(o, s, p[0]).item() - energy0) / energy0;
        System.out.printf("JW steady state 5.6 deg L10, day 2: l2(u - u0) = %.3e m/s, mass drift %.1e, energy drift %.1e%n",
                l2, massDrift, energyDrift);
        // the jets are 35 m/s; a core that does not hold the balance departs by metres per second within a day
        assertTrue(l2 < 0.2, "l2(u - u0) = " + l2);
        assertTrue(Math.abs(massDrift) < 1e-13, "mass drift " + massDrift);
        // measured: -6.7e-11
        assertTrue(Math.abs(energyDrift) < 1e-9, "energy drift " + energyDrift);
    }
}
