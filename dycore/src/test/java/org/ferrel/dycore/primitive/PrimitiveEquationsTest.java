package org.ferrel.dycore.primitive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.JablonowskiWilliamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.operators.CGridOperators;
import org.junit.jupiter.api.Test;

/**
 * The semi-discrete primitive equations conserve mass and total energy to rounding (the
 * Simmons-Burridge vertical discretisation and the energy-conserving C-grid forms), checked on a
 * rough random state so that no term vanishes by symmetry: the energy's rate of change
 * {@code <grad E, F(x)>} (grad E by reverse mode) is compared with the sum of the magnitudes of its
 * terms (measured: about 1e-17 of it).
 */
class PrimitiveEquationsTest {
    private final Eager o = Eager.serial();
    private final LatLonGrid grid = JablonowskiWilliamson.grid(11.25);

    /** The JW baroclinic-wave state plus random winds, temperatures and surface pressures. */
    static AtmosphereState roughState(Eager o, LatLonGrid grid, SigmaCoordinate sigma, long seed) {
        AtmosphereState base = JablonowskiWilliamson.baroclinicWave(o, grid, sigma);
        Random r = new Random(seed);
        Shape shape = base.u().shape();
        double[] u = base.u().values().clone();
        double[] v = new double[shape.size()];
        double[] t = base.temperature().values().clone();
        double[] ps = base.surfacePressure().values().clone();
        int n = grid.nx() * grid.ny();
        for (int i = 0; i < u.length; i++) {
            u[i] += 10 * r.nextGaussian();
            int j = (i % n) / grid.nx();
            v[i] = j == grid.ny() - 1 ? 0.0 : 10 * r.nextGaussian();
            t[i] += 3 * r.nextGaussian();
        }
        for (int i = 0; i < ps.length; i++) {
            ps[i] += 1500 * r.nextGaussian();
        }
        return new AtmosphereState(o.constant(shape, u), o.constant(shape, v), o.constant(shape, t),
                o.constant(grid.shape(), ps));
    }

    private double[] topography() {
        double[] phis = JablonowskiWilliamson.surfaceGeopotential(grid);
        Random r = new Random(3);
        for (int i = 0; i < phis.length; i++) {
            phis[i] += 2000 * r.nextGaussian();
        }
        return phis;
    }

    @Test
    void massAndTotalEnergyAreConservedToRounding() {
        for (SigmaCoordinate sigma : new SigmaCoordinate[] {SigmaCoordinate.uniform(8),
                new SigmaCoordinate(new double[] {0, 0.02, 0.07, 0.15, 0.3, 0.5, 0.7, 0.85, 0.95, 1})}) {
            PrimitiveEquations pe = new PrimitiveEquations(new CGridOperators(grid), sigma);
            AtmosphereState s = roughState(o, grid, sigma, 11);
            Tensor phis = o.constant(grid.shape(), topography());
            AtmosphereState f = pe.tendency(o, s, phis);

            double[] dps = f.surfacePressure().values();
            double[] area = grid.cellArea();
            double massRate = 0;
            double massScale = 0;
            for (int i = 0; i < dps.length; i++) {
                massRate += area[i / grid.nx()] * dps[i];
                massScale += area[i / grid.nx()] * Math.abs(dps[i]);
            }
            assertTrue(Math.abs(massRate) <= 1e-14 * massScale, "mass rate " + massRate + " of " + massScale);

            Derivatives.Gradient g = Derivatives.gradient(o, (ops, x) -> pe.totalEnergy(ops, AtmosphereState.of(x), phis),
                    s.toArray());
            Tensor[] rates = f.toArray();
            double energyRate = 0;
            double energyScale = 0;
            for (int field = 0; field < 4; field++) {
                double[] a = g.gradient()[field].values();
                double[] b = rates[field].values();
                for (int i = 0; i < a.length; i++) {
                    energyRate += a[i] * b[i];
                    energyScale += Math.abs(a[i] * b[i]);
                }
            }
            assertTrue(energyScale > 0);
            assertTrue(Math.abs(energyRate) <= 1e-14 * energyScale, sigma + ": energy rate " + energyRate
                    + " against terms of total magnitude " + energyScale + " (ratio " + energyRate / energyScale + ")");
        }
    }

    @Test
    void fusedKernelEqualsTheCompositeFormBitForBit() {
        for (LatLonGrid g : new LatLonGrid[] {grid, new LatLonGrid(20, 9, 6.371e6, 7.29e-5)}) {
            SigmaCoordinate sigma = new SigmaCoordinate(new double[] {0, 0.05, 0.2, 0.45, 0.7, 0.9, 1});
            PrimitiveEquations pe = new PrimitiveEquations(new CGridOperators(g), sigma);
            AtmosphereState s = roughState(o, g, sigma, 7);
            double[] phisValues = JablonowskiWilliamson.surfaceGeopotential(g);
            Tensor phis = o.constant(g.shape(), phisValues);
            Tensor[] fused = pe.tendency(o, s, phis).toArray();
            Tensor[] composite = pe.compositeTendency(o, s, phis).toArray();
            for (int f = 0; f < 4; f++) {
                double[] a = fused[f].values();
                double[] b = composite[f].values();
                for (int i = 0; i < a.length; i++) {
                    assertEquals(Double.doubleToLongBits(b[i]), Double.doubleToLongBits(a[i]),
                            AtmosphereState.NAMES[f] + "[" + i + "]: fused " + a[i] + ", composite " + b[i]);
                }
            }
        }
    }

