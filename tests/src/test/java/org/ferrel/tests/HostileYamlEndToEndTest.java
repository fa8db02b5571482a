package org.ferrel.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile configuration files (nesting thousands of levels deep, "billion laughs" aliases,
 * recursive aliases, huge files, /dev/zero, binary text): each is one line naming the file, exit
 * code 3, no stack trace, and nothing written; an earlier run in the output directory is untouched.
 */
class HostileYamlEndToEndTest {
    @TempDir
    static Path dir;
    static byte[] earlierOutput;

    @BeforeAll
    static void earlierRun() throws Exception {
        Files.writeString(dir.resolve("good.yaml"), BadInputEndToEndTest.GOOD);
        Cli.Outcome o = Cli.run(dir, "run", "good.yaml", "-o", "out", "--progress", "none");
        assertEquals(0, o.exitCode(), o.toString());
        earlierOutput = Files.readAllBytes(dir.resolve("out/small.nc"));
    }

    /** {@code name: x} followed by a flow value nested {@code levels} deep: [[[...]]]. */
    static String deepFlow(int levels) {
        return "name: x\ndescription: " + "[".repeat(levels) + "]".repeat(levels) + "\n";
    }

    /** Block mappings nested {@code levels} deep, one space of indentation per level. */
    static String deepBlock(int levels) {
        StringBuilder b = new StringBuilder("name: x\nterms:\n");
        for (int i = 0; i < levels; i++) {
            b.append(" ".repeat(i + 1)).append("k").append(i).append(":\n");
        }
        return b.append(" ".repeat(levels + 1)).append("v: 1\n").toString();
    }

