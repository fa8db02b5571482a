package org.ferrel.dycore.primitive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Gradient memory does not grow with the number of steps: the gradients of 600 and of 2,400 steps
 * (about 8 and 33 days at 11.25 degrees, L8) with 20 binomial snapshots both run in a JVM with a
 * 96 MB heap, where a store-all gradient of the 600 steps runs out of memory (each step's tape holds
 * tens of fields).
 */
@Tag("validation")
class AtmosphereGradientMemoryValidationTest {
    private static Result run(String heap, int steps, String schedule) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                GradientInSmallHeap.class.getName(), "11.25", "8", "1200", Integer.toString(steps), "20", schedule)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private record Result(int exitCode, String output) {
    }

    @Test
    void gradientsOf600And2400StepsFitIn96MegabytesWithBinomialCheckpointing() throws Exception {
        for (int steps : new int[] {600, 2400}) {
            Result binomial = run("96m", steps, "binomial");
            System.out.println("VALIDATION " + binomial.output().lines().filter(l -> l.startsWith("GRADIENT"))
                    .findFirst().orElse(binomial.output()));
            assertEquals(0, binomial.exitCode(), binomial.output());
            assertTrue(binomial.output().contains("GRADIENT steps=" + steps), binomial.output());
        }
        Result storeAll = run("96m", 600, "storeAll");
        assertTrue(storeAll.exitCode() != 0 && storeAll.output().contains("OutOfMemoryError"),
                "store-all should not fit: " + List.of(storeAll.exitCode(), storeAll.output()));
    }
}
