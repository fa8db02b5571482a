package org.ferrel.bench.figures;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.JablonowskiWilliamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.primitive.AtmosphereHyperdiffusion;
import org.ferrel.dycore.primitive.AtmosphereModel;
import org.ferrel.dycore.primitive.AtmosphereState;
import org.ferrel.dycore.primitive.SigmaCoordinate;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.io.figures.ColourScale;
import org.ferrel.io.figures.LinePlot;
import org.ferrel.io.figures.MapData;
import org.ferrel.io.figures.MapFigure;
import org.ferrel.io.figures.MapStyle;
import org.ferrel.io.netcdf.GriddedField;
import org.ferrel.io.netcdf.LatLonFieldWriter;

/**
 * The Jablonowski and Williamson (2006) runs of docs/validation.md for the primitive-equation core.
 * <pre>
 *   PrimitiveEquationFigures wave   DEGREES LEVELS DT DAYS FOLDER [DIFFUSION_DAYS]   baroclinic wave: minimum ps every 6 h, ps maps at days 7 and 9, daily ps in NetCDF
 *   PrimitiveEquationFigures steady DEGREES LEVELS DT DAYS FOLDER [DIFFUSION_DAYS]   steady state: l2(u - u0) every 6 h, a line plot
 *   PrimitiveEquationFigures compare COARSE.nc FINE.nc DAYS          l2 of the ps difference between two resolutions (fine averaged to coarse)
 *   PrimitiveEquationFigures heldsuarez DEGREES LEVELS DT SPINUP DAYS FOLDER   Held-Suarez climate: time- and zonal-mean sections ({@link HeldSuarezRun})
 * </pre>
 * Uniform sigma levels, SSP-RK3, the polar filter from 60 degrees and hyperdiffusion that damps the
 * equator's shortest zonal wave in DIFFUSION_DAYS days (default 1; 0 for none;
 * {@link AtmosphereHyperdiffusion#forTimeScale}).
 */
