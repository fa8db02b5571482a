package org.ferrel.calibration.ebm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the EBM's observation data are: the committed CSV profiles, and the shared data folder when present. */
final class EbmTestData {
    private EbmTestData() {
    }

    /** {@code src/test/resources/ebm}, holding the CSV files of {@link NcepClimatology#writeCsv}. */
    static Path resources() {
        try {
            var url = EbmTestData.class.getResource("/ebm/" + NcepClimatology.AIR_CSV);
            if (url == null) {
                throw new IllegalStateException("test resource ebm/" + NcepClimatology.AIR_CSV + " is missing");
            }
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The committed annual zonal means. */
    static NcepClimatology climatology() {
        try {
            return NcepClimatology.readCsv(resources());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            if (Files.isRegularFile(candidate.resolve("SOURCES.md"))
                    && Files.isRegularFile(candidate.resolve(NcepClimatology.OLR_FILE))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
