package org.ferrel.io.netcdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.io.files.AtomicFiles;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

/**
 * Writes fields at the cell centres of a {@link LatLonGrid} as one CF-1.8 NetCDF-3 file (64-bit
 * offset, what NetCDF-Java 4.5.5 writes): coordinates {@code lat(lat)} and {@code lon(lon)} in
 * degrees with cell bounds, each field as {@code name(lat, lon)}. The file is written under a
 * temporary name in the target folder and renamed when complete, so an interrupted write never
 * leaves a file that looks finished, and an existing file is only replaced by a complete one.
 */
public final class LatLonFieldWriter {
    private LatLonFieldWriter() {
    }

    /**
     * @param globalAttributes extra global attributes (title, source, ...); Conventions and history are added
     * @throws IOException naming the file when it cannot be written
     */
    public static void write(Path file, LatLonGrid grid, List<GriddedField> fields, Map<String, String> globalAttributes)
            throws IOException {
        int nx = grid.nx();
        int ny = grid.ny();
        for (GriddedField f : fields) {
            if (f.values().length != nx * ny) {
                throw new IllegalArgumentException("field '" + f.name() + "' has " + f.values().length
                        + " values, the grid " + ny + " x " + nx + " needs " + nx * ny + " (writing " + file + ")");
            }
        }
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = AtomicFiles.temporarySibling(target);
        try {
            NetcdfFileWriter w = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, temporary.toString());
            try {
                w.setLargeFile(true);
                w.setFill(false);
                LatLonCoordinates.define(w, grid, globalAttributes);
                Variable[] vars = new Variable[fields.size()];
                for (int k = 0; k < vars.length; k++) {
                    GriddedField f = fields.get(k);
                    vars[k] = w.addVariable(null, f.name(), DataType.DOUBLE, "lat lon");
                    vars[k].addAttribute(new Attribute("units", f.units()));
                    vars[k].addAttribute(new Attribute("long_name", f.longName()));
                    if (f.standardName() != null) {
                        vars[k].addAttribute(new Attribute("standard_name", f.standardName()));
                    }
                    vars[k].addAttribute(new Attribute("cell_methods", "area: mean"));
                }
                w.create();
                LatLonCoordinates.write(w, grid);
                for (int k = 0; k < vars.length; k++) {
                    w.write(vars[k], Array.factory(DataType.DOUBLE, new int[] {ny, nx}, fields.get(k).values().clone()));
                }
            } finally {
                w.close();
            }
            AtomicFiles.commit(temporary, target);
        } catch (InvalidRangeException | IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
