package org.ferrel.cluster.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * A {@link MemberStore} on a Hadoop-compatible file system ({@code hdfs://}, {@code s3a://}, ...),
 * through Hadoop's {@link FileSystem} API (the client comes with Spark): a hidden temporary file,
 * then {@code rename}, which is atomic on HDFS. A rename that finds the target present keeps the
 * target.
 *
 * @param location the folder's URI
 */
public record HadoopStore(String location) implements MemberStore {

    private FileSystem fs() throws IOException {
        return FileSystem.get(java.net.URI.create(location), new Configuration());
    }

    private org.apache.hadoop.fs.Path path(String name) {
        return new org.apache.hadoop.fs.Path(location.endsWith("/") ? location + name : location + "/" + name);
    }

    @Override
    public String describe(String name) {
        return path(name).toString();
    }

    @Override
    public void checkWritable() throws IOException {
        FileSystem fs = fs();
        fs.mkdirs(new org.apache.hadoop.fs.Path(location));
        org.apache.hadoop.fs.Path probe = path(MemberStore.temporaryName("write-probe"));
        try (OutputStream out = fs.create(probe, true)) {
            out.write('f');
        }
        fs.delete(probe, false);
    }

    @Override
    public boolean exists(String name) throws IOException {
        return fs().exists(path(name));
    }

    @Override
    public List<String> list() throws IOException {
        FileSystem fs = fs();
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(location);
        List<String> names = new ArrayList<>();
        if (!fs.exists(dir)) {
            return names;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            String n = s.getPath().getName();
            if (s.isFile() && !MemberStore.isTemporary(n)) {
                names.add(n);
            }
        }
        names.sort(null);
        return names;
    }

    @Override
    public void publish(Path localFile, String name) throws IOException {
        FileSystem fs = fs();
        org.apache.hadoop.fs.Path target = path(name);
        if (fs.exists(target)) {
            return;
        }
        org.apache.hadoop.fs.Path tmp = path(MemberStore.temporaryName(name));
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(localFile.toUri()), tmp);
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            if (!fs.exists(target)) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
        }
    }

    @Override
    public void replace(Path localFile, String name) throws IOException {
        FileSystem fs = fs();
        org.apache.hadoop.fs.Path tmp = path(MemberStore.temporaryName(name));
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(localFile.toUri()), tmp);
        renameOver(fs, tmp, path(name));
    }

    @Override
    public void writeText(String name, String text) throws IOException {
        FileSystem fs = fs();
        org.apache.hadoop.fs.Path tmp = path(MemberStore.temporaryName(name));
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        renameOver(fs, tmp, path(name));
    }

    /**
     * Renames {@code tmp} onto {@code target}, replacing it: atomically through {@code FileContext}'s
     * rename with OVERWRITE (HDFS), so readers see the old or the new file and never none; where a
     * file system has no {@code FileContext} binding, delete then rename.
     */
    private static void renameOver(FileSystem fs, org.apache.hadoop.fs.Path tmp, org.apache.hadoop.fs.Path target) throws IOException {
        try {
            org.apache.hadoop.fs.FileContext.getFileContext(target.toUri(), fs.getConf()).rename(tmp, target,
                    org.apache.hadoop.fs.Options.Rename.OVERWRITE);
            return;
        } catch (org.apache.hadoop.fs.UnsupportedFileSystemException e) {
            // fall through
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }

    @Override
    public void delete(String name) throws IOException {
        fs().delete(path(name), false);
    }

    @Override
    public String readText(String name) throws IOException {
        try (InputStream in = fs().open(path(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public Path localCopy(String name, Path scratch) throws IOException {
        Path local = scratch.resolve(name);
        Files.createDirectories(scratch);
        fs().copyToLocalFile(false, path(name), new org.apache.hadoop.fs.Path(local.toUri()), true);
        return local;
    }

    @Override
    public void removeTemporaries() throws IOException {
        FileSystem fs = fs();
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(location);
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            if (MemberStore.isTemporary(s.getPath().getName())) {
                fs.delete(s.getPath(), false);
            }
        }
    }
}
