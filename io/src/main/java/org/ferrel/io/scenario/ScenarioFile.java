package org.ferrel.io.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.config.ConfigNode;
import org.ferrel.io.config.Durations;
import org.ferrel.io.netcdf.OutputEncoding;
import org.ferrel.io.scenario.Scenario.DynamicsSpec;
import org.ferrel.io.scenario.Scenario.GridSpec;
import org.ferrel.io.scenario.Scenario.OutputSpec;
import org.ferrel.io.scenario.Scenario.RestartSpec;
import org.ferrel.io.scenario.Scenario.RunSpec;

/**
 * Reads scenario files (YAML 1.2). The common schema, with defaults (see {@code docs/run.md}); the
 * model family ({@code model:}, default {@code shallow-water}) reads its own sections (here the
 * shallow-water family's terms and initial state, see {@link ModelFamily#sections()}). The sections
 * grid, dynamics, run, output and restart belong to time-stepping families ({@link TimeSteppingFamily});
 * a steady family (e.g. {@code energy-balance}) reads only name, description, model, parameters and its
 * own sections:
 *
 * <pre>
 * name: case5                      # [a-zA-Z0-9_.-]+, names the output folder and files
 * description: ...
 * model: shallow-water             # or atmosphere, energy-balance
 * grid:     {resolution: 2.8125, radius: 6.37122e6, rotationRate: 7.292e-5}
 * dynamics: {gravity: 9.80616, timeStep: auto, integrator: ssp-rk3, polarFilter: 45}
 * terms:
 *   hyperdiffusion: {coefficient: 1e15, depth: false, polarScalingLatitude: 45}
 *   diffusion: {coefficient: 1e5, depth: false, polarScalingLatitude: 45}
 *   drag: {rate: 1e-6}
 *   relaxation: {timeScale: 10 days}           # toward the initial depth
 *   implicitMeridionalDiffusion: {coefficient: 1e5}
 * parameters: {drag.rate: 2e-6, equilibrium.coefficients: [5500, 10]}   # values replacing the terms' defaults, by name
 * initial:  {case: williamson5}                # or {case: rest, depth: 5500}, or {file: x.nc, time: last, variables: {h: h, u: u, v: v, topography: b}}
 * run:      {length: 15 days, start: 2000-01-01T00:00:00}
 * output:   {interval: 6 hours, variables: [h, u, v, vorticity, surface], statistic: snapshot,
 *            format: netcdf3, precision: float64, keepBits: none}   # format: netcdf4 adds deflateLevel: 4, shuffle: true
 * restart:  {interval: 1 day}
 * </pre>
 *
 * Every key is checked: an unknown key, a wrong type or a value out of range is a
 * {@link ConfigException} naming the file, line and key.
 */
public final class ScenarioFile {
    public static final String DEFAULT_RESOURCE = "default.yaml";

    private ScenarioFile() {
    }

    /**
     * Reads and checks a scenario file.
     *
     * @throws ConfigException naming the file, line and key of the first problem
     */
    public static Scenario read(Path file) {
        return parse(ConfigNode.readText(file), file.toString());
    }

    /**
     * The scenario a campaign, ensemble or sensitivity file names with its {@code scenario:} key, read
     * from the path relative to that file's folder.
     *
     * @param what what the scenario is for, for the message when the key is missing
     * @throws ConfigException at the key when it is missing or the file does not exist, or naming the
     *                         scenario file, line and key of a problem in it
     */
    public static Scenario referencedBy(ConfigNode root, Path file, String what) {
        String scenarioName = root.string("scenario", null);
        if (scenarioName == null) {
            throw root.error("scenario", "required: the scenario file " + what + " (grid, dynamics, initial state, run length)");
        }
        Path scenarioPath = file.toAbsolutePath().getParent().resolve(scenarioName);
        try {
            return read(scenarioPath);
        } catch (ConfigException e) {
            if (e.line() == 0 && e.getMessage().endsWith("no such file")) {
                throw root.error("scenario", "no such file: " + scenarioPath);
            }
            throw e;
        }
    }

    /** The built-in default scenario: Williamson case 5 at 2.8 degrees for 15 days. */
    public static Scenario builtInDefault() {
        try (InputStream in = ScenarioFile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in default");
        } catch (IOException e) {
            throw new IllegalStateException("the built-in default scenario is missing from the jar", e);
        }
    }

    /** The text of the built-in default scenario (for {@code ferrel run --print-default}). */
    public static String builtInDefaultText() {
        return builtInDefault().text();
    }

