package org.ferrel.dycore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.junit.jupiter.api.Test;

/** The model's fused kernels split rows across threads and still give bitwise the same run and gradient. */
class ParallelModelTest {

    private static void assertBitwise(Tensor a, Tensor b, String what) {
        double[] x = a.values();
        double[] y = b.values();
        for (int i = 0; i < x.length; i++) {
            assertEquals(Double.doubleToRawLongBits(x[i]), Double.doubleToRawLongBits(y[i]), what + " at " + i);
        }
    }

    @Test
    void oneAndFourThreadsAgreeBitwise() {
        // 1.4 degrees: rows large enough for the backend to split them
        LatLonGrid grid = LatLonGrid.earth(1.40625);
        InitialCondition ic = Williamson.case5();
        Model m = Model.builder(grid).topography(ic.topography(grid)).timeStep(225)
                .filter(new PolarFilter(grid, Math.toRadians(45))).term(new Hyperdiffusion(1e15, false)).build();
        Eager serial = Eager.serial();
        Eager parallel = Eager.parallel(4);
        TimeLoop loop = new TimeLoop(m.asStep(), 3, Cost.atFinalLevel(3, (o, s, p) -> o.mul(o.sum(o.square(s[0])), 1e-12)));
        LoopGradient a = loop.gradient(serial, ic.state(serial, grid).toArray(), m.defaultParameters(serial),
                CheckpointSchedule.binomial(3));
        LoopGradient b = loop.gradient(parallel, ic.state(parallel, grid).toArray(), m.defaultParameters(parallel),
                CheckpointSchedule.binomial(3));
        assertBitwise(a.cost(), b.cost(), "cost");
        for (int i = 0; i < 3; i++) {
            assertBitwise(a.initialStateGradient()[i], b.initialStateGradient()[i], "state gradient " + i);
        }
        for (int i = 0; i < a.parameterGradient().length; i++) {
            assertBitwise(a.parameterGradient()[i], b.parameterGradient()[i], "parameter gradient " + i);
        }
    }
}
