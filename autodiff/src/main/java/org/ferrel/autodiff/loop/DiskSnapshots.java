package org.ferrel.autodiff.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;

/**
 * Snapshot files of the two-level schedule: the flat arrays of every state tensor, little-endian,
 * behind a small header (tensor count; per tensor its rank, extents and component count). A file
 * is written under a temporary name and renamed when complete.
 */
final class DiskSnapshots {
    private static final int MAGIC = 0x46455252; // "FERR"

    private DiskSnapshots() {
    }

    static Path createDirectory(Path parent) throws IOException {
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "ferrel-checkpoints-");
    }

    static Path file(Path directory, int level) {
        return directory.resolve("level-" + level + ".snap");
    }

    /** Writes the state and returns the bytes written. */
    static long write(Path directory, int level, Ops ops, Tensor[] state) {
        double[][][] parts = new double[state.length][][];
        long bytes = 8;
        for (int i = 0; i < state.length; i++) {
            parts[i] = ops.export(state[i]);
            bytes += 8 + 4L * state[i].shape().rank();
            for (double[] c : parts[i]) {
                bytes += 8L * c.length;
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC).putInt(state.length);
        for (int i = 0; i < state.length; i++) {
            Shape s = state[i].shape();
            buffer.putInt(s.rank());
            for (int d = 0; d < s.rank(); d++) {
                buffer.putInt(s.dim(d));
            }
            buffer.putInt(parts[i].length);
            for (double[] c : parts[i]) {
                buffer.asDoubleBuffer().put(c);
                buffer.position(buffer.position() + 8 * c.length);
            }
        }
        buffer.flip();
        Path target = file(directory, level);
        Path temporary = directory.resolve("level-" + level + ".snap.tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint snapshot " + temporary + ": " + e.getMessage(), e);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename checkpoint snapshot to " + target + ": " + e.getMessage(), e);
        }
        return bytes;
    }

    static Tensor[] read(Path directory, int level, Ops ops) {
        Path source = file(directory, level);
        ByteBuffer buffer;
        try {
            buffer = ByteBuffer.wrap(Files.readAllBytes(source)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint snapshot " + source + ": " + e.getMessage(), e);
        }
        if (buffer.getInt() != MAGIC) {
            throw new IllegalStateException("checkpoint snapshot " + source + " is not a Ferrel snapshot");
        }
        Tensor[] state = new Tensor[buffer.getInt()];
        for (int i = 0; i < state.length; i++) {
            int[] dims = new int[buffer.getInt()];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = buffer.getInt();
            }
            Shape shape = Shape.of(dims);
            double[][] components = new double[buffer.getInt()][];
            for (int c = 0; c < components.length; c++) {
                components[c] = new double[shape.size()];
                buffer.asDoubleBuffer().get(components[c]);
                buffer.position(buffer.position() + 8 * shape.size());
            }
            state[i] = ops.restore(shape, components);
        }
        return state;
    }

    static void delete(Path directory, int level) {
        try {
            Files.deleteIfExists(file(directory, level));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete checkpoint snapshot: " + e.getMessage(), e);
        }
    }

    static void deleteDirectory(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the folder is a private temporary one
        }
    }
}