    /** Parses scenario text; {@code file} names it in messages. */
    public static Scenario parse(String text, String file) {
        ConfigNode root = ConfigNode.parse(text, file);
        String familyKey = root.choice("model", "shallow-water", ModelFamily.keys().toArray(new String[0]));
        ModelFamily family = ModelFamily.of(familyKey);
        // the common sections belong to time-stepping families; a steady family reads only its own
        TimeSteppingFamily stepping = family instanceof TimeSteppingFamily t ? t : null;
        List<String> allowed = new ArrayList<>(List.of("name", "description", "model", "parameters"));
        if (stepping != null) {
            allowed.addAll(List.of("grid", "dynamics", "run", "output", "restart"));
        }
        allowed.addAll(family.sections());
        root.allowOnly(allowed.toArray(new String[0]));
        Map<String, Integer> lines = new HashMap<>();
        lines.put("model", root.line("model"));
        String name = root.string("name", null);
        if (name == null) {
            throw root.error("name", "required: a short name for the output folder and files, e.g. name: case5");
        }
        if (!name.matches("[A-Za-z0-9_.-]{1,100}") || name.startsWith(".")) {
            throw root.error("name", "expected 1 to 100 letters, digits, '_', '-' or '.', not starting with '.', got \"" + name + "\"");
        }
        String description = root.string("description", "");

        ConfigNode g = stepping == null ? null : root.child("grid");
        GridSpec grid = new GridSpec(2.8125, 6.37122e6, 7.292e-5);
        if (g != null) {
            g.allowOnly("resolution", "radius", "rotationRate");
            double res = g.number("resolution", 2.8125, 0.25, 30, "degrees");
            if (Math.abs(360.0 / res - Math.round(360.0 / res)) > 1e-9 || Math.abs(180.0 / res - Math.round(180.0 / res)) > 1e-9) {
                throw g.error("resolution", "expected a spacing that divides 180 degrees (e.g. 5.625, 2.8125, 1.40625, 2, 1), got " + res);
            }
            grid = new GridSpec(res, g.number("radius", 6.37122e6, 1e3, 1e9, "m"),
                    g.number("rotationRate", 7.292e-5, -1e-2, 1e-2, "1/s"));
            lines.put("grid.resolution", g.line("resolution"));
        }

        ConfigNode d = root.child("dynamics");
        DynamicsSpec dynamics = new DynamicsSpec(9.80616, Double.NaN, "ssp-rk3", 45);
        if (d != null) {
            List<String> dynamicsKeys = new ArrayList<>(List.of("timeStep", "integrator", "polarFilter"));
            dynamicsKeys.addAll(stepping.dynamicsKeys());
            d.allowOnly(dynamicsKeys.toArray(new String[0]));
            double filter = 45;
            if (d.has("polarFilter") && "none".equals(d.string("polarFilter", ""))) {
                filter = Double.NaN;
            } else {
                filter = d.number("polarFilter", 45, 1, 89, "degrees latitude, or none");
            }
            double dt = "auto".equals(d.string("timeStep", "auto")) ? Double.NaN : d.duration("timeStep", Double.NaN, 1, 86400);
            dynamics = new DynamicsSpec(d.number("gravity", 9.80616, 0.01, 100, "m/s^2"), dt,
                    d.choice("integrator", "ssp-rk3", stepping.integrators().toArray(new String[0])), filter);
            lines.put("dynamics.timeStep", d.line("timeStep"));
        }

        ModelSpec model = family.parse(root, lines);

        ConfigNode r = root.child("run");
        RunSpec run = new RunSpec(15 * 86400.0, "2000-01-01T00:00:00");
        if (r != null) {
            r.allowOnly("length", "start");
            String start = r.string("start", run.start());
            try {
                if (LocalDateTime.parse(start).getNano() != 0) {
                    throw new DateTimeParseException("fractional seconds", start, 0);
                }
            } catch (DateTimeParseException e) {
                throw r.error("start", "expected an ISO 8601 date and time in whole seconds such as 2000-01-01T00:00:00, got \""
                        + start + "\"");
            }
            run = new RunSpec(r.duration("length", run.length(), 1, 1e11), start);
            lines.put("run.length", r.line("length"));
        }

        ConfigNode o = root.child("output");
        OutputSpec output = new OutputSpec(6 * 3600.0, stepping == null ? List.of() : stepping.defaultOutputVariables(), "snapshot");
        if (o != null) {
            o.allowOnly("interval", "variables", "statistic", "format", "precision", "keepBits", "deflateLevel", "shuffle");
            output = new OutputSpec(o.duration("interval", output.interval(), 1, 1e11),
                    o.choices("variables", output.variables(), stepping.outputVariables()),
                    o.choice("statistic", "snapshot", "snapshot", "mean"), encoding(o));
            lines.put("output.interval", o.line("interval"));
        }

        ConfigNode s = root.child("restart");
        RestartSpec restart = new RestartSpec(86400.0);
        if (s != null) {
            s.allowOnly("interval");
            restart = new RestartSpec(s.duration("interval", restart.interval(), 1, 1e11));
            lines.put("restart.interval", s.line("interval"));
        }

        java.util.Map<String, double[]> parameterValues = new java.util.LinkedHashMap<>();
        ConfigNode pv = root.child("parameters");
        if (pv != null) {
            for (String key : pv.keys()) {
                lines.put("parameters." + key, pv.line(key));
                List<ConfigNode.Item> items = pv.isList(key) ? pv.list(key) : null;
                double[] v;
                if (items == null) {
                    v = new double[] {pv.number(key, Double.NaN, -Double.MAX_VALUE, Double.MAX_VALUE, "")};
                } else {
                    v = new double[items.size()];
                    for (int k = 0; k < v.length; k++) {
                        try {
                            v[k] = Double.parseDouble(String.valueOf(items.get(k).text()).trim());
                        } catch (NumberFormatException e) {
                            throw pv.error(key, "expected numbers, got \"" + items.get(k).text() + "\"");
                        }
                    }
                }
                parameterValues.put(key, v);
            }
        }
        Scenario scenario = new Scenario(name, description, file, text, model, grid, dynamics, parameterValues, run, output,
                restart, lines);
        checkIntervals(scenario, file);
        return scenario;
    }

