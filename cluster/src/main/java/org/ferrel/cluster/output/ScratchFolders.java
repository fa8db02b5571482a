package org.ferrel.cluster.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Local scratch folders of members and statistics, removed with everything in them when done. */
public final class ScratchFolders {
    private ScratchFolders() {
    }

    /** Removes a folder and everything in it (nothing when it is not there). */
    public static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
