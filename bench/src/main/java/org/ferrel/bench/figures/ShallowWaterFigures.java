package org.ferrel.bench.figures;

import java.io.IOException;
import java.nio.file.Path;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.Galewsky;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Diffusion;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.shallowwater.PolarFilter;

/**
 * Figures of docs/validation.md for the shallow-water core at 2.8 degrees: case 2's error after
 * 5 days (flow over the poles), case 5's surface height and relative vorticity at day 15, and
 * case 6's depth at day 14, and the Galewsky et al. (2004) perturbed jet's vorticity at day 6. Usage: {@code ShallowWaterFigures <output-folder>} (about a minute).
 */
public final class ShallowWaterFigures {
    private ShallowWaterFigures() {
    }

    private static void williamson(Path out, Eager o, LatLonGrid grid, PolarFilter filter) throws IOException {
        InitialCondition c2 = Williamson.case2(Math.PI / 2 - 0.05);
        Model m2 = Model.builder(grid).coriolis(c2.coriolis(grid)).timeStep(450).filter(filter).build();
        State s2 = c2.state(o, grid);
        State e2 = m2.run(o, s2, m2.defaultParameters(o), 960, Model.StepObserver.NONE);
        FieldMap.write(out.resolve("case2-error-day5.png"), o.sub(e2.h(), s2.h()).values(), grid.nx(), grid.ny(),
                "Williamson case 2, alpha = pi/2 - 0.05: h error at day 5 (2.8 deg)", "m", true);

        InitialCondition c5 = Williamson.case5();
        double[] topography = c5.topography(grid);
        Model m5 = Model.builder(grid).topography(topography).timeStep(450).filter(filter).build();
        State e5 = m5.run(o, c5.state(o, grid), m5.defaultParameters(o), 2880, Model.StepObserver.NONE);
        Tensor surface = o.add(e5.h(), o.constant(grid.shape(), topography));
        FieldMap.write(out.resolve("case5-surface-day15.png"), surface.values(), grid.nx(), grid.ny(),
                "Williamson case 5: surface height h + b at day 15 (2.8 deg)", "m", false);
        Tensor zeta = m5.operators().curlAtCorner(o, e5.u(), e5.v());
        FieldMap.write(out.resolve("case5-vorticity-day15.png"), o.mul(zeta, 1e5).values(), grid.nx(), grid.ny(),
                "Williamson case 5: relative vorticity at day 15 (2.8 deg)", "1e-5/s", true);

        InitialCondition c6 = Williamson.case6();
        Model m6 = Model.builder(grid).timeStep(360).filter(filter).build();
        State s6 = c6.state(o, grid);
        FieldMap.write(out.resolve("case6-depth-day0.png"), s6.h().values(), grid.nx(), grid.ny(),
                "Williamson case 6: depth h at day 0", "m", false);
        State e6 = m6.run(o, s6, m6.defaultParameters(o), 3360, Model.StepObserver.NONE);
        FieldMap.write(out.resolve("case6-depth-day14.png"), e6.h().values(), grid.nx(), grid.ny(),
                "Williamson case 6: depth h at day 14 (2.8 deg)", "m", false);
    }

    /** Usage: {@code ShallowWaterFigures <folder> [galewsky]} (the second argument draws only the jet). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/figures");
        boolean onlyJet = args.length > 1 && args[1].equals("galewsky");
        Eager o = Eager.serial();
        LatLonGrid grid = LatLonGrid.earth(2.8125);
        PolarFilter filter = new PolarFilter(grid, Math.toRadians(45));

        if (!onlyJet) {
            williamson(out, o, grid, filter);
        }
        InitialCondition jet = Galewsky.jet(true);
        Model mg = Model.builder(grid).timeStep(300).filter(filter).term(new Diffusion(1e5, false)).build();
        State eg = mg.run(o, jet.state(o, grid), mg.defaultParameters(o), 1728, Model.StepObserver.NONE);
        FieldMap.write(out.resolve("galewsky-vorticity-day6.png"),
                o.mul(mg.operators().curlAtCorner(o, eg.u(), eg.v()), 1e5).values(), grid.nx(), grid.ny(),
                "Galewsky et al. (2004) perturbed jet: relative vorticity at day 6 (2.8 deg, nu = 1e5 m^2/s as in the paper)", "1e-5/s", true);
        System.out.println("wrote figures to " + out);
    }
}
