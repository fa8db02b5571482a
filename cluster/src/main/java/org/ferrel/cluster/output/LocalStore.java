package org.ferrel.cluster.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.ferrel.io.files.AtomicFiles;

/**
 * A {@link MemberStore} in a local (or shared, e.g. NFS) folder, through {@code java.nio}: a
 * temporary sibling, fsync, then an atomic rename.
 *
 * @param location the folder
 */
public record LocalStore(String location) implements MemberStore {

    private Path folder() {
        return Path.of(location).toAbsolutePath();
    }

    @Override
    public String describe(String name) {
        return Path.of(location).resolve(name).toString();
    }

    @Override
    public void checkWritable() throws IOException {
        Path dir = folder();
        Files.createDirectories(dir);
        Path probe = dir.resolve(MemberStore.temporaryName("write-probe"));
        try {
            Files.writeString(probe, "ferrel");
            Files.move(probe, dir.resolve(probe.getFileName() + ".renamed"), StandardCopyOption.ATOMIC_MOVE);
            Files.delete(dir.resolve(probe.getFileName() + ".renamed"));
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    @Override
    public boolean exists(String name) {
        return Files.isRegularFile(folder().resolve(name));
    }

    @Override
    public List<String> list() throws IOException {
        if (!Files.isDirectory(folder())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !MemberStore.isTemporary(n)).sorted().toList();
        }
    }

    /**
     * Copies to a temporary name unique to this attempt, then links it to {@code name}: a hard link
     * never replaces a file, so of two attempts of the same task racing (a retry, a speculative copy)
     * exactly one publishes and the other keeps the file it finds. Where the file system has no
     * hard links the temporary file is renamed (the same bytes, atomically).
     */
    @Override
    public void publish(Path localFile, String name) throws IOException {
        Path target = folder().resolve(name);
        if (Files.exists(target)) {
            return;
        }
        Path tmp = folder().resolve(MemberStore.temporaryName(name));
        try {
            Files.copy(localFile, tmp);
            AtomicFiles.sync(tmp);
            try {
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                // another attempt published it first: keep that one
            } catch (UnsupportedOperationException | FileSystemException e) {
                // no hard links on this file system: rename instead. Should two attempts race here,
                // the later rename replaces a file with the same bytes (members are deterministic)
                if (!Files.exists(target)) {
                    AtomicFiles.commit(tmp, target);
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void replace(Path localFile, String name) throws IOException {
        Path tmp = folder().resolve(MemberStore.temporaryName(name));
        try {
            Files.copy(localFile, tmp);
            AtomicFiles.commit(tmp, folder().resolve(name));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void writeText(String name, String text) throws IOException {
        // a temporary name unique to this call (not AtomicFiles' per-process one): two attempts of a
        // task in one executor JVM may write the same member's record at the same time
        Files.createDirectories(folder());
        Path tmp = folder().resolve(MemberStore.temporaryName(name));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            AtomicFiles.commit(tmp, folder().resolve(name));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(folder().resolve(name));
    }

    @Override
    public String readText(String name) throws IOException {
        return Files.readString(folder().resolve(name), StandardCharsets.UTF_8);
    }

    @Override
    public Path localCopy(String name, Path scratch) {
        return folder().resolve(name);
    }

    @Override
    public void removeTemporaries() throws IOException {
        if (!Files.isDirectory(folder())) {
            return;
        }
        try (Stream<Path> files = Files.list(folder())) {
            for (Path p : files.filter(p -> MemberStore.isTemporary(p.getFileName().toString())).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
