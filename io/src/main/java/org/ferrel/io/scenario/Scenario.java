package org.ferrel.io.scenario;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.io.netcdf.OutputEncoding;

/**
 * A scenario: everything a run needs, as read from a YAML scenario file by {@link ScenarioFile}: the
 * parts every model family shares (name, description, parameter values), the sections of time-stepping
 * families (grid, dynamics, run, output, restart: their defaults, unused, for a steady family) and the
 * family's own part ({@link #model()}: terms, initial state, levels), read by its {@link ModelFamily}.
 * Times are in seconds, angles in degrees.
 *
 * @param name        used for the output folder and file names
 * @param description free text, written into the output's global attributes
 * @param origin      the file it was read from, or "built-in default"
 * @param text        the scenario file's text, kept in restart files and output
 * @param model       the model family's part (its key names the family)
 * @param parameterValues values replacing model parameters' defaults, by parameter name (e.g. fitted ones)
 * @param lines       line of each dotted key in the file, for error messages after parsing
 */
public record Scenario(String name, String description, String origin, String text, ModelSpec model, GridSpec grid,
                       DynamicsSpec dynamics, Map<String, double[]> parameterValues, RunSpec run, OutputSpec output,
                       RestartSpec restart, Map<String, Integer> lines) {

    public Scenario {
        java.util.Objects.requireNonNull(model, "model");
        parameterValues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameterValues));
        lines = Map.copyOf(lines);
    }

    /** The same scenario with the time step fixed (for a scenario whose time step is chosen automatically). */
    public Scenario withTimeStep(double timeStep) {
        return new Scenario(name, description, origin, text, model, grid, new DynamicsSpec(dynamics.gravity(), timeStep,
                dynamics.integrator(), dynamics.polarFilterLatitude()), parameterValues, run, output, restart, lines);
    }

    /** The scenario's model family. */
    public ModelFamily family() {
        return ModelFamily.of(model.family());
    }

    /**
     * The scenario's family as a time-stepping one, for what only a model that steps in time offers
     * (a time step, restarts, ensembles of runs).
     *
     * @throws org.ferrel.io.config.ConfigException at the scenario's {@code model} key when the family is steady
     */
    public TimeSteppingFamily timeStepping() {
        if (family() instanceof TimeSteppingFamily f) {
            return f;
        }
        throw new org.ferrel.io.config.ConfigException(origin, line("model"), "model", "'" + model.family() + "' ("
                + family().description() + ") is solved for its steady state and has no time steps; this needs a"
                + " time-stepping model: " + ModelFamily.available().stream().filter(TimeSteppingFamily.class::isInstance)
                .map(ModelFamily::key).toList());
    }

    /**
     * The same scenario under another name and text, with other parameter values and model part (an
     * ensemble member, whose initial state may be perturbed: {@code text} documents what was changed).
     */
    public Scenario derive(String newName, String newText, Map<String, double[]> values, ModelSpec newModel) {
        return new Scenario(newName, description, origin, newText, newModel, grid, dynamics, values, run, output, restart, lines);
    }

    /** The number of time steps of the whole run. */
    public long steps() {
        return Math.round(run.length() / dynamics.timeStep());
    }

    public long stepsPerOutput() {
        return Math.round(output.interval() / dynamics.timeStep());
    }

    public long stepsPerRestart() {
        return Math.round(restart.interval() / dynamics.timeStep());
    }

    /** SHA-256 of the scenario text: restart files carry it so a resume checks it continues the same scenario. */
    public String digest() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The line of a dotted key in the scenario file, 0 when unknown. */
    public int line(String key) {
        return lines.getOrDefault(key, 0);
    }

    /**
     * A regular latitude-longitude grid.
     *
     * @param resolution   grid spacing [degrees]; nx = 360/resolution, ny = 180/resolution
     * @param radius       planet radius [m]
     * @param rotationRate planet angular velocity [1/s]
     */
    public record GridSpec(double resolution, double radius, double rotationRate) {
        public LatLonGrid toGrid() {
            return new LatLonGrid((int) Math.round(360.0 / resolution), (int) Math.round(180.0 / resolution), radius,
                    rotationRate);
        }
    }

    /**
     * @param gravity             g [m/s^2] (the shallow-water family's; the atmosphere uses standard gravity)
     * @param timeStep            dt [s]; NaN until chosen automatically ({@code timeStep: auto}, the default)
     * @param integrator          "ssp-rk3" or "rk4"
     * @param polarFilterLatitude latitude poleward of which tendencies are Fourier filtered [degrees], NaN for none
     */
    public record DynamicsSpec(double gravity, double timeStep, String integrator, double polarFilterLatitude) {
    }

    /**
     * @param length run length [s]
     * @param start  the simulated date of step 0 (ISO 8601), the origin of the output's time axis
     */
    public record RunSpec(double length, String start) {
    }

    /**
     * @param interval  output interval [s]
     * @param variables output variables, some of the family's {@link TimeSteppingFamily#outputVariables()}
     * @param statistic "snapshot" (values at the end of each interval) or "mean" (interval means)
     * @param encoding  precision, bit rounding and file format of the fields
     */
    public record OutputSpec(double interval, List<String> variables, String statistic, OutputEncoding encoding) {
        public OutputSpec {
            variables = List.copyOf(variables);
            java.util.Objects.requireNonNull(encoding, "encoding");
        }

        /** Double precision NetCDF-3, unrounded. */
        public OutputSpec(double interval, List<String> variables, String statistic) {
            this(interval, variables, statistic, OutputEncoding.DEFAULT);
        }
    }

    /** @param interval restart interval [s] */
    public record RestartSpec(double interval) {
    }
}
