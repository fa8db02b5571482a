package org.ferrel.calibration.campaign;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrel.dycore.model.Prior;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.config.ConfigNode;
import org.ferrel.io.scenario.ObservedLevel;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioFile;

/**
 * Reads campaign files (YAML 1.2), checked like scenario files: an unknown key, a wrong type or a
 * value out of range names the file, the line and the key. See {@code docs/calibrate.md}.
 */
public final class CampaignFile {
    public static final List<String> METHODS = List.of("levenberg-marquardt", "gauss-newton", "gauss-newton-cg", "lbfgs", "eki", "uki");

    private CampaignFile() {
    }

    public static Campaign read(Path file) {
        return parse(ConfigNode.readText(file), file);
    }

    /** Parses campaign text; {@code file} names it in messages and locates the files it names. */
    public static Campaign parse(String text, Path file) {
        String where = file.toString();
        Path folder = file.toAbsolutePath().getParent();
        ConfigNode root = ConfigNode.parse(text, where);
        root.allowOnly("name", "description", "scenario", "parameters", "observations", "optimizer", "checkpoints");
        Map<String, Integer> lines = new HashMap<>();
        String name = root.outputName("z500-january");
        Scenario scenario = ScenarioFile.referencedBy(root, file, "of the model");

        List<String> parameters = new ArrayList<>();
        Map<String, Prior> priors = new HashMap<>();
        List<ConfigNode.Item> items = root.list("parameters");
        if (items.isEmpty()) {
            throw root.error("parameters", "required: a list of the parameters to fit, by name (e.g. - drag.rate)");
        }
        for (ConfigNode.Item item : items) {
            String pname;
            if (item.text() != null) {
                pname = item.text();
            } else {
                ConfigNode m = item.mapping();
                m.allowOnly("name", "prior");
                pname = m.string("name", null);
                if (pname == null) {
                    throw new ConfigException(where, m.line(), "parameters", "each entry needs a name");
                }
                ConfigNode prior = m.child("prior");
                if (prior != null) {
                    prior.allowOnly("mean", "spread");
                    priors.put(pname, new Prior(prior.number("mean", 0, -1e30, 1e30, ""),
                            prior.number("spread", 1, Double.MIN_VALUE, 1e30, "")));
                }
            }
            lines.put("parameters." + pname, item.line());
            parameters.add(pname);
        }
        lines.put("parameters", root.line("parameters"));

        ConfigNode o = root.requireChild("observations");
        o.allowOnly("window", "sets");
        double window = o.duration("window", scenario.run().length(), 1, scenario.run().length());
        List<Campaign.ObservationSpec> observations = new ArrayList<>();
        List<ConfigNode.Item> sets = o.list("sets");
        if (sets.isEmpty()) {
            throw o.error("sets", "required: a list of observation sets (file, variable, field, error)");
        }
        for (ConfigNode.Item item : sets) {
            ConfigNode s = item.mapping();
            if (s == null) {
                throw new ConfigException(where, item.line(), "observations.sets", "each set is a mapping with file, variable, field, error");
            }
            s.allowOnly("name", "file", "variable", "field", "sigma", "pressure", "select", "error", "stride", "operator", "month",
                    "errorVariable");
            String file2 = s.string("file", null);
            String variable = s.string("variable", null);
            if (file2 == null || variable == null) {
                throw new ConfigException(where, s.line(), "observations.sets", "each set needs a file and a variable");
            }
            String field = s.string("field", null);
            if (field == null) {
                throw new ConfigException(where, s.line(), "observations.sets.field", "required: the model field observed (the"
                        + " shallow-water model: surface, depth, u, v; the atmosphere: temperature, u, v, geopotential_height at a"
                        + " sigma or pressure level, surface_pressure; the energy balance model: surface_temperature,"
                        + " outgoing_longwave, absorbed_shortwave)");
            }
            ObservedLevel level = ObservedLevel.read(s);
            Map<String, Double> select = new LinkedHashMap<>();
            ConfigNode sel = s.child("select");
            if (sel != null) {
                for (String k : sel.keys()) {
                    select.put(k, sel.number(k, 0, -1e30, 1e30, ""));
                }
            }
            String setName = s.string("name", variable);
            lines.put("observations." + setName, s.line());
            lines.put("observations." + setName + ".field", s.line("field"));
            observations.add(new Campaign.ObservationSpec(setName, folder.resolve(file2), variable, field, level, select,
                    s.number("error", 1, Double.MIN_VALUE, 1e30, "(the field's units)"), s.integer("stride", 1, 1, 1000),
                    s.choice("operator", "bilinear", "bilinear", "conservative", "zonal-mean"), s.integer("month", 0, 1, 12),
                    s.string("errorVariable", null)));
        }

        ConfigNode op = root.child("optimizer");
        Campaign.OptimizerSpec optimizer = new Campaign.OptimizerSpec("levenberg-marquardt", 50, 40, 1, 1);
        if (op != null) {
            op.allowOnly("method", "maxIterations", "ensembleSize", "seed", "threads", "adaptiveStep");
            optimizer = new Campaign.OptimizerSpec(op.choice("method", "levenberg-marquardt", METHODS.toArray(new String[0])),
                    op.integer("maxIterations", 50, 1, 100000), op.integer("ensembleSize", 40, 2, 100000),
                    op.integer("seed", 1, 0, Integer.MAX_VALUE), op.integer("threads", 1, 1, 256),
                    op.flag("adaptiveStep", false));
        }
        int checkpoints = root.integer("checkpoints", 16, 1, 100000);
        return new Campaign(name, where, text, scenario, parameters, priors, window, observations, optimizer,
                checkpoints, lines);
    }
}
