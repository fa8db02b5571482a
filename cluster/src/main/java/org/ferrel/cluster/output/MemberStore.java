package org.ferrel.cluster.output;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The output directory of an ensemble: a local folder, or a folder on any Hadoop-compatible file
 * system ({@code hdfs://}, {@code s3a://}, ...). Files appear under their final name only when
 * complete (written to a hidden temporary name and renamed), so a task that is killed leaves no
 * file that looks finished, and a retried task that finds its output complete leaves it alone: a
 * member's output exists at most once.
 */
public interface MemberStore extends Serializable {

    /** A store for a location: a path or {@code file:} URI is local, any other scheme goes through Hadoop. */
    static MemberStore open(String location) {
        URI uri = location.contains("://") ? URI.create(location) : null;
        if (uri == null || uri.getScheme() == null || uri.getScheme().equals("file")) {
            return new LocalStore(uri == null ? location : Path.of(uri).toString());
        }
        return new HadoopStore(location);
    }

    /** The location as given, for messages. */
    String location();

    /** Where a file of the store is, for messages and the CLI's output. */
    String describe(String name);

    /** Creates the folder and checks that files can be written and renamed in it (before any member starts). */
    void checkWritable() throws IOException;

    /** Whether a complete file of this name exists. */
    boolean exists(String name) throws IOException;

    /** The names of the complete files in the folder. */
    List<String> list() throws IOException;

    /**
     * Puts a finished local file under {@code name}, atomically; when a complete file of that name
     * is already there (an earlier attempt of the same task), it is kept and the copy dropped.
     */
    void publish(Path localFile, String name) throws IOException;

    /** Puts a finished local file under {@code name}, atomically, replacing an earlier one (ensemble statistics). */
    void replace(Path localFile, String name) throws IOException;

    /** Writes a text file atomically, replacing an earlier one. */
    void writeText(String name, String text) throws IOException;

    /** Removes a file if it is there (a stale statistics file when no member succeeded). */
    void delete(String name) throws IOException;

    /** Reads a text file. */
    String readText(String name) throws IOException;

    /** A local path holding the file's bytes (the file itself when local, else a copy under {@code scratch}). */
    Path localCopy(String name, Path scratch) throws IOException;

    /** Removes temporary files of interrupted writes. */
    void removeTemporaries() throws IOException;

    /** The hidden temporary name a file is written to before its rename. */
    static String temporaryName(String name) {
        return "." + name + "." + java.util.UUID.randomUUID() + ".tmp";
    }

    static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }
}
