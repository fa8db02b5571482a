package org.ferrel.dycore.primitive;

import java.io.DataOutputStream;
import java.io.FileOutputStream;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.JablonowskiWilliamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.shallowwater.PolarFilter;

public class ScratchJwMain {
    public static void main(String[] args) throws Exception {
        Eager o = Eager.serial();
        double deg = Double.parseDouble(args[0]);
        int nz = Integer.parseInt(args[1]);
        double dt = Double.parseDouble(args[2]);
        double days = Double.parseDouble(args[3]);
        boolean wave = Boolean.parseBoolean(args[4]);
        double nu = Double.parseDouble(args[5]);
        String out = args[6];
        LatLonGrid grid = JablonowskiWilliamson.grid(deg);
        SigmaCoordinate sigma = SigmaCoordinate.uniform(nz);
        AtmosphereModel m = AtmosphereModel.builder(grid, sigma).surfaceGeopotential(JablonowskiWilliamson.surfaceGeopotential(grid))
                .filter(new PolarFilter(grid, Math.toRadians(60)))
                .term(new AtmosphereHyperdiffusion(nu))
                .timeStep(dt).build();
        AtmosphereState s0 = wave ? JablonowskiWilliamson.baroclinicWave(o, grid, sigma) : JablonowskiWilliamson.steadyState(o, grid, sigma);
        Tensor[] p = m.defaultParameters(o);
        double e0 = m.dynamics().totalEnergy(o, s0, p[0]).item();
        double m0 = m.dynamics().mass(o, s0).item();
        System.out.println("largest stable dt " + m.largestStableTimeStep(s0, p));
        int perDay = (int) Math.round(86400 / dt);
        int steps = (int) Math.round(days * perDay);
        double[] u0 = s0.u().values().clone();
        long t0 = System.nanoTime();
        m.run(o, s0, p, steps, (k, st) -> {
            if (k % (perDay / 4) == 0) {
                double[] u = st.u().values();
                // l2 of u - u0 as JW (area-weighted over the sphere and the levels)
                double[] area = grid.cellArea();
                int n = grid.nx() * grid.ny();
                double num = 0, den = 0;
                for (int i = 0; i < u.length; i++) {
                    double w = area[(i % n) / grid.nx()] * sigma.thickness(i / n);
                    num += w * (u[i] - u0[i]) * (u[i] - u0[i]);
                    den += w;
                }
                double[] ps = st.surfacePressure().values();
                int at = 0;
                for (int i = 0; i < ps.length; i++) if (ps[i] < ps[at]) at = i;
                double e = m.dynamics().totalEnergy(o, st, p[0]).item();
                double mass = m.dynamics().mass(o, st).item();
                System.out.printf(java.util.Locale.ROOT, "day %.2f l2(u-u0) %.5e min ps %.3f hPa at lon %.2f lat %.2f; energy drift %.3e mass drift %.3e  %.1f s%n",
                        k * dt / 86400, Math.sqrt(num / den), ps[at] / 100,
                        Math.toDegrees(grid.x(org.ferrel.dycore.grid.Location.CENTER, at % grid.nx())),
                        Math.toDegrees(grid.latitude(at / grid.nx())), (e - e0) / e0, (mass - m0) / m0, (System.nanoTime() - t0) / 1e9);
                if (k % perDay == 0) {
                    try (DataOutputStream d = new DataOutputStream(new FileOutputStream(out + "-ps-day" + (k / perDay) + ".bin"))) {
                        d.writeInt(grid.ny()); d.writeInt(grid.nx());
                        for (double x : ps) d.writeDouble(x);
                    } catch (java.io.IOException ex) { throw new RuntimeException(ex); }
                }
            }
        });
        System.out.printf("%d steps in %.1f s: %.1f ms/step%n", steps, (System.nanoTime() - t0) / 1e9, (System.nanoTime() - t0) / 1e6 / steps);
    }
}
