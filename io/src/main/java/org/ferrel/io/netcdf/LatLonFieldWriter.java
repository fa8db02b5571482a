package org.ferrel.io.netcdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ferrel.dycore.grid.LatLonGrid;
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
        // a hidden sibling (same folder, so the rename is atomic), created with the usual permissions
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            NetcdfFileWriter w = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, temporary.toString());
            try {
                w.setLargeFile(true);
                w.setFill(false);
                w.addDimension(null, "lat", ny);
                w.addDimension(null, "lon", nx);
                w.addDimension(null, "nv", 2);
                Variable lat = w.addVariable(null, "lat", DataType.DOUBLE, "lat");
                lat.addAttribute(new Attribute("units", "degrees_north"));
                lat.addAttribute(new Attribute("standard_name", "latitude"));
                lat.addAttribute(new Attribute("long_name", "latitude of cell centres"));
                lat.addAttribute(new Attribute("axis", "Y"));
                lat.addAttribute(new Attribute("bounds", "lat_bnds"));
                Variable latBounds = w.addVariable(null, "lat_bnds", DataType.DOUBLE, "lat nv");
                Variable lon = w.addVariable(null, "lon", DataType.DOUBLE, "lon");
                lon.addAttribute(new Attribute("units", "degrees_east"));
                lon.addAttribute(new Attribute("standard_name", "longitude"));
                lon.addAttribute(new Attribute("long_name", "longitude of cell centres"));
                lon.addAttribute(new Attribute("axis", "X"));
                lon.addAttribute(new Attribute("bounds", "lon_bnds"));
                Variable lonBounds = w.addVariable(null, "lon_bnds", DataType.DOUBLE, "lon nv");
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
                w.addGroupAttribute(null, new Attribute("Conventions", "CF-1.8"));
                w.addGroupAttribute(null, new Attribute("history", Instant.now() + ": written by Ferrel"));
                for (Map.Entry<String, String> e : globalAttributes.entrySet()) {
                    w.addGroupAttribute(null, new Attribute(e.getKey(), e.getValue()));
                }
                w.create();
                double[] latitudes = new double[ny];
                double[] latB = new double[2 * ny];
                for (int j = 0; j < ny; j++) {
                    latitudes[j] = Math.toDegrees(grid.latitude(j));
                    latB[2 * j] = -90.0 + j * 180.0 / ny;
                    latB[2 * j + 1] = -90.0 + (j + 1) * 180.0 / ny;
                }
                double[] longitudes = new double[nx];
                double[] lonB = new double[2 * nx];
                for (int i = 0; i < nx; i++) {
                    longitudes[i] = i * 360.0 / nx;
                    lonB[2 * i] = (i - 0.5) * 360.0 / nx;
                    lonB[2 * i + 1] = (i + 0.5) * 360.0 / nx;
                }
                w.write(lat, Array.factory(DataType.DOUBLE, new int[] {ny}, latitudes));
                w.write(latBounds, Array.factory(DataType.DOUBLE, new int[] {ny, 2}, latB));
                w.write(lon, Array.factory(DataType.DOUBLE, new int[] {nx}, longitudes));
                w.write(lonBounds, Array.factory(DataType.DOUBLE, new int[] {nx, 2}, lonB));
                for (int k = 0; k < vars.length; k++) {
                    w.write(vars[k], Array.factory(DataType.DOUBLE, new int[] {ny, nx}, fields.get(k).values().clone()));
                }
            } finally {
                w.close();
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (InvalidRangeException | IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
