package org.ferrel.io.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One mapping of a YAML 1.2 configuration file with typed, checked access to its keys. Every
 * accessor states the expected type, range and units; a missing key takes its default; a wrong
 * type, a value out of range, a duplicated key or (after {@link #allowOnly}) an unknown key is a
 * {@link ConfigException} naming the file, the line and the dotted key.
 */
public final class ConfigNode {
    /** A YAML 1.2 core-schema number (no Java suffixes such as 1e5f or hexadecimal floats). */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private final String file;
    private final String path;
    private final int line;
    private final Map<String, Node> values;
    private final Map<String, Integer> keyLines;

    private ConfigNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.line = lineOf(node);
        if (!(node instanceof MappingNode mapping)) {
            throw new ConfigException(file, line, path, "expected a mapping of keys to values, got " + describe(node));
        }
        Map<String, Node> v = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw new ConfigException(file, lineOf(t.getKeyNode()), path, "keys must be plain names");
            }
            if (v.containsKey(key.getValue())) {
                throw new ConfigException(file, lineOf(key), qualified(key.getValue()),
                        "given twice (first on line " + lines.get(key.getValue()) + ")");
            }
            v.put(key.getValue(), t.getValueNode());
            lines.put(key.getValue(), lineOf(key));
        }
        this.values = v;
        this.keyLines = lines;
    }

    /**
     * The largest configuration file read, in bytes (and the most code points parsed): scenario,
     * campaign, ensemble and training files are a few kilobytes; anything near this is not one.
     */
    public static final int MAX_BYTES = 1 << 20;
    /**
     * The deepest nesting of lists and mappings accepted. Ferrel's files nest four levels; the YAML
     * library builds its tree recursively, so a file nested thousands of levels deep would exhaust
     * the thread's stack.
     */
    public static final int MAX_DEPTH = 64;
    /**
     * The most aliases ({@code *name}) of lists or mappings accepted in one file: each may repeat a
     * whole collection, so a few dozen can describe a tree of billions of nodes ("billion laughs").
     */
    public static final int MAX_COLLECTION_ALIASES = 32;

    /**
     * Parses a whole file whose top level is a mapping.
     *
     * @param file the file's name as the user gave it (used in messages)
     * @throws ConfigException naming the file (and the line, where there is one) for malformed YAML,
     *         an empty file, and hostile input: more than {@link #MAX_BYTES} characters, nesting deeper than
     *         {@link #MAX_DEPTH}, more than {@link #MAX_COLLECTION_ALIASES} aliases of collections, or a
     *         collection that contains an alias of itself
     */
    public static ConfigNode parse(String text, String file) {
        if (text.length() > MAX_BYTES) {
            throw new ConfigException(file, 0, "", "too large: " + text.length() + " characters; a configuration file may have at most "
                    + MAX_BYTES + " (1 MiB)");
        }
        LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(true)
                .setCodePointLimit(MAX_BYTES).setMaxAliasesForCollections(MAX_COLLECTION_ALIASES).build();
        Node root;
        try {
            checkStructure(text, file, settings);
            root = new Compose(settings).composeString(text).orElse(null);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new ConfigException(file, line, "", "not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new ConfigException(file, 0, "", "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new ConfigException(file, 0, "", "the file is empty");
        }
        return new ConfigNode(file, "", root);
    }

    /**
     * Walks the file's parser events (the parser keeps its own stack; only building the tree is
     * recursive) and refuses, before any tree is built, nesting deeper than {@link #MAX_DEPTH}, more
     * than {@link #MAX_COLLECTION_ALIASES} aliases of collections, and recursive aliases.
     */
    private static void checkStructure(String text, String file, LoadSettings settings) {
        java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();   // anchors of the open collections ("" if none)
        java.util.Map<String, Boolean> anchorIsCollection = new java.util.HashMap<>();
        int collectionAliases = 0;
        for (Event e : new Parse(settings).parseString(text)) {
            int line = e.getStartMark().map(m -> m.getLine() + 1).orElse(0);
            switch (e) {
                case CollectionStartEvent c -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw new ConfigException(file, line, "", "lists and mappings nested more than " + MAX_DEPTH
                                + " levels deep; a configuration file needs a few");
                    }
                    String anchor = c.getAnchor().map(Anchor::getValue).orElse("");
                    open.push(anchor);
                    if (!anchor.isEmpty()) {
                        anchorIsCollection.put(anchor, true);
                    }
                }
                case CollectionEndEvent ignored -> open.pop();
                case ScalarEvent sc -> sc.getAnchor().ifPresent(a -> anchorIsCollection.put(a.getValue(), false));
                case AliasEvent a -> {
                    String name = a.getAlias().getValue();
                    if (open.contains(name)) {
                        throw new ConfigException(file, line, "", "the alias *" + name
                                + " is inside the list or mapping it names (a recursive structure)");
                    }
                    if (anchorIsCollection.getOrDefault(name, false) && ++collectionAliases > MAX_COLLECTION_ALIASES) {
                        throw new ConfigException(file, line, "", "more than " + MAX_COLLECTION_ALIASES
                                + " aliases (*name) of lists or mappings; each repeats a whole collection, so the file"
                                + " could expand to an enormous size (\"billion laughs\")");
                    }
                }
                default -> {
                }
            }
        }
    }

    public String file() {
        return file;
    }

    /**
     * The text of a configuration file.
     *
     * @throws ConfigException naming the file when it is missing or unreadable
     */
    public static String readText(java.nio.file.Path path) {
        byte[] bytes;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);   // at most this much, also from /dev/zero or a pipe
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(path.toString(), 0, "", "no such file");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new ConfigException(path.toString(), 0, "", "cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new ConfigException(path.toString(), 0, "", "too large: more than " + MAX_BYTES
                    + " bytes (1 MiB); a configuration file is a few kilobytes of YAML");
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(path.toString(), 0, "", "not UTF-8 text (a YAML file was expected)");
        }
    }

    /** The line of this mapping (1-based). */
    public int line() {
        return line;
    }

    /** The line of a key, or of this mapping when the key is absent. */
    public int line(String key) {
        return keyLines.getOrDefault(key, line);
    }

    /** The dotted path of a key below this mapping. */
    public String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    /** Rejects any key not in {@code allowed}, suggesting the closest allowed one. */
    public ConfigNode allowOnly(String... allowed) {
        List<String> ok = List.of(allowed);
        for (String k : values.keySet()) {
            if (!ok.contains(k)) {
                String hint = closest(k, ok);
                throw new ConfigException(file, line(k), qualified(k), "unknown key"
                        + (hint != null ? " (did you mean '" + hint + "'?)" : "") + "; allowed here: " + String.join(", ", ok));
            }
        }
        return this;
    }

    /**
     * The file's {@code name}: required, 1 to 100 letters, digits, '_', '-' or '.', not starting with
     * '.' (it names an output folder and files).
     *
     * @param example a name for the message, e.g. {@code z500-january}
     */
    public String outputName(String example) {
        String name = string("name", null);
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,100}") || name.startsWith(".")) {
            throw error("name", "required: 1 to 100 letters, digits, '_', '-' or '.', not starting with '.', e.g. name: " + example
                    + (name == null ? "" : "; got \"" + name + "\""));
        }
        return name;
    }

    /** Whether the key's value is a mapping (rather than a scalar or a list). */
    public boolean isMapping(String key) {
        return values.get(key) instanceof MappingNode;
    }

    /** A nested mapping, or {@code null} when absent. */
    public ConfigNode child(String key) {
        Node n = values.get(key);
        return n == null || isNull(n) ? null : new ConfigNode(file, qualified(key), n);
    }

    /** A nested mapping; an empty one when the key is absent or has no value (all defaults). */
    public ConfigNode childOrEmpty(String key) {
        ConfigNode c = child(key);
        return c != null ? c : new ConfigNode(file, qualified(key), line(key));
    }

    private ConfigNode(String file, String path, int line) {
        this.file = file;
        this.path = path;
        this.line = line;
        this.values = Map.of();
        this.keyLines = Map.of();
    }

    /** A nested mapping, or an error when absent. */
    public ConfigNode requireChild(String key) {
        ConfigNode c = child(key);
        if (c == null) {
            throw error(key, "required, but missing");
        }
        return c;
    }

    /** A number in [min, max] (units only for the message). */
    public double number(String key, double defaultValue, double min, double max, String units) {
        Node n = values.get(key);
        if (n == null || isNull(n)) {
            return defaultValue;
        }
        String text = scalar(key, n, "a number");
        if (!NUMBER.matcher(text.trim()).matches()) {
            throw error(key, "expected a number" + unitsNote(units) + ", got \"" + text + "\"");
        }
        double x = Double.parseDouble(text.trim());
        checkRange(key, x, min, max, units, text);
        return x;
    }

    /** An integer in [min, max]. */
    public int integer(String key, int defaultValue, int min, int max) {
        Node n = values.get(key);
        if (n == null || isNull(n)) {
            return defaultValue;
        }
        String text = scalar(key, n, "an integer").trim();
        int x;
        try {
            x = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(key, "expected an integer, got \"" + text + "\"");
        }
        checkRange(key, x, min, max, "", text);
        return x;
    }

    /** A duration in seconds, written as {@code "450 s"}, {@code "6 hours"}, {@code "15 days"} or a number of seconds. */
    public double duration(String key, double defaultSeconds, double minSeconds, double maxSeconds) {
        Node n = values.get(key);
        if (n == null || isNull(n)) {
            return defaultSeconds;
        }
        String text = scalar(key, n, "a duration");
        double s;
        try {
            s = Durations.seconds(text);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
        if (!(s >= minSeconds && s <= maxSeconds)) {
            throw error(key, "expected a duration between " + Durations.format(minSeconds) + " and "
                    + Durations.format(maxSeconds) + ", got \"" + text + "\"");
        }
        return s;
    }

    /** A boolean ({@code true}/{@code false}). */
    public boolean flag(String key, boolean defaultValue) {
        Node n = values.get(key);
        if (n == null || isNull(n)) {
            return defaultValue;
        }
        String text = scalar(key, n, "true or false").trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(key, "expected true or false, got \"" + text + "\"");
        };
    }

    /** A free string, or the default. */
    public String string(String key, String defaultValue) {
        Node n = values.get(key);
        return n == null || isNull(n) ? defaultValue : scalar(key, n, "a string");
    }

    /** One of the allowed words. */
    public String choice(String key, String defaultValue, String... allowed) {
        String s = string(key, defaultValue);
        if (s == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equals(s)) {
                return s;
            }
        }
        String hint = closest(s, List.of(allowed));
        throw error(key, "expected one of " + String.join(", ", allowed) + ", got \"" + s + "\""
                + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
    }

    /** A list of words, each one of the allowed ones, without repeats. */
    public List<String> choices(String key, List<String> defaultValue, List<String> allowed) {
        Node n = values.get(key);
        if (n == null || isNull(n)) {
            return defaultValue;
        }
        if (!(n instanceof SequenceNode seq)) {
            throw error(key, "expected a list such as [" + String.join(", ", allowed) + "], got " + describe(n));
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode s)) {
                throw new ConfigException(file, lineOf(item), qualified(key), "expected names, got " + describe(item));
            }
            if (!allowed.contains(s.getValue())) {
                throw new ConfigException(file, lineOf(item), qualified(key), "unknown name \"" + s.getValue()
                        + "\"; expected some of " + String.join(", ", allowed));
            }
            if (out.contains(s.getValue())) {
                throw new ConfigException(file, lineOf(item), qualified(key), "\"" + s.getValue() + "\" is listed twice");
            }
            out.add(s.getValue());
        }
        if (out.isEmpty()) {
            throw error(key, "the list is empty; name at least one of " + String.join(", ", allowed));
        }
        return out;
    }

    /** One entry of a list: a scalar's text, or a mapping. */
    public record Item(String text, ConfigNode mapping, int line) {
    }

    /** Whether the key holds a list. */
    public boolean isList(String key) {
        return values.get(key) instanceof SequenceNode;
    }

    /** The entries of a list (empty when the key is absent); each a scalar or a mapping. */
    public List<Item> list(String key) {
        Node n = values.get(key);
        if (n == null || isNull(n)) {
            return List.of();
        }
        if (!(n instanceof SequenceNode seq)) {
            throw error(key, "expected a list (entries starting with '- '), got " + describe(n));
        }
        List<Item> out = new ArrayList<>();
        int k = 0;
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s) {
                out.add(new Item(s.getValue(), null, lineOf(item)));
            } else if (item instanceof MappingNode) {
                out.add(new Item(null, new ConfigNode(file, qualified(key) + "[" + k + "]", item), lineOf(item)));
            } else {
                throw new ConfigException(file, lineOf(item), qualified(key), "entries must be values or mappings, not lists");
            }
            k++;
        }
        return out;
    }

    /** A mapping of names to strings (e.g. variable names in a file). */
    public Map<String, String> stringMap(String key, Map<String, String> defaultValue, List<String> allowedKeys) {
        ConfigNode c = child(key);
        if (c == null) {
            return defaultValue;
        }
        c.allowOnly(allowedKeys.toArray(new String[0]));
        Map<String, String> out = new LinkedHashMap<>(defaultValue);
        for (String k : c.keys()) {
            String v = c.string(k, null);
            if (v == null || v.isBlank()) {
                throw c.error(k, "expected a name, got nothing");
            }
            out.put(k, v);
        }
        return out;
    }

    /** An error about one key of this mapping. */
    public ConfigException error(String key, String problem) {
        return new ConfigException(file, line(key), qualified(key), problem);
    }

    private String scalar(String key, Node n, String expected) {
        if (!(n instanceof ScalarNode s)) {
            throw error(key, "expected " + expected + ", got " + describe(n));
        }
        return s.getValue();
    }

    private void checkRange(String key, double x, double min, double max, String units, String text) {
        if (!(x >= min && x <= max)) {
            throw error(key, "expected a value between " + num(min) + " and " + num(max) + unitsNote(units)
                    + ", got " + text.trim());
        }
    }

    private static String unitsNote(String units) {
        return units == null || units.isEmpty() ? "" : " [" + units + "]";
    }

    private static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e9 ? Long.toString((long) x) : Double.toString(x);
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.isPlain() && (s.getValue().isEmpty() || s.getValue().equals("null")
                || s.getValue().equals("~"));
    }

    private static int lineOf(Node n) {
        return n.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
    }

    private static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        String v = ((ScalarNode) n).getValue();
        return "\"" + (v.length() > 80 ? v.substring(0, 77) + "..." : v) + "\"";
    }

    /** The allowed word closest to {@code s} by edit distance, when it is close. */
    static String closest(String s, List<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = editDistance(s.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, s.length() / 3) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
