package org.ferrel.dycore.shallowwater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.grid.PlaneGrid;
import org.ferrel.dycore.model.Diagnostics;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.junit.jupiter.api.Test;

/** The doubly periodic f-plane: geostrophic adjustment of a height bump conserves mass and energy. */
class PlaneShallowWaterTest {
    private final Eager o = Eager.serial();

    @Test
    void geostrophicAdjustmentConservesMassAndEnergy() {
        double length = 4e6;
        PlaneGrid grid = new PlaneGrid(48, 48, length, length, 1e-4);
        double[] h = InitialCondition.sample(grid, Location.CENTER, (x, y) ->
                1000 + 50 * Math.exp(-(Math.pow(x - length / 2, 2) + Math.pow(y - length / 2, 2)) / Math.pow(5e5, 2)));
        State s0 = new State(o.constant(grid.shape(), h), o.zeros(grid.shape()), o.zeros(grid.shape()));
        Model m = Model.builder(grid).timeStep(300).build();
        Tensor[] p = m.defaultParameters(o);
        State s = m.run(o, s0, p, 288, Model.StepObserver.NONE);
        double m0 = Diagnostics.mass(o, m.operators(), s0).item();
        double m1 = Diagnostics.mass(o, m.operators(), s).item();
        assertEquals(m0, m1, 1e-13 * m0, "mass");
        double e0 = Diagnostics.energy(o, m.operators(), s0, p[0], p[1]).item();
        double e1 = Diagnostics.energy(o, m.operators(), s, p[0], p[1]).item();
        assertTrue(Math.abs(e1 - e0) < 1e-5 * e0, "relative energy change " + (e1 - e0) / e0);
        // part of the high adjusts into a balanced anticyclone (f > 0): negative vorticity at its centre
        double[] zeta = m.operators().curlAtCorner(o, s.u(), s.v()).values();
        double centre = 0;
        int count = 0;
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                double x = grid.x(Location.CORNER, i) - length / 2;
                double y = grid.y(Location.CORNER, j) - length / 2;
                if (x * x + y * y < 2e5 * 2e5) {
                    centre += zeta[j * grid.nx() + i];
                    count++;
                }
            }
        }
        assertTrue(count > 0 && centre / count < 0, "mean vorticity at the centre " + centre / count);
    }
}
