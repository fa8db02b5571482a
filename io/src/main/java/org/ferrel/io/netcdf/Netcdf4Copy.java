package org.ferrel.io.netcdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ucar.ma2.Array;
import ucar.ma2.InvalidRangeException;
import ucar.ma2.Section;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;
import ucar.nc2.write.Nc4Chunking;

/**
 * Copies a complete NetCDF-3 output file into NetCDF-4 through the NetCDF-C library, compressed:
 * every field {@code (time, lat, lon)} or {@code (time, lev, lat, lon)} is chunked one record by the whole field, the other
 * record variables (time, time bounds, scalar series) {@value #SERIES_CHUNK} records per chunk, fixed
 * variables of rank 2 or more (topography, bounds) as one chunk; all chunked variables deflated at
 * the encoding's level, with the shuffle filter when asked. Values, types and attributes are copied
 * unchanged; the time dimension stays unlimited. Memory holds one record of one variable at a time.
 *
 * <p>The NetCDF-C library (and Debian's HDF5 under it) is not thread-safe, so copies are made one at a
 * time in a JVM (ensemble members running as threads of one executor take turns).
 */
final class Netcdf4Copy {
    static final int SERIES_CHUNK = 1024;
    private static final Object LIBRARY = new Object();

    private Netcdf4Copy() {
    }

    /** The chunking described above. */
    static Nc4Chunking chunking(OutputEncoding encoding) {
        return new Nc4Chunking() {
            @Override
            public boolean isChunked(Variable v) {
                return v.isUnlimited() || v.getRank() >= 2;
            }

            @Override
            public long[] computeChunking(Variable v) {
                int[] shape = v.getShape();
                long[] chunk = new long[shape.length];
                for (int k = 0; k < shape.length; k++) {
                    chunk[k] = Math.max(1, shape[k]);
                }
                if (v.isUnlimited()) {
                    chunk[0] = shape.length >= 3 ? 1 : SERIES_CHUNK;   // a field record (on levels too) per chunk
                }
                return chunk;
            }

            @Override
            public int getDeflateLevel(Variable v) {
                return encoding.deflateLevel();
            }

            @Override
            public boolean isShuffle(Variable v) {
                return encoding.shuffle();
            }
        };
    }

    /** Writes {@code target} (replaced if present) as the NetCDF-4 copy of the NetCDF-3 file {@code source}. */
    static void copy(Path source, Path target, OutputEncoding encoding) throws IOException {
        synchronized (LIBRARY) {
            copyAlone(source, target, encoding);
        }
    }

    private static void copyAlone(Path source, Path target, OutputEncoding encoding) throws IOException {
        // loads the library (quietly: NetCDF-Java announces it on System.out) before NetCDF-Java would
        Netcdf4Library.Availability library = Netcdf4Library.check();
        if (!library.present()) {
            throw new IOException("cannot write the NetCDF-4 file " + target + ": " + library.detail() + "; "
                    + Netcdf4Library.INSTALL_HINT);
        }
        Files.deleteIfExists(target);
        boolean ok = false;
        try (NetcdfFile in = NetcdfFiles.open(source).file()) {
            NetcdfFileWriter out = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf4, target.toString(),
                    chunking(encoding));
            try {
                for (Dimension d : in.getDimensions()) {
                    if (d.isUnlimited()) {
                        out.addUnlimitedDimension(d.getShortName());
                    } else {
                        out.addDimension(null, d.getShortName(), d.getLength());
                    }
                }
                for (Attribute a : in.getGlobalAttributes()) {
                    out.addGroupAttribute(null, a);
                }
                for (Variable v : in.getVariables()) {
                    Variable w = out.addVariable(null, v.getShortName(), v.getDataType(), v.getDimensionsString());
                    for (Attribute a : v.getAttributes()) {
                        w.addAttribute(a);
                    }
                }
                out.create();
                for (Variable v : in.getVariables()) {
                    Variable w = out.findVariable(v.getShortName());
                    if (v.isUnlimited() && v.getRank() == 3) {
                        int[] shape = v.getShape();
                        for (int r = 0; r < shape[0]; r++) {
                            Array record = v.read(new Section(new int[] {r, 0, 0}, new int[] {1, shape[1], shape[2]}));
                            out.write(w, new int[] {r, 0, 0}, record);
                        }
                    } else if (v.getSize() > 0) {
                        out.write(w, new int[v.getRank()], v.read());
                    }
                }
                out.flush();
                ok = true;
            } catch (InvalidRangeException e) {
                throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
            } finally {
                out.close();
            }
        } finally {
            if (!ok) {
                Files.deleteIfExists(target);
            }
        }
    }
}
