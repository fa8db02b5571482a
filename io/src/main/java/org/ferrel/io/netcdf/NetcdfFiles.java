package org.ferrel.io.netcdf;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import ucar.nc2.NetcdfFile;

/**
 * Opens NetCDF files for reading after checking what they are, so that a wrong file gets one
 * clear message instead of a reader's stack trace: missing, not a NetCDF file (with what it
 * seems to be instead), truncated (NetCDF-3 files are checked against the sizes their header
 * declares, which NetCDF-Java does not do: it reads a truncated NetCDF-3 file as zeros; NetCDF-4
 * files against the end-of-file address of the HDF5 superblock), or a format NetCDF-Java 4.5.5
 * cannot read (CDF-5).
 */
final class NetcdfFiles {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private NetcdfFiles() {
    }

    /** The opened file and its format; close the file when done. */
    record Opened(NetcdfFile file, NetcdfFormat format, long size) {
    }

    static Opened open(Path path) throws IOException {
        NetcdfFormat format = check(path);
        String iosp = format == NetcdfFormat.NETCDF4 ? "ucar.nc2.iosp.hdf5.H5iosp" : "ucar.nc2.iosp.netcdf3.N3raf";
        try {
            NetcdfFile nc = NetcdfFile.open(path.toAbsolutePath().toString(), iosp, -1, null, null);
            return new Opened(nc, format, Files.size(path));
        } catch (IOException | RuntimeException | ReflectiveOperationException e) {
            throw failure(path, "cannot open", e);
        }
    }