    @Test
    void fusedKernelsDerivativesPassTheDotProductTest() {
        SigmaCoordinate sigma = SigmaCoordinate.uniform(3);
        LatLonGrid g = new LatLonGrid(8, 4, 6.371e6, 7.29e-5);
        PrimitiveEquations pe = new PrimitiveEquations(new CGridOperators(g), sigma);
        AtmosphereState s = roughState(o, g, sigma, 9);
        Tensor[] x = {s.u(), s.v(), s.temperature(), s.surfacePressure(), o.constant(g.shape(),
                JablonowskiWilliamson.surfaceGeopotential(g))};
        org.ferrel.autodiff.check.GradientCheck.DotProduct r = org.ferrel.autodiff.check.GradientCheck.dotProduct(o,
                (q, in) -> pe.tendency(q, new AtmosphereState(in[0], in[1], in[2], in[3]), in[4]).toArray(), x, 3);
        org.ferrel.autodiff.check.GradientCheck.assertDotProduct(r, 1e-12);
    }

    @Test
    void restingIsothermalAtmosphereOverFlatGroundStaysAtRest() {
        SigmaCoordinate sigma = SigmaCoordinate.uniform(6);
        PrimitiveEquations pe = new PrimitiveEquations(new CGridOperators(grid), sigma);
        Shape shape = pe.fieldShape();
        AtmosphereState s = new AtmosphereState(o.zeros(shape), o.zeros(shape), o.full(shape, 250.0),
                o.full(grid.shape(), 1e5));
        AtmosphereState f = pe.tendency(o, s, o.zeros(grid.shape()));
        for (Tensor t : f.toArray()) {
            for (double x : t.values()) {
                assertEquals(0.0, x, 1e-12);
            }
        }
    }

    @Test
    void restingIsothermalAtmosphereInHydrostaticBalanceOverMountainsStaysAtRest() {
        // ps = p0 exp(-Phi_s / (R T)): the geopotential gradient and -R T grad ln ps cancel exactly
        SigmaCoordinate sigma = SigmaCoordinate.uniform(5);
        PrimitiveEquations pe = new PrimitiveEquations(new CGridOperators(grid), sigma);
        double[] phis = topography();
        double[] ps = new double[phis.length];
        double gradient = 0;
        for (int i = 0; i < ps.length; i++) {
            ps[i] = 1e5 * Math.exp(-phis[i] / (287.0 * 260.0));
        }
        double[] dx = grid.dxAtCenterRow();
        for (int i = 0; i + 1 < phis.length; i++) {
            gradient = Math.max(gradient, Math.abs(phis[i + 1] - phis[i]) / dx[i / grid.nx()]);
        }
        Shape shape = pe.fieldShape();
        AtmosphereState s = new AtmosphereState(o.zeros(shape), o.zeros(shape), o.full(shape, 260.0),
                o.constant(grid.shape(), ps));
        AtmosphereState f = pe.tendency(o, s, o.constant(grid.shape(), phis));
        for (Tensor t : new Tensor[] {f.u(), f.v(), f.temperature(), f.surfacePressure()}) {
            for (double x : t.values()) {
                // each force alone is of the order of the geopotential gradient
                assertEquals(0.0, x, 1e-12 * gradient);
            }
        }
        assertTrue(gradient > 1e-3, "the test needs mountains: |grad Phi_s| = " + gradient);
    }

    @Test
    void hydrostaticGeopotentialOfAnIsothermalAtmosphereIsExactAtTheHalfLevels() {
        // for T constant, Phi(sigma) = Phi_s - R T ln(sigma); Simmons-Burridge places Phi_k at
        // ln(sigma_{k+1/2}) - alpha_k, i.e. Phi_k - Phi_s = R T (alpha_k - ln sigma_{k+1/2})
        SigmaCoordinate sigma = new SigmaCoordinate(new double[] {0, 0.1, 0.3, 0.6, 1});
        PrimitiveEquations pe = new PrimitiveEquations(new CGridOperators(grid), sigma);
        Shape shape = pe.fieldShape();
        Tensor phi = pe.geopotential(o, o.full(shape, 250.0), o.full(grid.shape(), 100.0));
        int n = grid.nx() * grid.ny();
        // Simmons and Burridge's alpha_k for these levels, computed by hand: ln 2, 1 - 0.5 ln 3, 1 - ln 2, 1 - 1.5 ln(5/3)
        double[] alpha = {0.6931471805599453, 0.4506938556659451, 0.3068528194400547, 0.23376156435101392};
        for (int k = 0; k < 4; k++) {
            assertEquals(alpha[k], sigma.alpha(k), 1e-15);
            double expected = 100 + 287.0 * 250 * (alpha[k] - Math.log(sigma.halfLevels()[k + 1]));
            assertEquals(expected, phi.values()[k * n + 5], 1e-9 * expected);
        }
    }

    @Test
    void badLevelsAreRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SigmaCoordinate(new double[] {0, 0.5, 0.4, 1}));
        assertTrue(e.getMessage().contains("increase downwards"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SigmaCoordinate(new double[] {0, 0.5, 1.2}));
        assertTrue(e.getMessage().contains("from 0 (model top) to 1 (surface)"), e.getMessage());
    }
}
