package org.ferrel.io.scenario;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.DynamicalModel;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.StateVector;
import org.ferrel.io.config.ConfigException;

/**
 * What building any family's model from a scenario shares: the scenario's {@code parameters:} values
 * put in by name, the time-step check, and the automatic time step.
 */
public final class ScenarioModels {
    private ScenarioModels() {
    }

    /**
     * Builds the scenario's model with its family (its time step must be resolved).
     *
     * @throws org.ferrel.io.config.ConfigException at {@code model} when the family does not step in time
     */
    public static BuiltModel<?> build(Scenario s, Ops o) {
        return s.timeStepping().build(s, o, null);
    }

    /**
     * The model's default parameters with the scenario's {@code parameters:} values put in, checked by
     * name, size and bounds (errors name the scenario file, line and key).
     */
    public static Tensor[] withValues(Scenario s, DynamicalModel<?> model, Tensor[] defaults, Ops o) {
        Tensor[] p = defaults.clone();
        for (var e : s.parameterValues().entrySet()) {
            int index = -1;
            for (int k = 0; k < model.parameters().size(); k++) {
                if (model.parameters().get(k).name().equals(e.getKey())) {
                    index = k;
                }
            }
            String key = "parameters." + e.getKey();
            if (index < 0) {
                throw new ConfigException(s.origin(), s.line(key), key, "unknown parameter; the model has "
                        + model.parameters().stream().map(Parameter::name).toList());
            }
            Parameter d = model.parameters().get(index);
            double[] v = e.getValue();
            if (v.length != d.size()) {
                throw new ConfigException(s.origin(), s.line(key), key, "expected " + d.size() + " value" + (d.size() == 1 ? "" : "s")
                        + " (shape " + d.shape() + "), got " + v.length);
            }
            for (double x : v) {
                if (!(x >= d.lower() && x <= d.upper())) {
                    throw new ConfigException(s.origin(), s.line(key), key, "value " + x + " outside the bounds [" + d.lower() + ", "
                            + d.upper() + "] " + d.units());
                }
            }
            p[index] = o.constant(d.shape(), v);
        }
        return p;
    }

    /** The time step checked against the model's stability limits, as an error at {@code dynamics.timeStep}. */
    public static <S extends StateVector<S>> void checkTimeStep(Scenario s, DynamicalModel<S> model, S initial, Tensor[] p) {
        try {
            model.checkCfl(initial, p);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.origin(), s.line("dynamics.timeStep"), "dynamics.timeStep", e.getMessage());
        }
    }

    /** Steps that divide an hour, and multiples of an hour, in seconds: the candidates of an automatic time step. */
    private static final double[] CANDIDATES = {86400, 43200, 21600, 14400, 10800, 7200, 3600, 1800, 1200, 900, 720, 600, 450,
        400, 360, 300, 240, 225, 200, 180, 150, 120, 100, 90, 75, 72, 60, 50, 45, 40, 36, 30, 25, 24, 20, 18, 15, 12, 10, 9, 8, 6,
        5, 4, 3, 2, 1};

    /**
     * The scenario with its time step chosen when it is {@code auto}: the largest of the round steps
     * above that is at most 90 % of the largest stable step of the initial state (waves and damping
     * terms, {@link DynamicalModel#largestStableTimeStep}) and divides the output and restart intervals
     * and the run length. A given time step is returned unchanged.
     */
    public static Scenario resolveTimeStep(Scenario s, Ops o) {
        if (!Double.isNaN(s.dynamics().timeStep())) {
            return s;
        }
        double limit = stabilityLimit(s.timeStepping().build(s.withTimeStep(1.0), o, null));
        for (double dt : CANDIDATES) {
            if (dt <= 0.9 * limit && divides(dt, s.output().interval()) && divides(dt, s.restart().interval())
                    && divides(dt, s.run().length())) {
                Scenario resolved = s.withTimeStep(dt);
                ScenarioFile.checkIntervals(resolved, s.origin());
                return resolved;
            }
        }
        throw new ConfigException(s.origin(), s.line("output.interval"), "dynamics.timeStep", String.format(java.util.Locale.ROOT,
                "no round time step below the stability limit %.1f s divides the output interval; give timeStep explicitly", limit));
    }

    private static <S extends StateVector<S>> double stabilityLimit(BuiltModel<S> b) {
        return b.model().largestStableTimeStep(b.initial(), b.parameters());
    }

    private static boolean divides(double dt, double interval) {
        double r = interval / dt;
        return Math.abs(r - Math.rint(r)) < 1e-9 * Math.max(1, r);
    }
}