    /**
     * Checks that {@code path} is a readable NetCDF file and complete; returns its format.
     *
     * @throws NoSuchFileException   when there is no such file
     * @throws NetcdfFileException   when it is not a NetCDF file, is truncated or cannot be read
     */
    static NetcdfFormat check(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new NetcdfFileException(path, "is a directory, not a NetCDF file");
        }
        if (!Files.isReadable(path)) {
            throw new AccessDeniedException(path.toString(), null, "not readable (permission denied)");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new NetcdfFileException(path, "empty file (0 bytes), not a NetCDF file");
            }
            byte[] head = new byte[(int) Math.min(8, size)];
            ch.read(ByteBuffer.wrap(head), 0);
            if (head.length >= 4 && head[0] == 'C' && head[1] == 'D' && head[2] == 'F') {
                NetcdfFormat format = switch (head[3]) {
                    case 1 -> NetcdfFormat.CLASSIC;
                    case 2 -> NetcdfFormat.OFFSET_64BIT;
                    case 5 -> NetcdfFormat.DATA_64BIT;
                    default -> throw new NetcdfFileException(path,
                            "not a NetCDF file (starts with 'CDF' but version byte " + head[3] + " is unknown)");
                };
                if (format == NetcdfFormat.DATA_64BIT) {
                    throw new NetcdfFileException(path, "NetCDF-3 64-bit data format (CDF-5) is not supported by this"
                            + " reader; convert it, e.g. with 'nccopy -k nc4 in.nc out.nc'");
                }
                Netcdf3Layout.checkComplete(path, ch, format);
                return format;
            }
            long superblock = hdf5Superblock(ch, size);
            if (superblock >= 0) {
                checkHdf5Complete(path, ch, superblock);
                return NetcdfFormat.NETCDF4;
            }
            throw new NetcdfFileException(path, "not a NetCDF file (" + whatItLooksLike(head) + ")");
        }
    }

    private static String whatItLooksLike(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return "it is gzip-compressed; decompress it first";
        }
        if (head.length >= 4 && head[0] == 0x0e && head[1] == 0x03 && head[2] == 0x13 && head[3] == 0x01) {
            return "it is HDF4";
        }
        if (head.length >= 4 && head[0] == 'G' && head[1] == 'R' && head[2] == 'I' && head[3] == 'B') {
            return "it is GRIB";
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return "it is a zip archive";
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : head) {
            hex.append(String.format(Locale.ROOT, "%02x ", b & 0xff));
        }
        return "it starts with bytes " + hex.toString().trim() + "; NetCDF starts with 'CDF' or the HDF5 signature";
    }

    /** The offset of the HDF5 superblock (0, 512, 1024, 2048, ...), or -1 when there is none. */
    private static long hdf5Superblock(FileChannel ch, long size) throws IOException {
        byte[] sig = new byte[8];
        for (long at = 0; at + 8 <= size; at = at == 0 ? 512 : at * 2) {
            ByteBuffer b = ByteBuffer.wrap(sig);
            ch.read(b, at);
            if (java.util.Arrays.equals(sig, HDF5_SIGNATURE)) {
                return at;
            }
        }
        return -1;
    }

    /** Compares the file size with the end-of-file address the HDF5 superblock records. */
    private static void checkHdf5Complete(Path path, FileChannel ch, long at) throws IOException {
        long size = ch.size();
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(b, at);
        b.flip();
        if (b.limit() < 14) {
            throw new NetcdfFileException(path, "truncated: the file ends inside the HDF5 superblock");
        }
        int version = b.get(8);
        int offsetSize;
        int eofAt;
        if (version == 0 || version == 1) {
            offsetSize = b.get(13);
            eofAt = (version == 0 ? 24 : 28) + 2 * offsetSize;
        } else if (version == 2 || version == 3) {
            offsetSize = b.get(9);
            eofAt = 12 + 2 * offsetSize;
        } else {
            return; // a newer superblock: leave the checks to the reader
        }
        if (offsetSize != 8 && offsetSize != 4) {
            return;
        }
        if (b.limit() < eofAt + offsetSize) {
            throw new NetcdfFileException(path, "truncated: the file ends inside the HDF5 superblock");
        }
        long base = offsetSize == 8 ? b.getLong(eofAt - 2 * offsetSize) : b.getInt(eofAt - 2 * offsetSize) & 0xffffffffL;
        long eof = offsetSize == 8 ? b.getLong(eofAt) : b.getInt(eofAt) & 0xffffffffL;
        if (eof == -1L || eof < 0) {
            return; // undefined address
        }
        long expected = base + eof;
        if (size < expected) {
            throw new NetcdfFileException(path, String.format(Locale.ROOT,
                    "truncated: the HDF5 superblock says %d bytes, the file has %d", expected, size));
        }
    }

    /** One clear exception for a failure inside NetCDF-Java; the reader's exception becomes the cause. */
    static NetcdfFileException failure(Path path, String doing, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (root instanceof EOFException || lower.contains("truncated")) {
            return new NetcdfFileException(path, "truncated or corrupt (" + doing + ": unexpected end of file)", e);
        }
        if (lower.contains("not a valid cdm file")) {
            return new NetcdfFileException(path, "not a NetCDF file", e);
        }
        return new NetcdfFileException(path, "corrupt or unsupported NetCDF file (" + doing + ": "
                + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + message) + ")", e);
    }

    /**
     * The layout of a NetCDF-3 header, read far enough to know how long the file must be: the
     * offset and size of each variable and the number of records.
     */
    static final class Netcdf3Layout {
        private static final int[] TYPE_SIZE = {0, 1, 1, 2, 4, 4, 8, 1, 2, 4, 8, 8};

        private final Path path;
        private final ByteBuffer buf;
        private final boolean cdf5;

        private Netcdf3Layout(Path path, ByteBuffer buf, boolean cdf5) {
            this.path = path;
            this.buf = buf;
            this.cdf5 = cdf5;
        }

        static void checkComplete(Path path, FileChannel ch, NetcdfFormat format) throws IOException {
            long size = ch.size();
            // the header is usually small; read up to 16 MiB of it (beyond that, leave checks to the reader)
            int n = (int) Math.min(size, 16L << 20);
            ByteBuffer buf = ByteBuffer.allocate(n).order(ByteOrder.BIG_ENDIAN);
            while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
                // keep reading
            }
            buf.flip();
            Netcdf3Layout layout = new Netcdf3Layout(path, buf, format == NetcdfFormat.DATA_64BIT);
            long expected;
            try {
                expected = layout.expectedSize(format == NetcdfFormat.CLASSIC);
            } catch (java.nio.BufferUnderflowException e) {
                if (n < size) {
                    return;
                }
                throw new NetcdfFileException(path, "truncated: the file ends inside its NetCDF-3 header (" + size
                        + " bytes)");
            }
            if (size < expected) {
                throw new NetcdfFileException(path, String.format(Locale.ROOT,
                        "truncated: the NetCDF-3 header says %d bytes, the file has %d", expected, size));
            }
        }

        private long count() {
            return cdf5 ? buf.getLong() : buf.getInt();
        }

        private long nonNegative(long v, String what) throws NetcdfFileException {
            if (v < 0) {
                throw new NetcdfFileException(path, "corrupt NetCDF-3 header (negative " + what + ")");
            }
            return v;
        }

        private String name() throws NetcdfFileException {
            int len = (int) nonNegative(count(), "name length");
            if (len > buf.remaining()) {
                throw new java.nio.BufferUnderflowException();
            }
            byte[] b = new byte[len];
            buf.get(b);
            skipPadding(len);
            return new String(b, StandardCharsets.UTF_8);
        }

        private void skipPadding(long bytes) {
            int pad = (int) ((4 - bytes % 4) % 4);
            if (pad > buf.remaining()) {
                throw new java.nio.BufferUnderflowException();
            }
            buf.position(buf.position() + pad);
        }

        private void skipAttributes() throws NetcdfFileException {
            int tag = buf.getInt();
            long n = nonNegative(count(), "attribute count");
            if (n > buf.remaining()) {
                throw new NetcdfFileException(path, "corrupt NetCDF-3 header (" + n + " attributes)");
            }
            if (tag != 0 && tag != 12) {
                throw new NetcdfFileException(path, "corrupt NetCDF-3 header (bad attribute list tag " + tag + ")");
            }
            for (long k = 0; k < n; k++) {
                name();
                int type = buf.getInt();
                if (type < 1 || type >= TYPE_SIZE.length) {
                    throw new NetcdfFileException(path, "corrupt NetCDF-3 header (unknown attribute type " + type + ")");
                }
                long len = nonNegative(count(), "attribute length") * TYPE_SIZE[type];
                if (len > buf.remaining()) {
                    throw new java.nio.BufferUnderflowException();
                }
                buf.position(buf.position() + (int) len);
                skipPadding(len);
            }
        }

        long expectedSize(boolean classic) throws NetcdfFileException {
            buf.position(4);
            long numrecs = cdf5 ? buf.getLong() : buf.getInt() & 0xffffffffL;
            boolean streaming = numrecs == 0xffffffffL || numrecs == -1L;
            int tag = buf.getInt();
            long ndims = nonNegative(count(), "dimension count");
            if (ndims > buf.remaining()) {
                throw new NetcdfFileException(path, "corrupt NetCDF-3 header (" + ndims + " dimensions)");
            }
            if (tag != 0 && tag != 10) {
                throw new NetcdfFileException(path, "corrupt NetCDF-3 header (bad dimension list tag " + tag + ")");
            }
            long[] dimLength = new long[(int) Math.min(ndims, 1 << 20)];
            for (int d = 0; d < ndims; d++) {
                name();
                dimLength[d] = nonNegative(count(), "dimension length");
            }
            skipAttributes();
            tag = buf.getInt();
            long nvars = nonNegative(count(), "variable count");
            if (nvars > buf.remaining()) {
                throw new NetcdfFileException(path, "corrupt NetCDF-3 header (" + nvars + " variables)");
            }
            if (tag != 0 && tag != 11) {
                throw new NetcdfFileException(path, "corrupt NetCDF-3 header (bad variable list tag " + tag + ")");
            }
            long end = buf.position();
            long recordSize = 0;
            int recordVars = 0;
            long[] recBegin = new long[(int) Math.min(nvars, 1 << 20)];
            long[] recBytes = new long[recBegin.length];
            for (int v = 0; v < nvars; v++) {
                name();
                long rank = nonNegative(count(), "rank");
                boolean record = false;
                long elements = 1;
                for (int k = 0; k < rank; k++) {
                    long id = count();
                    if (id < 0 || id >= ndims) {
                        throw new NetcdfFileException(path, "corrupt NetCDF-3 header (dimension id " + id + ")");
                    }
                    if (k == 0 && dimLength[(int) id] == 0) {
                        record = true;
                    } else {
                        elements *= dimLength[(int) id];
                    }
                }
                skipAttributes();
                int type = buf.getInt();
                if (type < 1 || type >= TYPE_SIZE.length) {
                    throw new NetcdfFileException(path, "corrupt NetCDF-3 header (unknown variable type " + type + ")");
                }
                count(); // vsize: may be clipped for large variables, so recomputed from the shape
                long begin = classic ? buf.getInt() & 0xffffffffL : buf.getLong();
                long bytes = elements * TYPE_SIZE[type];
                if (record) {
                    recBegin[recordVars] = begin;
                    recBytes[recordVars] = bytes;
                    recordVars++;
                    recordSize += bytes + (4 - bytes % 4) % 4;
                } else {
                    end = Math.max(end, begin + bytes);
                }
            }
            if (recordVars == 1) {
                recordSize = recBytes[0]; // a lone record variable is not padded
            }
            if (!streaming && numrecs > 0) {
                for (int v = 0; v < recordVars; v++) {
                    end = Math.max(end, recBegin[v] + (numrecs - 1) * recordSize + recBytes[v]);
                }
            }
            return end;
        }
    }
}
