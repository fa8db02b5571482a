package org.ferrel.bench.figures;

import java.io.IOException;
import java.nio.file.Path;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.Galewsky;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.model.Diffusion;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.io.figures.ColourScale;
import org.ferrel.io.figures.MapData;
import org.ferrel.io.figures.MapFigure;
import org.ferrel.io.figures.MapStyle;

/**
 * Figures of docs/validation.md for the shallow-water core at 2.8 degrees: case 2's error after
 * 5 days (flow over the poles), case 5's surface height and relative vorticity at day 15, and
 * case 6's depth at day 14, and the Galewsky et al. (2004) perturbed jet's vorticity at day 6. Usage: {@code ShallowWaterFigures <output-folder>} (about a minute).
 */
public final class ShallowWaterFigures {
    private ShallowWaterFigures() {
    }

    /** A map of a field at a C-grid location; {@code symmetric}: a diverging scale centred on zero. */
    private static void map(Path file, LatLonGrid grid, Location at, double[] values, String title, String units,
            boolean symmetric) throws IOException {
        MapFigure.write(file, MapData.of(grid, at, values, title, units),
                MapStyle.of(symmetric ? ColourScale.Kind.DIVERGING : ColourScale.Kind.SEQUENTIAL));
    }

    private static void williamson(Path out, Eager o, LatLonGrid grid, PolarFilter filter) throws IOException {
        InitialCondition c2 = Williamson.case2(Math.PI / 2 - 0.05);
        Model m2 = Model.builder(grid).coriolis(c2.coriolis(grid)).timeStep(450).filter(filter).build();
        State s2 = c2.state(o, grid);
        State e2 = m2.run(o, s2, m2.defaultParameters(o), 960, Model.StepObserver.NONE);
        map(out.resolve("case2-error-day5.png"), grid, Location.CENTER, o.sub(e2.h(), s2.h()).values(),
                "Williamson case 2, alpha = pi/2 - 0.05: h error at day 5 (2.8 deg)", "m", true);

        InitialCondition c5 = Williamson.case5();
        double[] topography = c5.topography(grid);
        Model m5 = Model.builder(grid).topography(topography).timeStep(450).filter(filter).build();
        State e5 = m5.run(o, c5.state(o, grid), m5.defaultParameters(o), 2880, Model.StepObserver.NONE);
        Tensor surface = o.add(e5.h(), o.constant(grid.shape(), topography));
        map(out.resolve("case5-surface-day15.png"), grid, Location.CENTER, surface.values(),
                "Williamson case 5: surface height h + b at day 15 (2.8 deg)", "m", false);
        Tensor zeta = m5.operators().curlAtCorner(o, e5.u(), e5.v());
        map(out.resolve("case5-vorticity-day15.png"), grid, Location.CORNER, o.mul(zeta, 1e5).values(),
                "Williamson case 5: relative vorticity at day 15 (2.8 deg)", "1e-5/s", true);

        InitialCondition c6 = Williamson.case6();
        Model m6 = Model.builder(grid).timeStep(360).filter(filter).build();
        State s6 = c6.state(o, grid);
        map(out.resolve("case6-depth-day0.png"), grid, Location.CENTER, s6.h().values(),
                "Williamson case 6: depth h at day 0", "m", false);
        State e6 = m6.run(o, s6, m6.defaultParameters(o), 3360, Model.StepObserver.NONE);
        map(out.resolve("case6-depth-day14.png"), grid, Location.CENTER, e6.h().values(),
                "Williamson case 6: depth h at day 14 (2.8 deg)", "m", false);
    }

    /** The perturbed Galewsky jet at day 6 on a grid of the given spacing (steps of 300 s at 2.8 degrees, scaled). */
    private static void galewsky(Path out, Eager o, double degrees) throws IOException {
        LatLonGrid grid = LatLonGrid.earth(degrees);
        double dt = 300 * degrees / 2.8125;
        Model mg = Model.builder(grid).timeStep(dt).filter(new PolarFilter(grid, Math.toRadians(45)))
                .term(new Diffusion(1e5, false)).build();
        State eg = mg.run(o, Galewsky.jet(true).state(o, grid), mg.defaultParameters(o),
                (int) Math.round(6 * 86400 / dt), Model.StepObserver.NONE);
        String suffix = degrees == 2.8125 ? "" : String.format(java.util.Locale.ROOT, "-%.1fdeg", degrees);
        map(out.resolve("galewsky-vorticity-day6" + suffix + ".png"), grid, Location.CORNER,
                o.mul(mg.operators().curlAtCorner(o, eg.u(), eg.v()), 1e5).values(),
                String.format(java.util.Locale.ROOT, "Galewsky et al. (2004) perturbed jet: relative vorticity at day 6"
                        + " (%.1f deg, nu = 1e5 m^2/s as in the paper)", degrees), "1e-5/s", true);
    }

    /**
     * Usage: {@code ShallowWaterFigures <folder> [galewsky [degrees]]} (the second argument draws only
     * the jet, at 2.8 degrees or the spacing given).
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/figures");
        boolean onlyJet = args.length > 1 && args[1].equals("galewsky");
        Eager o = Eager.serial();
        if (!onlyJet) {
            LatLonGrid grid = LatLonGrid.earth(2.8125);
            williamson(out, o, grid, new PolarFilter(grid, Math.toRadians(45)));
        }
        galewsky(out, o, onlyJet && args.length > 2 ? Double.parseDouble(args[2]) : 2.8125);
        System.out.println("wrote figures to " + out);
    }
}
