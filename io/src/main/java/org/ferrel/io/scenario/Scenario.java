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
 * A scenario: everything a shallow-water run needs, as read from a YAML scenario file by
 * {@link ScenarioFile}. Times are in seconds, angles in degrees.
 *
 * @param name        used for the output folder and file names
 * @param description free text, written into the output's global attributes
 * @param origin      the file it was read from, or "built-in default"
 * @param text        the scenario file's text, kept in restart files and output
 * @param parameterValues values replacing model parameters' defaults, by parameter name (e.g. fitted ones)
 * @param lines       line of each dotted key in the file, for error messages after parsing
 */
public record Scenario(String name, String description, String origin, String text, GridSpec grid,
                       DynamicsSpec dynamics, List<TermSpec> terms, Map<String, double[]> parameterValues,
                       InitialSpec initial, RunSpec run, OutputSpec output, RestartSpec restart, Map<String, Integer> lines) {

    public Scenario {
        terms = List.copyOf(terms);
        parameterValues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameterValues));
        lines = Map.copyOf(lines);
    }

    /** The same scenario with the time step fixed (for a scenario whose time step is chosen automatically). */
    public Scenario withTimeStep(double timeStep) {
        return new Scenario(name, description, origin, text, grid, new DynamicsSpec(dynamics.gravity(), timeStep,
                dynamics.integrator(), dynamics.polarFilterLatitude()), terms, parameterValues, initial, run, output, restart, lines);
    }

    /**
     * The same scenario under another name and text, with other parameter values and initial state
     * (an ensemble member: {@code text} documents what was changed).
     */
    public Scenario derive(String newName, String newText, Map<String, double[]> values, InitialSpec newInitial) {
        return new Scenario(newName, description, origin, newText, grid, dynamics, terms, values, newInitial, run, output, restart,
                lines);
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
     * @param gravity             g [m/s^2]
     * @param timeStep            dt [s]; NaN until chosen automatically ({@code timeStep: auto}, the default)
     * @param integrator          "ssp-rk3" or "rk4"
     * @param polarFilterLatitude latitude poleward of which tendencies are Fourier filtered [degrees], NaN for none
     */
    public record DynamicsSpec(double gravity, double timeStep, String integrator, double polarFilterLatitude) {
    }

    /** A tendency term of the scenario. */
    public sealed interface TermSpec {
    }

    /** Biharmonic diffusion, coefficient [m^4/s], polar scaling latitude [degrees] (NaN: none). */
    public record HyperdiffusionSpec(double coefficient, boolean depth, double polarScalingLatitude) implements TermSpec {
    }

    /** Laplacian diffusion, coefficient [m^2/s]. */
    public record DiffusionSpec(double coefficient, boolean depth, double polarScalingLatitude) implements TermSpec {
    }

    /**
     * A term contributed by another module through {@link TermProvider}.
     *
     * @param key     its key under {@code terms:}
     * @param builder how to build it
     */
    public record ProvidedTermSpec(String key, TermProvider.Builder builder) implements TermSpec {
    }

    /** Rayleigh drag, rate [1/s]. */
    public record DragSpec(double rate) implements TermSpec {
    }

    /** Newtonian relaxation of h toward the initial depth, time scale [s]. */
    public record RelaxationSpec(double timeScale) implements TermSpec {
    }

    /** Backward-Euler meridional diffusion of h, coefficient [m^2/s]. */
    public record ImplicitDiffusionSpec(double coefficient) implements TermSpec {
    }

    /**
     * The initial state: a built-in case, or fields read from a NetCDF file on the model grid.
     *
     * @param builtIn   case name ({@code williamson2}, {@code williamson5}, {@code williamson6},
     *                  {@code galewsky}, {@code galewsky-perturbed}, {@code rest}), or null when read from a file
     * @param alpha     rotation angle of case 2's flow [degrees]
     * @param depth     the uniform depth of case {@code rest} (a layer at rest) [m]
     * @param file      NetCDF file, or null
     * @param time      which record of the file: "first", "last" or an index
     * @param variables file variable names for h, u, v and (optional) topography b
     * @param perturbation a seeded random perturbation added to h ({@link InitialPerturbation#NONE}: none)
     */
    public record InitialSpec(String builtIn, double alpha, double depth, String file, String time, Map<String, String> variables,
                              InitialPerturbation perturbation) {
        public InitialSpec {
            java.util.Objects.requireNonNull(perturbation, "perturbation");
        }

        /** The same initial state with another perturbation of h. */
        public InitialSpec withPerturbation(InitialPerturbation p) {
            return new InitialSpec(builtIn, alpha, depth, file, time, variables, p);
        }
    }

    /**
     * @param length run length [s]
     * @param start  the simulated date of step 0 (ISO 8601), the origin of the output's time axis
     */
    public record RunSpec(double length, String start) {
    }

    /**
     * @param interval  output interval [s]
     * @param variables output variables, some of {@link ScenarioFile#OUTPUT_VARIABLES}
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
