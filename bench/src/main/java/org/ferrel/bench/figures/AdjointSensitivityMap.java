package org.ferrel.bench.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.io.figures.ColourScale;
import org.ferrel.io.figures.MapData;
import org.ferrel.io.figures.MapFigure;
import org.ferrel.io.figures.MapStyle;
import org.ferrel.io.netcdf.GriddedField;
import org.ferrel.io.netcdf.LatLonFieldWriter;

/**
 * An adjoint sensitivity map: J = the mean depth in a box downstream of the case-5 mountain
 * (lon 300..330 E, lat 30..50 N) after 2 days at 2.8 degrees; its gradient with respect to the
 * initial depth and the topography, by one reverse sweep with 20 binomial snapshots, written as a
 * CF NetCDF file and as PNG maps. Usage: {@code AdjointSensitivityMap <folder>}.
 */
public final class AdjointSensitivityMap {
    private AdjointSensitivityMap() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/figures");
        Eager o = Eager.serial();
        LatLonGrid grid = LatLonGrid.earth(2.8125);
        InitialCondition ic = Williamson.case5();
        Model model = Model.builder(grid).topography(ic.topography(grid)).timeStep(450)
                .filter(new PolarFilter(grid, Math.toRadians(45))).build();
        int steps = 384;
        double[] box = InitialCondition.sample(grid, Location.CENTER, (lon, lat) ->
                lon >= Math.toRadians(300) && lon <= Math.toRadians(330) && lat >= Math.toRadians(30)
                        && lat <= Math.toRadians(50) ? 1.0 : 0.0);
        double[] area = grid.cellArea();
        double total = 0;
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                box[j * grid.nx() + i] *= area[j];
                total += box[j * grid.nx() + i];
            }
        }
        Tensor weights = o.mul(o.constant(grid.shape(), box), 1.0 / total);
        TimeLoop loop = new TimeLoop(model.asStep(), steps,
                Cost.atFinalLevel(steps, (q, s, p) -> q.sum(q.mul(weights, s[0]))));
        State initial = ic.state(o, grid);
        Tensor[] parameters = model.defaultParameters(o);
        long t0 = System.nanoTime();
        LoopGradient g = loop.gradient(o, initial.toArray(), parameters, CheckpointSchedule.binomial(20));
        long t1 = System.nanoTime();
        double[] dh = g.initialStateGradient()[0].values();
        double[] db = g.parameterGradient()[1].values();
        LatLonFieldWriter.write(out.resolve("case5-sensitivity.nc"), grid, List.of(
                new GriddedField("dJ_dh0", dh, "1", "sensitivity of J (mean depth in 300-330E, 30-50N after 2 days)"
                        + " to the initial depth", null),
                new GriddedField("dJ_db", db, "1", "sensitivity of J to the bottom topography", null)),
                Map.of("title", "Ferrel adjoint sensitivity map, Williamson case 5",
                        "source", "Ferrel shallow-water core, 2.8125 deg C-grid, SSP-RK3, 450 s, polar filter 45 deg",
                        "references", "Williamson et al. (1992), J. Comput. Phys. 102, 211-224"));
        MapFigure.write(out.resolve("case5-sensitivity-h0.png"), MapData.of(grid, Location.CENTER, dh,
                "dJ/dh(0): J = mean depth in 300-330E, 30-50N at day 2 (case 5, 2.8 deg)", "m/m"),
                MapStyle.of(ColourScale.Kind.DIVERGING));
        System.out.println(String.format(Locale.ROOT, "J = %.6f m; gradient of %d steps in %.1f s (%d plain steps"
                + " re-run); wrote %s", g.cost().item(), steps, (t1 - t0) / 1e9, g.stats().forwardSteps(),
                out.resolve("case5-sensitivity.nc")));
    }
}
