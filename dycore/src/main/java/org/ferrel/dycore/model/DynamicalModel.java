package org.ferrel.dycore.model;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.Step;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.time.Integrator;

/**
 * What every assembled model offers, whatever its core: the shallow-water {@link Model} and the
 * primitive-equation {@code AtmosphereModel} are both dynamical models of their own state type. A
 * model is a core's equations plus named tendency terms with declared parameters, an optional filter
 * and an integrator with a fixed step; one step is a pure function of (state, parameters), so the
 * same run loop, time-step check and checkpointed gradients ({@link #asStep()} with
 * {@link org.ferrel.autodiff.loop.TimeLoop}) serve every core.
 *
 * @param <S> the core's prognostic state
 */
public interface DynamicalModel<S extends StateVector<S>> {
    Grid grid();

    double timeStep();

    Integrator integrator();

    /** The core's parameters, then those of its terms, each name once. */
    List<Parameter> parameters();

    /** Default parameter values, in the order of {@link #parameters()}. */
    Tensor[] defaultParameters(Ops o);

    default ParameterValues values(Tensor[] p) {
        return new ParameterValues(parameters(), p);
    }

    /** The state made of these fields, in the core's order (the inverse of {@link StateVector#toArray}). */
    S state(Tensor[] fields);

    /** The total (filtered) tendency. */
    S tendency(Ops o, S state, ParameterValues p);

    /** One time step. */
    S step(Ops o, S state, ParameterValues p);

    /** The step as a loop body: the state's fields in the core's order, parameters in the order of {@link #parameters()}. */
    default Step asStep() {
        return (o, k, state, p) -> step(o, state(state), values(p)).toArray();
    }

    /**
     * The largest time step the set-up check accepts for this state and these parameters [s]: the
     * integrator's imaginary-axis limit over the fastest wave's frequency and its real-axis limit
     * over every term's fastest damping rate.
     */
    double largestStableTimeStep(S initial, Tensor[] p);

    /**
     * Checks the time step against the stability limits.
     *
     * @throws IllegalArgumentException naming the time step and the largest stable one
     */
    void checkCfl(S initial, Tensor[] p);

    /**
     * Checks a state after {@code step} steps: all values finite and physical.
     *
     * @throws BlowUpException naming the step, field and location of the first bad value
     */
    void checkHealth(long step, S state);

    /**
     * Runs {@code steps} steps plainly after the time-step check, checking the state's health after
     * every step and calling the observer.
     *
     * @throws BlowUpException naming the step, field and location of the first bad value
     */
    default S run(Ops o, S initial, Tensor[] p, int steps, Observer<S> observer) {
        checkCfl(initial, p);
        ParameterValues values = values(p);
        S s = initial;
        for (int k = 0; k < steps; k++) {
            s = step(o, s, values);
            checkHealth(k + 1, s);
            observer.afterStep(k + 1, s);
        }
        return s;
    }

    /** Observes a run after each step. */
    @FunctionalInterface
    interface Observer<S> {
        void afterStep(int step, S state);

        /** An observer that does nothing. */
        static <S> Observer<S> none() {
            return (k, s) -> { };
        }
    }

    /**
     * The parameters of a model's components in order, checked to name each parameter once.
     *
     * @throws IllegalArgumentException naming a parameter two components declare
     */
    static List<Parameter> declared(List<Parameter> all) {
        Set<String> names = new HashSet<>();
        for (Parameter p : all) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two model components declare the parameter '" + p.name() + "'");
            }
        }
        return Collections.unmodifiableList(new java.util.ArrayList<>(all));
    }

    /** The largest value of an array. */
    static double max(double[] x) {
        double m = -Double.MAX_VALUE;
        for (double v : x) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** The largest magnitude in an array. */
    static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
