package org.ferrel.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small scenario and ensemble files for tests: a 15-degree grid, two simulated days, runs in well under a second. */
public final class TestFiles {
    private TestFiles() {
    }

    /** A scenario with a drag term and a fixed time step, so that a large drag rate makes a member fail. */
    public static final String SCENARIO = """
            name: tiny
            grid: {resolution: 15}
            dynamics: {timeStep: 30 minutes}
            terms:
              drag: {rate: 1e-6}
              hyperdiffusion: {coefficient: 1e16}
            initial: {case: williamson5}
            run: {length: 2 days}
            output: {interval: 12 hours, variables: [h, u]}
            restart: {interval: 1 day}
            """;

    /** Writes {@code scenario.yaml} and {@code ensemble.yaml} with the given ensemble body into a folder. */
    public static Path ensemble(Path dir, String body) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Path file = dir.resolve("ensemble.yaml");
        Files.writeString(file, "name: test\nscenario: scenario.yaml\n" + body);
        return file;
    }

    /** Six members: a Latin hypercube over the drag rate, and perturbed initial states. */
    public static final String LHS = """
            members: 6
            seed: 7
            sampling:
              method: latin-hypercube
              parameters:
                - {name: drag.rate, min: 1e-7, max: 5e-6}
            perturbation: {amplitude: 20, correlationLength: 2e6}
            """;
}
