package org.ferrel.io.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The limits that keep hostile YAML from exhausting the stack or the heap, at their boundaries. */
class ConfigNodeLimitsTest {
    private static String nested(int levels) {
        // the top-level mapping is the first level
        return "a: " + "[".repeat(levels - 1) + "]".repeat(levels - 1) + "\n";
    }

    @Test
    void nestingDepth() {
        assertTrue(ConfigNode.parse(nested(ConfigNode.MAX_DEPTH), "f.yaml").has("a"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigNode.parse(nested(ConfigNode.MAX_DEPTH + 1), "f.yaml"));
        assertEquals("f.yaml:1: lists and mappings nested more than 64 levels deep; a configuration file needs a few", e.getMessage());
        // far beyond what the YAML library's recursive tree building survives
        assertThrows(ConfigException.class, () -> ConfigNode.parse(nested(200_000), "f.yaml"));
    }

    private static String aliases(int collectionAliases, int scalarAliases) {
        return "l: &l [1, 2]\ns: &s 3\nc: [" + String.join(", ", Collections.nCopies(collectionAliases, "*l")) + "]\n"
                + "t: [" + String.join(", ", Collections.nCopies(scalarAliases, "*s")) + "]\n";
    }

    @Test
    void aliasesOfCollectionsAreCountedAndOfScalarsAreNot() {
        assertTrue(ConfigNode.parse(aliases(ConfigNode.MAX_COLLECTION_ALIASES, 10_000), "f.yaml").has("t"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigNode.parse(aliases(ConfigNode.MAX_COLLECTION_ALIASES + 1, 0), "f.yaml"));
        assertTrue(e.getMessage().startsWith("f.yaml:3: more than 32 aliases (*name) of lists or mappings"), e.getMessage());
    }

    @Test
    void recursiveAliases() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigNode.parse("a:\n  b: &x {c: [*x]}\n", "f.yaml"));
        assertEquals("f.yaml:2: the alias *x is inside the list or mapping it names (a recursive structure)", e.getMessage());
        // an alias of a finished collection is not recursive
        assertTrue(ConfigNode.parse("a: &x {c: 1}\nb: *x\n", "f.yaml").has("b"));
    }

    @Test
    void size() {
        String big = "a: \"" + "x".repeat(ConfigNode.MAX_BYTES) + "\"\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigNode.parse(big, "f.yaml"));
        assertEquals("f.yaml: too large: " + big.length() + " characters; a configuration file may have at most 1048576 (1 MiB)",
                e.getMessage());
    }
}