public final class PrimitiveEquationFigures {
    private PrimitiveEquationFigures() {
    }

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "wave" -> run(args, true);
            case "steady" -> run(args, false);
            case "compare" -> compare(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "heldsuarez" -> HeldSuarezRun.run(args);
            default -> throw new IllegalArgumentException("usage: wave|steady|compare ...");
        }
    }

    /** @param diffusionDays e-folding time of the shortest equatorial wave by the hyperdiffusion [days]; 0: none */
    static AtmosphereModel model(LatLonGrid grid, SigmaCoordinate sigma, double dt, double diffusionDays) {
        AtmosphereModel.Builder b = AtmosphereModel.builder(grid, sigma)
                .surfaceGeopotential(JablonowskiWilliamson.surfaceGeopotential(grid))
                .filter(new PolarFilter(grid, Math.toRadians(60))).timeStep(dt);
        if (diffusionDays > 0) {
            b.term(new AtmosphereHyperdiffusion(AtmosphereHyperdiffusion.forTimeScale(grid, diffusionDays * 86400.0)));
        }
        return b.build();
    }

    private static void run(String[] args, boolean wave) throws IOException {
        double degrees = Double.parseDouble(args[1]);
        int levels = Integer.parseInt(args[2]);
        double dt = Double.parseDouble(args[3]);
        int days = Integer.parseInt(args[4]);
        Path out = Path.of(args[5]);
        Files.createDirectories(out);
        Eager o = Eager.serial();
        LatLonGrid grid = JablonowskiWilliamson.grid(degrees);
        SigmaCoordinate sigma = SigmaCoordinate.uniform(levels);
        double diffusionDays = args.length > 6 ? Double.parseDouble(args[6]) : 1.0;
        AtmosphereModel m = model(grid, sigma, dt, diffusionDays);
        AtmosphereState s0 = wave ? JablonowskiWilliamson.baroclinicWave(o, grid, sigma)
                : JablonowskiWilliamson.steadyState(o, grid, sigma);
        Tensor[] p = m.defaultParameters(o);
        int perDay = (int) Math.round(86400 / dt);
        if (Math.abs(perDay * dt - 86400) > 1e-9) {
            throw new IllegalArgumentException("the time step must divide a day, got " + dt + " s");
        }
        String tag = String.format(Locale.ROOT, "%s-%sdeg-L%d%s", wave ? "jw-wave" : "jw-steady", label(degrees), levels,
                diffusionDays == 1.0 ? "" : diffusionDays == 0 ? "-nodiffusion" : "-diffusion" + diffusionDays + "d");
        double mass0 = m.dynamics().mass(o, s0).item();
        double energy0 = m.dynamics().totalEnergy(o, s0, p[0]).item();
        double[] u0 = s0.u().values().clone();
        List<Double> time = new ArrayList<>();
        List<Double> l2 = new ArrayList<>();
        List<GriddedField> daily = new ArrayList<>();
        daily.add(new GriddedField("ps_day00", s0.surfacePressure().values().clone(), "Pa", "surface pressure at day 0",
                "surface_air_pressure"));
        long t0 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%s: %d x %d x %d, dt %.0f s, largest stable %.0f s%n", tag, grid.nx(), grid.ny(),
                levels, dt, m.largestStableTimeStep(s0, p));
        m.run(o, s0, p, days * perDay, (k, s) -> {
            if (k % (perDay / 4) != 0) {
                return;
            }
            double day = k * dt / 86400;
            double[] ps = s.surfacePressure().values();
            int at = 0;
            for (int i = 0; i < ps.length; i++) {
                if (ps[i] < ps[at]) {
                    at = i;
                }
            }
            double d = JablonowskiWilliamson.l2Difference(grid, sigma, s.u().values(), u0);
            time.add(day);
            l2.add(d);
            System.out.printf(Locale.ROOT, "day %5.2f  l2(u-u0) %.4e m/s  min ps %8.3f hPa at %6.2fE %6.2fN"
                            + "  mass %+.1e  energy %+.2e  (%.0f s)%n", day, d, ps[at] / 100,
                    Math.toDegrees(grid.x(Location.CENTER, at % grid.nx())), Math.toDegrees(grid.latitude(at / grid.nx())),
                    (m.dynamics().mass(o, s).item() - mass0) / mass0,
                    (m.dynamics().totalEnergy(o, s, p[0]).item() - energy0) / energy0, (System.nanoTime() - t0) / 1e9);
            if (k % perDay == 0) {
                int dayIndex = k / perDay;
                daily.add(new GriddedField(String.format(Locale.ROOT, "ps_day%02d", dayIndex), ps.clone(), "Pa",
                        "surface pressure at day " + dayIndex, "surface_air_pressure"));
                if (wave && (dayIndex == 7 || dayIndex == 9)) {
                    double[] hPa = new double[ps.length];
                    for (int i = 0; i < ps.length; i++) {
                        hPa[i] = ps[i] / 100;
                    }
                    try {
                        MapFigure.write(out.resolve(tag + "-ps-day" + dayIndex + ".png"), MapData.of(grid, Location.CENTER,
                                hPa, String.format(Locale.ROOT, "JW baroclinic wave, surface pressure at day %d (%s deg, L%d)",
                                        dayIndex, label(degrees), levels), "hPa"),
                                MapStyle.of(ColourScale.Kind.SEQUENTIAL));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        });
        System.out.printf(Locale.ROOT, "%d steps in %.0f s%n", days * perDay, (System.nanoTime() - t0) / 1e9);
        LatLonFieldWriter.write(out.resolve(tag + "-ps.nc"), grid, daily, Map.of(
                "title", "Ferrel primitive-equation core, Jablonowski-Williamson " + (wave ? "baroclinic wave" : "steady state"),
                "source", String.format(Locale.ROOT, "Ferrel, %s deg C-grid, L%d uniform sigma, SSP-RK3 %.0f s,"
                        + " polar filter 60 deg, hyperdiffusion 1 day at the grid scale", label(degrees), levels, dt),
                "references", "Jablonowski and Williamson (2006), QJRMS 132, 2943-2975"));
        if (!wave) {
            double[] x = time.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = l2.stream().mapToDouble(Double::doubleValue).toArray();
            new LinePlot("JW steady state: l2(u(t) - u(0)), " + label(degrees) + " deg L" + levels, "day", "m/s", false, false)
                    .add(new LinePlot.Series("Ferrel", x, y, new Color(0x1f77b4), true, false))
                    .write(out.resolve(tag + "-l2u.png"));
        }
    }

    private static String label(double degrees) {
        return String.format(Locale.ROOT, "%.1f", degrees);
    }

    /**
     * The area-weighted l2 norm of ps(fine) - ps(coarse) on the coarse grid [hPa], the fine field
     * averaged over each coarse cell (a coarse cell covers fine rows 2j and 2j+1 and fine columns
     * 2i - 1, 2i, 2i + 1 with weights 1/4, 1/2, 1/4).
     */
    private static void compare(Path coarseFile, Path fineFile, int days) throws IOException {
        org.ferrel.io.netcdf.ArrayFile.Content coarseContent = org.ferrel.io.netcdf.ArrayFile.read(coarseFile);
        org.ferrel.io.netcdf.ArrayFile.Content fineContent = org.ferrel.io.netcdf.ArrayFile.read(fineFile);
        for (int d = 0; d <= days; d++) {
            String name = String.format(Locale.ROOT, "ps_day%02d", d);
            org.ferrel.io.netcdf.ArrayFile.Variable c = coarseContent.variable(name);
            double[] coarse = c.values();
            double[] fine = fineContent.variable(name).values();
            int ny = c.shape()[0];
            int nx = c.shape()[1];
            LatLonGrid grid = new LatLonGrid(nx, ny, JablonowskiWilliamson.RADIUS, JablonowskiWilliamson.ROTATION);
            LatLonGrid fineGrid = new LatLonGrid(2 * nx, 2 * ny, JablonowskiWilliamson.RADIUS, JablonowskiWilliamson.ROTATION);
            double[] fineArea = fineGrid.cellArea();
            double[] area = grid.cellArea();
            double num = 0;
            double den = 0;
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double sum = 0;
                    double weight = 0;
                    for (int jj = 2 * j; jj <= 2 * j + 1; jj++) {
                        for (int di = -1; di <= 1; di++) {
                            int ii = Math.floorMod(2 * i + di, 2 * nx);
                            double w = fineArea[jj] * (di == 0 ? 0.5 : 0.25);
                            sum += w * fine[jj * 2 * nx + ii];
                            weight += w;
                        }
                    }
                    double diff = sum / weight - coarse[j * nx + i];
                    num += area[j] * diff * diff;
                    den += area[j];
                }
            }
            System.out.printf(Locale.ROOT, "day %2d  l2(ps fine - ps coarse) = %.3f hPa%n", d, Math.sqrt(num / den) / 100);
        }
    }
}
