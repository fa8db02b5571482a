package org.ferrel.gpu.opencl;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.State;

/** Today's Java kernels (the dycore's {@link Model}), their loops split by an autodiff execution backend. */
public record JavaBackend(Backend threads) implements ComputeBackend {
    /** One thread. */
    public static JavaBackend serial() {
        return new JavaBackend(Backend.serial());
    }

    @Override
    public String description() {
        return "java (" + threads + ")";
    }

    @Override
    public ShallowWaterRun shallowWater(ShallowWaterSetup setup) {
        return new Run(new Eager(threads), setup.model());
    }

    @Override
    public void close() {
    }

    private static final class Run implements ShallowWaterRun {
        private final Eager o;
        private final Model model;
        private final ParameterValues parameters;
        private final Shape shape;
        private State state;

        Run(Eager o, Model model) {
            this.o = o;
            this.model = model;
            this.parameters = model.values(model.defaultParameters(o));
            this.shape = model.grid().shape();
        }

        @Override
        public void setState(double[] h, double[] u, double[] v) {
            ShallowWaterRun.requireFields(shape.size(), h, u, v);
            state = new State(o.constant(shape, h.clone()), o.constant(shape, u.clone()), o.constant(shape, v.clone()));
        }

        @Override
        public void advance(int steps) {
            for (int s = 0; s < steps; s++) {
                state = model.step(o, state, parameters);
            }
        }

        @Override
        public void readState(double[] h, double[] u, double[] v) {
            ShallowWaterRun.requireFields(shape.size(), h, u, v);
            System.arraycopy(state.h().values(), 0, h, 0, h.length);
            System.arraycopy(state.u().values(), 0, u, 0, u.length);
            System.arraycopy(state.v().values(), 0, v, 0, v.length);
        }

        /** By {@link TimeLoop#gradient}: the Java kernels' adjoints on a tape, step by step. */
        @Override
        public RunGradient gradient(int steps, DepthMisfit misfit, CheckpointSchedule schedule) {
            TimeLoop loop = new TimeLoop(model.asStep(), steps, Cost.atFinalLevel(steps, misfit.finalCost()));
            Tensor[] parameterValues = model.defaultParameters(o);
            LoopGradient g = loop.gradient(o, state.toArray(), parameterValues, schedule);
            Tensor[] initial = g.initialStateGradient();
            Tensor[] parameters = g.parameterGradient();
            return new RunGradient(g.cost().item(), initial[0].values().clone(), initial[1].values().clone(),
                    initial[2].values().clone(), parameters[0].item(), parameters[1].values().clone());
        }
    }
}
