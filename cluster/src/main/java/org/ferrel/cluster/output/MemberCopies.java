package org.ferrel.cluster.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members' files where this JVM can read them for a statistics run: a local (or shared) folder's
 * files in place; files of another store (HDFS, S3) copied once per JVM and run, by whichever task
 * needs them first, and kept for the run's later tasks and batches on the same executor (so a member
 * is copied at most once per executor, not once per task). A run's copies are removed when the next
 * run starts on this JVM (runs follow one another: Spark jobs of one driver), or when the JVM exits.
 */
final class MemberCopies {
    /** Local copies by run and name. */
    private static final Map<String, Path> FILES = new ConcurrentHashMap<>();
    private static String currentRun;
    private static Path currentFolder;

    private MemberCopies() {
    }

    /**
     * Local paths of the members' files, in the order of {@code names}.
     *
     * @param run a name unique to the statistics run (the copies of other runs are removed)
     */
    static List<Path> of(MemberStore store, String run, List<String> names) throws IOException {
        List<Path> files = new ArrayList<>(names.size());
        if (store instanceof LocalStore local) {
            for (String name : names) {
                files.add(local.localCopy(name, null));
            }
            return files;
        }
        Path folder = folder(run);
        try {
            for (String name : names) {
                files.add(FILES.computeIfAbsent(run + "/" + name, k -> copy(store, name, folder)));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }

    private static synchronized Path folder(String run) throws IOException {
        if (!run.equals(currentRun)) {
            if (currentFolder != null) {
                String old = currentRun + "/";
                FILES.keySet().removeIf(k -> k.startsWith(old));
                ScratchFolders.delete(currentFolder);
            }
            currentFolder = Files.createTempDirectory("ferrel-members-");
            currentFolder.toFile().deleteOnExit();   // after the files in it, registered later
            currentRun = run;
        }
        return currentFolder;
    }

    private static Path copy(MemberStore store, String name, Path folder) {
        try {
            Path partial = Files.createTempDirectory(folder, ".copy-");
            Path file = folder.resolve(name);
            Files.move(store.localCopy(name, partial), file, StandardCopyOption.ATOMIC_MOVE);
            ScratchFolders.delete(partial);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
