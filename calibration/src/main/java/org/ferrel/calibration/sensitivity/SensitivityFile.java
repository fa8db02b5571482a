package org.ferrel.calibration.sensitivity;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ferrel.io.config.ConfigNode;
import org.ferrel.io.scenario.ObservedLevel;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioFile;

/**
 * Reads sensitivity files (YAML 1.2), checked like scenario and campaign files (see {@code docs/sensitivity.md}):
 * <pre>
 * name: jet-sensitivity
 * scenario: scenario.yaml
 * diagnostic:
 *   field: surface            # an observable field of the scenario's family
 *   sigma: 0.995              # or pressure: 850 (hPa), for fields on levels
 *   region: {south: 30, north: 60, west: 0, east: 360}   # degrees; default the globe
 *   window: 1 day             # the mean over the last ... of the run; default the last step
 * checkpoints: 16
 * </pre>
 */
public final class SensitivityFile {
    private SensitivityFile() {
    }

    public static Sensitivity read(Path file) {
        return parse(ConfigNode.readText(file), file);
    }

    /** Parses sensitivity text; {@code file} names it in messages and locates the scenario. */
    public static Sensitivity parse(String text, Path file) {
        String where = file.toString();
        ConfigNode root = ConfigNode.parse(text, where);
        root.allowOnly("name", "description", "scenario", "diagnostic", "checkpoints");
        Map<String, Integer> lines = new HashMap<>();
        String name = root.outputName("jet-sensitivity");
        Scenario scenario = ScenarioFile.referencedBy(root, file, "of the model");
        ConfigNode d = root.requireChild("diagnostic");
        d.allowOnly("field", "sigma", "pressure", "region", "window");
        lines.put("diagnostic", d.line());
        lines.put("diagnostic.field", d.line("field"));
        String field = d.string("field", null);
        if (field == null) {
            throw d.error("field", "required: the field whose regional mean is the diagnostic (the shallow-water model: surface,"
                    + " depth, u, v; the atmosphere: temperature, u, v, geopotential_height at a sigma or pressure level,"
                    + " surface_pressure)");
        }
        ObservedLevel level = ObservedLevel.read(d);
        Sensitivity.Region region = Sensitivity.Region.GLOBE;
        ConfigNode r = d.child("region");
        if (r != null) {
            r.allowOnly("south", "north", "west", "east");
            lines.put("diagnostic.region", d.line("region"));
            double south = r.number("south", -90, -90, 90, "degrees north");
            double north = r.number("north", 90, -90, 90, "degrees north");
            if (!(north > south)) {
                throw r.error("north", "expected north above south (" + south + "), got " + north);
            }
            double west = r.number("west", 0, -180, 360, "degrees east");
            double east = r.number("east", 360, -180, 720, "degrees east");
            if (east == west) {
                throw r.error("east", "expected east different from west (" + west + ")");
            }
            region = new Sensitivity.Region(south, north, west, east);
        }
        double dt = scenario.dynamics().timeStep();
        double window = d.duration("window", Double.isNaN(dt) ? 1 : dt, 1, scenario.run().length());
        int checkpoints = root.integer("checkpoints", 16, 1, 100000);
        return new Sensitivity(name, where, text, scenario, field, level, region, window, checkpoints, lines);
    }
}
