package org.ferrel.io.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files that appear under their final name only when complete: written to a hidden temporary
 * sibling (same folder, so the rename is atomic) and renamed.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** The temporary sibling a file is written to before its rename: {@code .NAME.PID.tmp}. */
    public static Path temporarySibling(Path file) {
        Path target = file.toAbsolutePath();
        return target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    }

    /**
     * Moves a complete temporary file onto its final name, atomically, after forcing its contents to
     * the disk (so that a machine crash cannot leave a final name over unwritten data).
     */
    public static void commit(Path temporary, Path file) throws IOException {
        sync(temporary);
        Files.move(temporary, file.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Forces a file's written contents to the storage device (fsync). */
    public static void sync(Path file) throws IOException {
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }

    /** Writes a text file atomically (UTF-8), creating its folder. */
    public static void writeString(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = temporarySibling(file);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            commit(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
