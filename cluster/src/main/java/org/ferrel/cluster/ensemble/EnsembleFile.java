package org.ferrel.cluster.ensemble;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ferrel.autodiff.Eager;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.config.ConfigNode;
import org.ferrel.io.scenario.InitialPerturbation;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioFile;
import org.ferrel.io.scenario.ScenarioModels;

/**
 * Reads ensemble files (YAML 1.2), checked like scenario files: an unknown key, a wrong type, an
 * unknown parameter or an empty or inverted range names the file, the line and the key. See
 * {@code docs/cluster.md}:
 *
 * <pre>
 * name: drag-ensemble
 * scenario: scenario.yaml                 # relative to this file
 * members: 16                             # prior, latin-hypercube, none (a grid has the product of its counts)
 * seed: 1
 * sampling:
 *   method: latin-hypercube               # prior | latin-hypercube | grid | none
 *   parameters:
 *     - {name: drag.rate, min: 1e-7, max: 2e-6}            # grid: count: 4; prior: prior: {mean: .., spread: ..} (optional)
 * perturbation: {amplitude: 5, correlationLength: 1e6}     # optional: random perturbation of the initial h [m]
 * spark: {partitions: 16}                 # optional; default: one task per member
 * </pre>
 */
public final class EnsembleFile {
    public static final List<String> METHODS = List.of("prior", "latin-hypercube", "grid", "none");
    /** The most members an ensemble may have. */
    public static final int MAX_MEMBERS = 100_000;

    private EnsembleFile() {
    }

    public static Ensemble read(Path file) {
        return parse(ConfigNode.readText(file), file);
    }

    /** Parses ensemble text; {@code file} names it in messages and locates the scenario. */
    public static Ensemble parse(String text, Path file) {
        String where = file.toString();
        ConfigNode root = ConfigNode.parse(text, where);
        root.allowOnly("name", "description", "scenario", "members", "seed", "sampling", "perturbation", "spark");
        Map<String, Integer> lines = new HashMap<>();
        String name = root.outputName("drag-ensemble");
        Scenario scenario = ScenarioFile.referencedBy(root, file, "the members run");
        List<Parameter> declared = declaredParameters(scenario);
        long seed = root.integer("seed", 1, 0, Integer.MAX_VALUE);

        Sampling sampling = new Sampling.None();
        ConfigNode s = root.child("sampling");
        if (s != null) {
            s.allowOnly("method", "parameters");
            String method = s.choice("method", null, METHODS.toArray(new String[0]));
            if (method == null) {
                throw s.error("method", "required: one of " + String.join(", ", METHODS));
            }
            List<ParameterRange> ranges = new ArrayList<>();
            if (!method.equals("none")) {
                List<ConfigNode.Item> items = s.list("parameters");
                if (items.isEmpty()) {
                    throw s.error("parameters", "required: a list of the parameters to vary, e.g. - {name: drag.rate, min: 1e-7, max: 2e-6}");
                }
                for (ConfigNode.Item item : items) {
                    ParameterRange range = range(item, method, declared, where);
                    if (ranges.stream().anyMatch(r -> r.name().equals(range.name()))) {
                        throw new ConfigException(where, item.line(), "sampling.parameters", range.name() + " is given twice");
                    }
                    lines.put("sampling.parameters." + range.name(), item.line());
                    ranges.add(range);
                }
            } else if (s.has("parameters")) {
                throw s.error("parameters", "method none varies no parameters; remove them or choose a method");
            }
            sampling = switch (method) {
                case "prior" -> new Sampling.Prior(ranges);
                case "latin-hypercube" -> new Sampling.LatinHypercube(ranges);
                case "grid" -> new Sampling.Grid(ranges);
                default -> new Sampling.None();
            };
        }
        int members;
        if (sampling instanceof Sampling.Grid g) {
            if (root.has("members")) {
                throw root.error("members", "a grid sweep has one member per combination (" + g.memberCount(0)
                        + "); remove members or choose another method");
            }
            members = g.memberCount(0);
            if (members > MAX_MEMBERS) {
                throw root.error("sampling", "the grid has " + members + " combinations, more than " + MAX_MEMBERS);
            }
        } else {
            if (!root.has("members")) {
                throw root.error("members", "required: the number of members (1 to " + MAX_MEMBERS + ")");
            }
            members = root.integer("members", 1, 1, MAX_MEMBERS);
        }

        InitialPerturbation perturbation = InitialPerturbation.NONE;
        ConfigNode p = root.child("perturbation");
        if (p != null) {
            p.allowOnly("amplitude", "correlationLength");
            if (!p.has("amplitude")) {
                throw p.error("amplitude", "required: the root-mean-square perturbation of the initial h [m], e.g. amplitude: 5");
            }
            perturbation = new InitialPerturbation(p.number("amplitude", 0, 0, 1e4, "m"),
                    p.number("correlationLength", 0, 0, 1e8, "m"), 0);
        }
        if (sampling.parameters().isEmpty() && perturbation.isNone()) {
            throw root.error("sampling", "nothing varies between members: give a sampling method with parameters, or a perturbation");
        }
        int partitions = members;
        ConfigNode sp = root.child("spark");
        if (sp != null) {
            sp.allowOnly("partitions");
            partitions = sp.integer("partitions", members, 1, MAX_MEMBERS);
        }
        return new Ensemble(name, where, text, scenario, sampling, members, seed, perturbation, Math.min(partitions, members), lines);
    }