    /** The "billion laughs": ten levels of nine aliases each of the level below (10^9 leaves if expanded). */
    static String laughs() {
        StringBuilder b = new StringBuilder("name: x\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            b.append("l").append(i).append(": &l").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*l" + (i - 1)))).append("]\n");
        }
        return b.toString();
    }

    private static Cli.Outcome runOn(String file, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", file, "-o", "out", "--overwrite", "--progress", "none"));
        args.addAll(List.of(more));
        return Cli.run(dir, args.toArray(new String[0]));
    }

    /** Exit 3, one line on stderr (no stack trace), the earlier run untouched; returns the line. */
    private static String refused(Cli.Outcome o, String command) throws Exception {
        assertEquals(3, o.exitCode(), o.toString());
        assertFalse(o.stderr().contains("Exception") || o.stderr().contains("Error:") || o.stderr().contains("\tat "), o.toString());
        assertEquals(1, o.stderr().strip().lines().count(), o.toString());
        assertTrue(o.stderr().startsWith("ferrel " + command + ": error: "), o.toString());
        assertArrayEquals(earlierOutput, Files.readAllBytes(dir.resolve("out/small.nc")), "the earlier output is untouched");
        assertFalse(Files.exists(dir.resolve("out/.small.nc.part")));
        return o.stderr().strip();
    }

    @Test
    void scenarioNested2000LevelsDeepInFlowStyle() throws Exception {
        Files.writeString(dir.resolve("deep.yaml"), deepFlow(2000));
        assertEquals("ferrel run: error: deep.yaml:2: lists and mappings nested more than 64 levels deep; a configuration file needs a few",
                refused(runOn("deep.yaml"), "run"));
    }

    @Test
    void scenarioNested1400LevelsDeepInBlockStyle() throws Exception {
        Files.writeString(dir.resolve("deep-block.yaml"), deepBlock(1400));
        assertEquals("ferrel run: error: deep-block.yaml:66: lists and mappings nested more than 64 levels deep; a configuration file needs a few",
                refused(runOn("deep-block.yaml"), "run"));
    }

    @Test
    void nestingAtTheLimitIsAnOrdinaryKeyError() throws Exception {
        // 64 levels in all (the top-level mapping is the first): parsed, then rejected as an unknown value type
        Files.writeString(dir.resolve("limit.yaml"), deepFlow(63));
        String e = refused(runOn("limit.yaml"), "run");
        assertEquals("ferrel run: error: limit.yaml:2: description: expected a string, got a list", e);
    }

    @Test
    void billionLaughs() throws Exception {
        Files.writeString(dir.resolve("laughs.yaml"), laughs());
        assertEquals("ferrel run: error: laughs.yaml:6: more than 32 aliases (*name) of lists or mappings; each repeats a whole"
                + " collection, so the file could expand to an enormous size (\"billion laughs\")", refused(runOn("laughs.yaml"), "run"));
    }

    @Test
    void recursiveAlias() throws Exception {
        Files.writeString(dir.resolve("recursive.yaml"), "name: x\nparameters:\n  drag.rate: &a [1, *a]\n");
        assertEquals("ferrel run: error: recursive.yaml:3: the alias *a is inside the list or mapping it names (a recursive structure)",
                refused(runOn("recursive.yaml"), "run"));
    }

    @Test
    void hugeFileIsNotReadWhole() throws Exception {
        Files.writeString(dir.resolve("huge.yaml"), "name: x\ndescription: \"" + "x".repeat(20 << 20) + "\"\n");
        assertEquals("ferrel run: error: huge.yaml: too large: more than 1048576 bytes (1 MiB); a configuration file is a few kilobytes of YAML",
                refused(runOn("huge.yaml"), "run"));
        assumeTrue(Files.isReadable(Path.of("/dev/zero")));
        assertEquals("ferrel run: error: /dev/zero: too large: more than 1048576 bytes (1 MiB); a configuration file is a few kilobytes of YAML",
                refused(runOn("/dev/zero"), "run"));
    }

    @Test
    void binaryFile() throws Exception {
        Files.write(dir.resolve("latin1.yaml"), "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("ferrel run: error: latin1.yaml: not UTF-8 text (a YAML file was expected)", refused(runOn("latin1.yaml"), "run"));
        Files.write(dir.resolve("earlier.yaml"), earlierOutput);   // a NetCDF file given as the scenario
        assertTrue(refused(runOn("earlier.yaml"), "run").startsWith("ferrel run: error: earlier.yaml"));
    }

    @Test
    void resumeWithAHostileScenarioInTheOutputDirectory() throws Exception {
        Files.writeString(dir.resolve("deep.yaml"), deepFlow(2000));
        Cli.Outcome o = Cli.run(dir, "run", "deep.yaml", "-o", "out", "--resume", "--progress", "none");
        assertTrue(refused(o, "run").startsWith("ferrel run: error: deep.yaml:2: lists and mappings nested more than 64 levels deep"));
    }

    @Test
    void trainAndCalibrateFilesAreCheckedTheSameWay() throws Exception {
        Files.writeString(dir.resolve("deep-train.yaml"), deepFlow(2000));
        assertTrue(refused(Cli.run(dir, "train", "deep-train.yaml", "-o", "t"), "train")
                .startsWith("ferrel train: error: deep-train.yaml:2: lists and mappings nested more than 64 levels deep"));
        assertFalse(Files.exists(dir.resolve("t")));
        Files.writeString(dir.resolve("laughs-campaign.yaml"), laughs());
        assertTrue(refused(Cli.run(dir, "calibrate", "laughs-campaign.yaml", "-o", "c"), "calibrate")
                .startsWith("ferrel calibrate: error: laughs-campaign.yaml:6: more than 32 aliases"));
        assertFalse(Files.exists(dir.resolve("c")));
    }

    /** {@code ferrel ensemble} runs through bin/ferrel, which puts Spark's jars on the class path. */
    private static Cli.Outcome ensemble(String file) throws Exception {
        Path root = Cli.root();
        assumeTrue(Files.exists(root.resolve("cli/target/ferrel.jar")) && Files.isDirectory(root.resolve("cluster/target/lib")),
                "the jar and Spark's jars are built in the package phase");
        return Cli.runCommand(dir, List.of(root.resolve("bin/ferrel").toString(), "ensemble", file, "-o", "ens"));
    }

    @Test
    void ensembleFileAndItsScenario() throws Exception {
        Files.writeString(dir.resolve("deep-ensemble.yaml"), deepFlow(2000));
        assertEquals("ferrel ensemble: error: deep-ensemble.yaml:2: lists and mappings nested more than 64 levels deep;"
                + " a configuration file needs a few", refused(ensemble("deep-ensemble.yaml"), "ensemble"));
        assertFalse(Files.exists(dir.resolve("ens")));

        Files.writeString(dir.resolve("deep-scenario.yaml"), deepBlock(1400));
        Files.writeString(dir.resolve("ensemble.yaml"), "name: e\nscenario: deep-scenario.yaml\nmembers: 2\n");
        String e = refused(ensemble("ensemble.yaml"), "ensemble");
        assertTrue(e.startsWith("ferrel ensemble: error: ") && e.contains("deep-scenario.yaml:66: lists and mappings nested more than 64"), e);
        assertFalse(Files.exists(dir.resolve("ens")));

        Files.writeString(dir.resolve("laughs-ensemble.yaml"), laughs());
        assertTrue(refused(ensemble("laughs-ensemble.yaml"), "ensemble").startsWith(
                "ferrel ensemble: error: laughs-ensemble.yaml:6: more than 32 aliases"));
        assertFalse(Files.exists(dir.resolve("ens")));
    }
}
