package org.ferrel.io.observations;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the test files are: the committed subsets, and the shared data folder when present. */
final class TestData {
    private TestData() {
    }

    /** A file of {@code src/test/resources/observations}. */
    static Path resource(String name) {
        try {
            var url = TestData.class.getResource("/observations/" + name);
            if (url == null) {
                throw new IllegalStateException("test resource observations/" + name + " is missing");
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The shared data folder ({@code ../shared/data} of a checkout, holding SOURCES.md), from the system
     * property {@code ferrel.data} or found by walking up from the working directory; empty in a plain
     * clone, where tests that need it are skipped.
     */
    static Optional<Path> shared() {
        String property = System.getProperty("ferrel.data");
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isRegularFile(candidate.resolve("SOURCES.md"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A file of the shared data folder, if the folder and the file are there. */
    static Optional<Path> shared(String name) {
        return shared().map(d -> d.resolve(name)).filter(Files::isRegularFile);
    }
}
