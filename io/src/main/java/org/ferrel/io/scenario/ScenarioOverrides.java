package org.ferrel.io.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ferrel.io.config.ConfigException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * {@code ferrel run --set key=value}: values of dotted scenario keys ({@code run.length=2 days},
 * {@code output.format=netcdf4}, {@code parameters.drag.rate=2e-6}) written into the scenario's text,
 * which is then checked as a whole like any scenario file and is the text recorded with the run
 * ({@code DIR/scenario.yaml}, the output's {@code scenario} attribute). A key already in the text has
 * its value replaced where it stands (comments and the rest of the text are kept); a missing key is
 * added to its section (or a new section at the end). A value is YAML, e.g. {@code [h, u]} for a list.
 */
public final class ScenarioOverrides {

    /** One {@code key=value}. */
    public record Setting(String key, String value) {
        /** Parses {@code key=value}. */
        public static Setting parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value (a dotted scenario key such as run.length=2 days), got \""
                        + text + "\"");
            }
            String key = text.substring(0, eq).trim();
            String value = text.substring(eq + 1).trim();
            if (!key.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
                throw new IllegalArgumentException("expected a dotted scenario key such as output.format, got \"" + key + "\"");
            }
            if (value.isEmpty() || value.contains("\n") || value.contains("\r")) {
                throw new IllegalArgumentException(key + ": expected a value on one line after '=', got \"" + value + "\"");
            }
            return new Setting(key, value);
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }

        /** The key's path: sections, then the key; a parameter's name (with its dots) is one key under parameters. */
        List<String> path() {
            if (key.startsWith("parameters.")) {
                return List.of("parameters", key.substring("parameters.".length()));
            }
            return Arrays.asList(key.split("\\."));
        }
    }

    private ScenarioOverrides() {
    }

    /**
     * The scenario {@code text} (read from {@code file}, already checked) with the overrides applied and checked.
     *
     * @throws ConfigException naming {@code --set key=value} and what was expected, or the file "with --set ..." for a
     *                         problem of the combination (e.g. a run length that is no multiple of the new output interval)
     */
    public static Scenario apply(String text, String file, List<Setting> overrides) {
        if (overrides.isEmpty()) {
            return ScenarioFile.parse(text, file);
        }
        String edited = text;
        for (Setting o : overrides) {
            edited = applyOne(edited, file, o);
        }
        try {
            return ScenarioFile.parse(edited, file);
        } catch (ConfigException e) {
            for (Setting o : overrides.reversed()) {
                if (e.key().equals(o.key()) || e.key().startsWith(o.key() + ".") || o.key().startsWith(e.key() + ".")) {
                    throw new ConfigException(file, 0, "--set " + o, e.problem());
                }
            }
            List<String> all = overrides.stream().map(Setting::toString).toList();
            throw new ConfigException(file + " with --set " + String.join(", --set ", all), 0, e.key(), e.problem());
        }
    }

    private static String applyOne(String text, String file, Setting o) {
        Node root = new Compose(LoadSettings.builder().setLabel(file).build()).composeString(text).orElse(null);
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfigException(file, 0, "--set " + o, "the scenario is not a mapping of keys to values");
        }
        List<String> path = o.path();
        for (int i = 0; i < path.size(); i++) {
            String key = path.get(i);
            NodeTuple found = null;
            for (NodeTuple t : mapping.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    found = t;
                }
            }
            List<String> rest = path.subList(i, path.size());
            if (found == null) {
                return insert(text, mapping, rest, o.value());
            }
            Node value = found.getValueNode();
            boolean last = i == path.size() - 1;
            if (last || isEmpty(value)) {
                String replacement = last ? o.value() : nested(rest.subList(1, rest.size()), o.value());
                return replace(text, value, replacement);
            }
            if (!(value instanceof MappingNode m)) {
                throw new ConfigException(file, 0, "--set " + o, String.join(".", path.subList(0, i + 1))
                        + " is a single value, not a section with keys");
            }
            mapping = m;
        }
        throw new IllegalStateException("unreachable");
    }

    private static boolean isEmpty(Node n) {
        return n instanceof ScalarNode s && s.getValue().isEmpty() && index(n.getStartMark()) == index(n.getEndMark());
    }

    /** {@code {a: {b: value}}} for the path [a, b]; the value itself for an empty path. */
    private static String nested(List<String> path, String value) {
        String s = value;
        for (int k = path.size() - 1; k >= 0; k--) {
            s = "{" + path.get(k) + ": " + s + "}";
        }
        return s;
    }

    private static int index(java.util.Optional<Mark> m) {
        return m.map(Mark::getIndex).orElseThrow(() -> new IllegalStateException("the YAML parser gave no position"));
    }

    private static int charIndex(String text, java.util.Optional<Mark> m) {
        return text.offsetByCodePoints(0, index(m));
    }

    private static String replace(String text, Node node, String replacement) {
        int start = charIndex(text, node.getStartMark());
        int end = charIndex(text, node.getEndMark());
        if (start == end) { // an empty value after "key:"
            replacement = " " + replacement;
        }
        return text.substring(0, start) + replacement + text.substring(end);
    }

    /** Adds {@code rest[0]: nested(rest[1..], value)} to the mapping. */
    private static String insert(String text, MappingNode mapping, List<String> rest, String value) {
        String entry = rest.getFirst() + ": " + nested(rest.subList(1, rest.size()), value);
        if (mapping.getFlowStyle() == FlowStyle.FLOW) {
            int close = charIndex(text, mapping.getEndMark()) - 1; // the '}'
            while (close > 0 && text.charAt(close) != '}') {
                close--;
            }
            String sep = mapping.getValue().isEmpty() ? "" : ", ";
            return text.substring(0, close) + sep + entry + text.substring(close);
        }
        List<NodeTuple> entries = mapping.getValue();
        NodeTuple lastEntry = entries.getLast();
        int column = lastEntry.getKeyNode().getStartMark().map(Mark::getColumn).orElse(0);
        int after = charIndex(text, lastEntry.getValueNode().getEndMark());
        // the end of a block value can be the start of the next line; otherwise go to the end of its line
        if (after > 0 && text.charAt(after - 1) == '\n') {
            after--;
        }
        int eol = text.indexOf('\n', after);
        String line = " ".repeat(column) + entry;
        if (eol < 0) {
            return text + "\n" + line + "\n";
        }
        return text.substring(0, eol + 1) + line + "\n" + text.substring(eol + 1);
    }

    /** Overrides from {@code key=value} texts. */
    public static List<Setting> parseAll(List<String> texts) {
        List<Setting> list = new ArrayList<>();
        for (String t : texts) {
            list.add(Setting.parse(t));
        }
        return list;
    }

}
