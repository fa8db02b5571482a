package org.ferrel.bench;

import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.shallowwater.PolarFilter;

/**
 * Counts the array operations of one shallow-water step at 2.8 degrees and the bytes they read and
 * write (by recording the step on a tape and summing its operations' operand sizes), for reading the
 * step time against the STREAM bandwidth. Usage: {@code ShallowWaterTraffic}.
 */
public final class ShallowWaterTraffic {
    private ShallowWaterTraffic() {
    }

    public static void main(String[] args) {
        Eager o = Eager.serial();
        for (double degrees : new double[] {5.625, 2.8125}) {
            LatLonGrid grid = LatLonGrid.earth(degrees);
            InitialCondition ic = Williamson.case5();
            Model model = Model.builder(grid).topography(ic.topography(grid)).timeStep(900 * degrees / 5.625)
                    .filter(new PolarFilter(grid, Math.toRadians(45))).build();
            State s = ic.state(o, grid);
            Tensor[] p = model.defaultParameters(o);
            Tape tape = new Tape(o);
            Tensor[] x = tape.variables(s.toArray());
            Tensor[] q = tape.variables(p);
            model.asStep().apply(tape, 0, x, q);
            Tape.Traffic t = tape.traffic();
            System.out.println(String.format(Locale.ROOT,
                    "{\"degrees\": %.4f, \"cells\": %d, \"operations per step\": %d, \"bytes per step\": %d,"
                            + " \"bytes per cell per step\": %.0f}",
                    degrees, grid.nx() * grid.ny(), t.operations(), t.bytes(), (double) t.bytes() / (grid.nx() * grid.ny())));
        }
    }
}
