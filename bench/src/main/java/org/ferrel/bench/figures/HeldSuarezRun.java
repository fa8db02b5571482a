package org.ferrel.bench.figures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.DynamicalModel;
import org.ferrel.dycore.primitive.AtmosphereHyperdiffusion;
import org.ferrel.dycore.primitive.AtmosphereModel;
import org.ferrel.dycore.primitive.AtmosphereState;
import org.ferrel.dycore.primitive.HeldSuarez;
import org.ferrel.dycore.primitive.SigmaCoordinate;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.io.figures.ColourScale;
import org.ferrel.io.figures.CrossSectionFigure;
import org.ferrel.io.netcdf.ArrayFile;

/**
 * The Held and Suarez (1994) climate of the primitive-equation core: from rest and isothermal 300 K
 * with a seeded 0.1 K noise, flat ground, uniform sigma levels, SSP-RK3, polar filter from 60 degrees
 * and hyperdiffusion that damps the equator's shortest zonal wave in one day. After {@code SPINUP} days,
 * the zonal means of u, T and the eddy heat flux [v'T'] are averaged every 6 hours over {@code DAYS}
 * days, printed (jet maximum: speed, latitude, sigma; heat-flux maximum) and written as NetCDF and PNG
 * latitude-sigma sections.
 */
final class HeldSuarezRun {
    private HeldSuarezRun() {
    }

