package org.ferrel.io.netcdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ucar.nc2.NetcdfFile;
import ucar.nc2.iosp.netcdf3.N3header;

/**
 * Opens NetCDF files for reading with errors a user can act on. NetCDF-Java 4.5.5 silently reads
 * a truncated NetCDF-3 file (missing data come back as garbage); here truncation is an error.
 */
public final class NetcdfFiles {
    static {
        N3header.disallowFileTruncation = true;
    }

    private NetcdfFiles() {
    }

    /**
     * Opens a file read-only.
     *
     * @throws IOException whose message starts with the file and says what is wrong: missing,
     *                     not a NetCDF file, truncated, unreadable
     */
    public static NetcdfFile open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a NetCDF file");
        }
        try {
            return NetcdfFile.open(file.toString());
        } catch (IOException | RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("truncated") || e instanceof java.io.EOFException) {
                throw new IOException(file + ": the NetCDF file is truncated (shorter than its header says); it was not written completely", e);
            }
            if (m.contains("not a valid CDM file") || m.contains("Cant read")) {
                throw new IOException(file + ": not a NetCDF file (neither NetCDF-3 nor NetCDF-4/HDF5)", e);
            }
            throw new IOException(file + ": cannot read the NetCDF file (" + m + ")", e);
        }
    }
}
