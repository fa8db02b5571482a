package org.ferrel.dycore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.dycore.time.Integrator;
import org.ferrel.dycore.time.Rk4;
import org.ferrel.dycore.time.SspRk3;
import org.junit.jupiter.api.Test;

/**
 * Plain steps recycle their intermediates ({@link Ops#recycle}); a recording tape keeps every value.
 * Both must give the same states bitwise, step after step: a recycled array that was still in use
 * would show up as a difference.
 */
class RecyclingStepTest {
    private final LatLonGrid grid = new LatLonGrid(64, 32, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);

    private Model model(Integrator integrator) {
        InitialCondition ic = Williamson.case5();
        double[] target = InitialCondition.sample(grid, Location.CENTER, ic::depth);
        return Model.builder(grid).topography(ic.topography(grid)).timeStep(600).integrator(integrator)
                .filter(new PolarFilter(grid, Math.toRadians(45)))
                .term(new Hyperdiffusion(1e15, true))
                .term(new RayleighDrag(1e-6))
                .term(new NewtonianRelaxation(86400.0 * 5, target, grid))
                .build();
    }

    private void assertPlainEqualsRecorded(Integrator integrator) {
        Model m = model(integrator);
        Eager e = Eager.serial();
        Tensor[] p = m.defaultParameters(e);
        State plain = Williamson.case5().state(e, grid);
        Tape tape = new Tape(e);
        State recorded = State.of(tape.variables(plain.toArray()));
        Tensor[] recordedP = tape.variables(p);
        for (int k = 0; k < 12; k++) {
            plain = m.step(e, plain, m.values(p));
            recorded = m.step(tape, recorded, m.values(recordedP));
            // keep some plain work in between, as other code on the thread would
            e.recycle(e.mul(plain.h(), 2.0));
            for (int f = 0; f < 3; f++) {
                assertArrayEquals(tape.value(recorded.toArray()[f]).values(), plain.toArray()[f].values(), 0.0,
                        integrator.name() + " step " + (k + 1) + " field " + State.NAMES[f]);
            }
        }
    }

    @Test
    void sspRk3PlainStepsEqualRecordedOnes() {
        assertPlainEqualsRecorded(new SspRk3());
    }

    @Test
    void rk4PlainStepsEqualRecordedOnes() {
        assertPlainEqualsRecorded(new Rk4());
    }

    /** Fills this thread's pool with NaN arrays of a field's and a stack's size. */
    private void poisonPool(Eager e) {
        for (int i = 0; i < 30; i++) {
            e.recycle(e.full(grid.shape(), Double.NaN), e.full(Shape.of(3, grid.ny(), grid.nx()), Double.NaN));
        }
    }

    /**
     * Kernels that declare they overwrite their outputs get recycled arrays without zeroing, and a
     * time loop's recorded steps recycle their values during the reversal: with the pool full of
     * NaN arrays, the gradient (binomial, so steps are also rerun plainly, and store-all) must be
     * bitwise the one of an interpreter that never reuses an array.
     */
    @Test
    void staleArraysNeverShowThrough() {
        for (Integrator integrator : new Integrator[] {new SspRk3(), new Rk4()}) {
            Model m = model(integrator);
            Eager e = Eager.serial();
            Tensor[] p = m.defaultParameters(e);
            Tensor[] s0 = Williamson.case5().state(e, grid).toArray();
            TimeLoop loop = new TimeLoop(m.asStep(), 6, Cost.atFinalLevel(6, (o, s, q) -> o.sum(o.square(s[1]))));
            LoopGradient fresh = loop.gradient(e.withoutArrayReuse(), s0, p, CheckpointSchedule.binomial(2));
            for (CheckpointSchedule schedule : new CheckpointSchedule[] {CheckpointSchedule.binomial(2),
                CheckpointSchedule.storeAll()}) {
                poisonPool(e);
                LoopGradient reused = loop.gradient(e, s0, p, schedule);
                String what = integrator.name() + " " + schedule;
                assertArrayEquals(fresh.cost().values(), reused.cost().values(), 0.0, what);
                for (int f = 0; f < 3; f++) {
                    assertArrayEquals(fresh.initialStateGradient()[f].values(), reused.initialStateGradient()[f].values(),
                            0.0, what + " field " + State.NAMES[f]);
                }
                for (int i = 0; i < p.length; i++) {
                    assertArrayEquals(fresh.parameterGradient()[i].values(), reused.parameterGradient()[i].values(), 0.0,
                            what + " parameter " + m.parameters().get(i).name());
                }
            }
        }
    }
}