    static void run(String[] args) throws IOException {
        double degrees = Double.parseDouble(args[1]);
        int levels = Integer.parseInt(args[2]);
        double dt = Double.parseDouble(args[3]);
        int spinUp = Integer.parseInt(args[4]);
        int days = Integer.parseInt(args[5]);
        Path out = Path.of(args[6]);
        Files.createDirectories(out);
        Eager o = Eager.serial();
        LatLonGrid grid = LatLonGrid.earth(degrees);
        SigmaCoordinate sigma = SigmaCoordinate.uniform(levels);
        AtmosphereModel m = AtmosphereModel.builder(grid, sigma).filter(new PolarFilter(grid, Math.toRadians(60)))
                .term(new HeldSuarez())
                .term(new AtmosphereHyperdiffusion(AtmosphereHyperdiffusion.forTimeScale(grid, 86400.0)))
                .timeStep(dt).build();
        Shape shape = Shape.of(levels, grid.ny(), grid.nx());
        double[] t0 = new double[shape.size()];
        Random r = new Random(1994);
        for (int i = 0; i < t0.length; i++) {
            t0[i] = 300 + 0.1 * r.nextGaussian();
        }
        double[] ps0 = new double[grid.nx() * grid.ny()];
        java.util.Arrays.fill(ps0, 1e5);
        AtmosphereState s0 = new AtmosphereState(o.zeros(shape), o.zeros(shape), o.constant(shape, t0),
                o.constant(grid.shape(), ps0));
        Tensor[] p = m.defaultParameters(o);
        int perDay = (int) Math.round(86400 / dt);
        int sampleEvery = perDay / 4;
        int nx = grid.nx();
        int ny = grid.ny();
        int n = nx * ny;
        double[] meanU = new double[levels * ny];
        double[] meanT = new double[levels * ny];
        double[] heatFlux = new double[levels * ny];
        int[] samples = {0};
        long start = System.nanoTime();
        String tag = String.format(Locale.ROOT, "held-suarez-%.1fdeg-L%d", degrees, levels);
        System.out.printf(Locale.ROOT, "%s: %d x %d x %d, dt %.0f s, spin-up %d days, then %d days averaged%n", tag, nx,
                ny, levels, dt, spinUp, days);
        m.run(o, s0, p, (spinUp + days) * perDay, (k, s) -> {
            if (k % (10 * perDay) == 0) {
                double[] u = s.u().values();
                double umax = 0;
                for (double x : u) {
                    umax = Math.max(umax, Math.abs(x));
                }
                System.out.printf(Locale.ROOT, "day %4d  max|u| %.1f m/s  (%.0f s)%n", k / perDay, umax,
                        (System.nanoTime() - start) / 1e9);
            }
            if (k <= spinUp * perDay || k % sampleEvery != 0) {
                return;
            }
            double[] u = s.u().values();
            double[] v = s.v().values();
            double[] t = s.temperature().values();
            for (int l = 0; l < levels; l++) {
                for (int j = 0; j < ny; j++) {
                    double su = 0;
                    double st = 0;
                    double sv = 0;
                    double svt = 0;
                    for (int i = 0; i < nx; i++) {
                        int c = l * n + j * nx + i;
                        double vc = 0.5 * (v[c] + (j > 0 ? v[c - nx] : 0.0));
                        su += u[c];
                        st += t[c];
                        sv += vc;
                        svt += vc * t[c];
                    }
                    int at = l * ny + j;
                    meanU[at] += su / nx;
                    meanT[at] += st / nx;
                    heatFlux[at] += svt / nx - (sv / nx) * (st / nx);
                }
            }
            samples[0]++;
            if (k % (100 * perDay) == 0) {
                try {
                    write(out, grid, sigma, degrees, dt, spinUp, k / perDay - spinUp, meanU, meanT, heatFlux, samples[0]);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        System.out.printf(Locale.ROOT, "%d steps in %.0f s%n", (spinUp + days) * perDay, (System.nanoTime() - start) / 1e9);
        write(out, grid, sigma, degrees, dt, spinUp, days, meanU, meanT, heatFlux, samples[0]);
    }

    /** Prints the extremes of the averages so far and writes them as NetCDF and PNG sections. */
    private static void write(Path out, LatLonGrid grid, SigmaCoordinate sigma, double degrees, double dt, int spinUp,
                              int days, double[] sumU, double[] sumT, double[] sumHeatFlux, int count)
            throws IOException {
        int ny = grid.ny();
        int levels = sigma.levels();
        double[] meanU = new double[sumU.length];
        double[] meanT = new double[sumU.length];
        double[] heatFlux = new double[sumU.length];
        for (int i = 0; i < meanU.length; i++) {
            meanU[i] = sumU[i] / count;
            meanT[i] = sumT[i] / count;
            heatFlux[i] = sumHeatFlux[i] / count;
        }
        String tag = String.format(Locale.ROOT, "held-suarez-%.1fdeg-L%d", degrees, levels);
        double[] lat = new double[ny];
        for (int j = 0; j < ny; j++) {
            lat[j] = Math.toDegrees(grid.latitude(j));
        }
        double[] level = new double[levels];
        for (int l = 0; l < levels; l++) {
            level[l] = sigma.midLevel(l);
        }
        report("jet: maximum of the time- and zonal-mean u", meanU, lat, level, ny, true, 1);
        report("jet: maximum of the time- and zonal-mean u", meanU, lat, level, ny, false, 1);
        report("poleward eddy heat flux: maximum of [v'T']", heatFlux, lat, level, ny, true, 1);
        report("poleward eddy heat flux: minimum of [v'T']", heatFlux, lat, level, ny, false, -1);
        System.out.printf(Locale.ROOT, "%d samples (days %d-%d)%n", count, spinUp, spinUp + days);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("title", "Ferrel primitive-equation core, Held-Suarez (1994) climate");
        attributes.put("source", String.format(Locale.ROOT, "%.4f deg C-grid, L%d uniform sigma, SSP-RK3 %.0f s, polar"
                + " filter 60 deg, del^4 hyperdiffusion (1 day at the grid scale); days %d-%d averaged every 6 h", degrees,
                levels, dt, spinUp, spinUp + days));
        attributes.put("references", "Held and Suarez (1994), BAMS 75, 1825-1830");
        List<ArrayFile.Variable> vars = new ArrayList<>();
        vars.add(new ArrayFile.Variable("lat", List.of("lat"), new int[] {ny}, lat, attrs("degrees_north", "latitude")));
        vars.add(new ArrayFile.Variable("sigma", List.of("sigma"), new int[] {levels}, level,
                attrs("1", "sigma at layer mid-points")));
        vars.add(new ArrayFile.Variable("u", List.of("sigma", "lat"), new int[] {levels, ny}, meanU,
                attrs("m s-1", "time- and zonal-mean eastward wind")));
        vars.add(new ArrayFile.Variable("T", List.of("sigma", "lat"), new int[] {levels, ny}, meanT,
                attrs("K", "time- and zonal-mean temperature")));
        vars.add(new ArrayFile.Variable("vT", List.of("sigma", "lat"), new int[] {levels, ny}, heatFlux,
                attrs("K m s-1", "time- and zonal-mean eddy heat flux [v'T']")));
        ArrayFile.write(out.resolve(tag + ".nc"), new ArrayFile.Content(attributes, vars));
        CrossSectionFigure.write(out.resolve(tag + "-u.png"), lat, level, meanU,
                "Held-Suarez: time- and zonal-mean u (days " + spinUp + "-" + (spinUp + days) + ")", "m/s",
                ColourScale.Kind.DIVERGING);
        CrossSectionFigure.write(out.resolve(tag + "-T.png"), lat, level, meanT,
                "Held-Suarez: time- and zonal-mean T (days " + spinUp + "-" + (spinUp + days) + ")", "K",
                ColourScale.Kind.SEQUENTIAL);
        CrossSectionFigure.write(out.resolve(tag + "-vT.png"), lat, level, heatFlux,
                "Held-Suarez: eddy heat flux [v'T'] (days " + spinUp + "-" + (spinUp + days) + ")", "K m/s",
                ColourScale.Kind.DIVERGING);
    }

    private static Map<String, String> attrs(String units, String longName) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("units", units);
        a.put("long_name", longName);
        return a;
    }

    /** Prints the largest ({@code sign} 1) or smallest (-1) value of a section in one hemisphere. */
    private static void report(String what, double[] section, double[] lat, double[] level, int ny, boolean north,
                               int sign) {
        int best = -1;
        for (int i = 0; i < section.length; i++) {
            int j = i % ny;
            if ((north ? lat[j] > 0 : lat[j] < 0) && (best < 0 || sign * section[i] > sign * section[best])) {
                best = i;
            }
        }
        System.out.printf(Locale.ROOT, "%s, %s: %.2f at %.1f deg, sigma %.3f%n", what, north ? "north" : "south",
                section[best], lat[best % ny], level[best / ny]);
    }
}
