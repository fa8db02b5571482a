package org.ferrel.dycore.primitive;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.JablonowskiWilliamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.junit.jupiter.api.Test;

class ScratchProfileTest {
    interface R { void run(); }
    static void time(String name, R r) {
        for (int i = 0; i < 5; i++) r.run();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadCpuTime();
        int n = 20;
        for (int i = 0; i < n; i++) r.run();
        System.out.printf("%s: %.2f ms cpu%n", name, (mx.getCurrentThreadCpuTime() - t0) / 1e6 / n);
    }
    @Test
    void run() {
        Eager o = Eager.serial();
        LatLonGrid grid = JablonowskiWilliamson.grid(2.8125);
        SigmaCoordinate sigma = SigmaCoordinate.uniform(20);
        PolarFilter pf = new PolarFilter(grid, Math.toRadians(60));
        AtmosphereModel m = AtmosphereModel.builder(grid, sigma).surfaceGeopotential(JablonowskiWilliamson.surfaceGeopotential(grid))
                .filter(pf).timeStep(300).build();
        AtmosphereState s0 = JablonowskiWilliamson.baroclinicWave(o, grid, sigma);
        Tensor[] p = m.defaultParameters(o);
        ParameterValues pv = m.values(p);
        PrimitiveEquations pe = m.dynamics();
        time("dynamics tendency", () -> pe.tendency(o, s0, p[0]));
        time("composite dynamics tendency", () -> pe.compositeTendency(o, s0, p[0]));
        HeldSuarez hs = new HeldSuarez();
        AtmosphereModel m2 = AtmosphereModel.builder(grid, sigma).filter(pf).term(hs).term(new AtmosphereHyperdiffusion(1e15)).timeStep(300).build();
        ParameterValues pv2 = m2.values(m2.defaultParameters(o));
        time("held-suarez", () -> hs.tendency(o, pe, s0, pv2));
        time("hyperdiffusion", () -> new AtmosphereHyperdiffusion(1e15).tendency(o, pe, s0, pv2));
        time("full tendency", () -> m2.tendency(o, s0, pv2));
        time("full step", () -> m2.step(o, s0, pv2));
        time("filter u", () -> pf.filterField(o, s0.u(), false));
        Tensor a = s0.u();
        time("add", () -> o.add(a, a));
        time("mul", () -> o.mul(a, s0.temperature()));
        time("roll x", () -> o.roll(a, -1, 1));
        time("shift y", () -> o.shift(a, -2, 1));
        time("shift z", () -> o.shift(a, 0, 1));
        time("mul row", () -> o.mul(a, pe.operators().dxAtCenter()));
        time("mul ps", () -> o.mul(a, s0.surfacePressure()));
        time("curl", () -> pe.operators().curlAtCorner(o, a, a));
        time("geopotential", () -> pe.geopotential(o, a, p[0]));
        time("sum axis0", () -> o.sum(a, 0));
        time("step", () -> m.step(o, s0, pv));
    }
}