    /**
     * {@code output.format} ({@code netcdf3}, the default, also written {@code netcdf3-64bit}; or {@code netcdf4}),
     * {@code precision} ({@code float64}, the default, or {@code float32}), {@code keepBits} (0 to the precision's
     * mantissa bits, or {@code none}), {@code deflateLevel} (1 to 9, default 4) and {@code shuffle} (default true),
     * the last two for NetCDF-4 only.
     */
    private static OutputEncoding encoding(ConfigNode o) {
        String format = o.choice("format", "netcdf3", "netcdf3", "netcdf4", "netcdf3-64bit");
        boolean netcdf4 = format.equals("netcdf4");
        OutputEncoding.Precision precision = o.choice("precision", "float64", "float64", "float32").equals("float32")
                ? OutputEncoding.Precision.FLOAT32 : OutputEncoding.Precision.FLOAT64;
        for (String key : List.of("deflateLevel", "shuffle")) {
            if (!netcdf4 && o.has(key)) {
                throw o.error(key, "only NetCDF-4 output is compressed; add 'format: netcdf4' to the output section, or remove "
                        + key);
            }
        }
        int deflate = o.integer("deflateLevel", 4, 1, 9);
        boolean shuffle = o.flag("shuffle", true);
        int keepBits = OutputEncoding.NO_ROUNDING;
        if (o.has("keepBits") && !"none".equals(o.string("keepBits", "none"))) {
            int max = precision.mantissaBits();
            String text = o.string("keepBits", "").trim();
            try {
                keepBits = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw o.error("keepBits", "expected a number of mantissa bits, 0 to " + max + " for "
                        + precision.name().toLowerCase(java.util.Locale.ROOT) + ", or none, got \"" + text + "\"");
            }
            if (keepBits < 0 || keepBits > max) {
                throw o.error("keepBits", "expected 0 to " + max + " mantissa bits for "
                        + precision.name().toLowerCase(java.util.Locale.ROOT) + " (its mantissa has " + max + "), got " + keepBits);
            }
        }
        return new OutputEncoding(precision, keepBits, netcdf4 ? OutputEncoding.Format.NETCDF4 : OutputEncoding.Format.NETCDF3,
                deflate, shuffle);
    }

    /**
     * Checks that the run, output and restart intervals fit together and, once the time step is known,
     * that they fall on steps.
     */
    static void checkIntervals(Scenario s, String file) {
        double dt = s.dynamics().timeStep();
        if (!Double.isNaN(dt)) {
            multiple(s, file, "run.length", s.run().length(), dt, "the time step (" + Durations.format(dt) + ")");
            multiple(s, file, "output.interval", s.output().interval(), dt, "the time step (" + Durations.format(dt) + ")");
        }
        if (s.output().interval() > s.run().length()) {
            throw new ConfigException(file, s.line("output.interval"), "output.interval", "longer than the run ("
                    + Durations.format(s.run().length()) + "): the run would write no output");
        }
        multiple(s, file, "run.length", s.run().length(), s.output().interval(),
                "the output interval (" + Durations.format(s.output().interval()) + "), so that the run ends on an output time");
        multiple(s, file, "restart.interval", s.restart().interval(), s.output().interval(),
                "the output interval (" + Durations.format(s.output().interval()) + "), so that a restart falls on an output time");
    }

    private static void multiple(Scenario s, String file, String key, double value, double of, String what) {
        double ratio = value / of;
        if (Math.abs(ratio - Math.rint(ratio)) > 1e-9 * Math.max(1, ratio) || Math.rint(ratio) < 1) {
            throw new ConfigException(file, s.line(key), key, "expected a whole multiple of " + what + ", got "
                    + Durations.format(value));
        }
    }

}