    /** The parameters the scenario's model declares (built once, without running it). */
    private static List<Parameter> declaredParameters(Scenario scenario) {
        Eager ops = Eager.serial();
        return ScenarioModels.build(ScenarioModels.resolveTimeStep(scenario, ops), ops).model().parameters();
    }

    private static ParameterRange range(ConfigNode.Item item, String method, List<Parameter> declared, String where) {
        ConfigNode m = item.mapping();
        if (m == null) {
            throw new ConfigException(where, item.line(), "sampling.parameters",
                    "each entry is a mapping, e.g. - {name: drag.rate, min: 1e-7, max: 2e-6}");
        }
        switch (method) {
            case "grid" -> m.allowOnly("name", "min", "max", "count");
            case "prior" -> m.allowOnly("name", "prior");
            default -> m.allowOnly("name", "min", "max");
        }
        String name = m.string("name", null);
        if (name == null) {
            throw new ConfigException(where, m.line(), "sampling.parameters", "each entry needs a name");
        }
        Parameter d = declared.stream().filter(q -> q.name().equals(name)).findFirst().orElse(null);
        if (d == null) {
            throw m.error("name", "unknown parameter '" + name + "'; the scenario's model has "
                    + declared.stream().filter(q -> q.size() == 1).map(Parameter::name).toList());
        }
        if (d.size() != 1) {
            throw m.error("name", "'" + name + "' is a field of " + d.size() + " values; ensembles vary scalar parameters");
        }
        if (method.equals("prior")) {
            ConfigNode prior = m.child("prior");
            double mean = d.prior().mean();
            double spread = d.prior().spread();
            if (prior != null) {
                prior.allowOnly("mean", "spread");
                mean = prior.number("mean", 0, d.lower(), d.upper(), d.units());
                spread = prior.number("spread", 1, Double.MIN_VALUE, 1e30, d.units());
            } else if (!d.prior().isInformative()) {
                throw m.error("name", "'" + name + "' declares no prior; give one, e.g. prior: {mean: 1e-6, spread: 3e-7}");
            }
            return ParameterRange.prior(name, mean, spread, d.lower(), d.upper());
        }
        for (String k : List.of("min", "max")) {
            if (!m.has(k)) {
                throw m.error(k, "required: the range of '" + name + "' is [min, max] in " + d.units());
            }
        }
        double min = m.number("min", 0, d.lower(), d.upper(), d.units());
        double max = m.number("max", 0, d.lower(), d.upper(), d.units());
        if (!(min < max)) {
            throw m.error("max", "expected max > min (" + min + "), got " + max + ": the range of '" + name + "' is empty or inverted");
        }
        if (method.equals("grid")) {
            if (!m.has("count")) {
                throw m.error("count", "required: the number of values of '" + name + "' in the sweep (1 to 10000)");
            }
            return ParameterRange.grid(name, min, max, m.integer("count", 2, 1, 10_000));
        }
        return ParameterRange.range(name, min, max);
    }
}
