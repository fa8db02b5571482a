package org.ferrel.io.netcdf;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.ferrel.dycore.grid.LatLonGrid;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

/**
 * The CF coordinates of a {@link LatLonGrid}'s cell centres, shared by Ferrel's writers:
 * dimensions {@code lat}, {@code lon}, {@code nv}; {@code lat(lat)} and {@code lon(lon)} in degrees
 * with cell bounds {@code lat_bnds(lat, nv)}, {@code lon_bnds(lon, nv)}; and the global attributes
 * {@code Conventions = "CF-1.8"} and {@code history}.
 */
final class LatLonCoordinates {
    private LatLonCoordinates() {
    }

    /** Defines the dimensions, coordinate variables and global attributes (in define mode). */
    static void define(NetcdfFileWriter w, LatLonGrid grid, Map<String, ?> globalAttributes) {
        w.addDimension(null, "lat", grid.ny());
        w.addDimension(null, "lon", grid.nx());
        w.addDimension(null, "nv", 2);
        Variable lat = w.addVariable(null, "lat", DataType.DOUBLE, "lat");
        lat.addAttribute(new Attribute("units", "degrees_north"));
        lat.addAttribute(new Attribute("standard_name", "latitude"));
        lat.addAttribute(new Attribute("long_name", "latitude of cell centres"));
        lat.addAttribute(new Attribute("axis", "Y"));
        lat.addAttribute(new Attribute("bounds", "lat_bnds"));
        w.addVariable(null, "lat_bnds", DataType.DOUBLE, "lat nv");
        Variable lon = w.addVariable(null, "lon", DataType.DOUBLE, "lon");
        lon.addAttribute(new Attribute("units", "degrees_east"));
        lon.addAttribute(new Attribute("standard_name", "longitude"));
        lon.addAttribute(new Attribute("long_name", "longitude of cell centres"));
        lon.addAttribute(new Attribute("axis", "X"));
        lon.addAttribute(new Attribute("bounds", "lon_bnds"));
        w.addVariable(null, "lon_bnds", DataType.DOUBLE, "lon nv");
        w.addGroupAttribute(null, new Attribute("Conventions", "CF-1.8"));
        // a given history replaces the time stamp (ensemble members: reproducible to the bit)
        w.addGroupAttribute(null, new Attribute("history", String.valueOf(globalAttributes.containsKey("history")
                ? globalAttributes.get("history") : Instant.now() + ": written by Ferrel")));
        for (Map.Entry<String, ?> e : new TreeMap<>(globalAttributes).entrySet()) {
            if (e.getKey().equals("history")) {
                continue;
            }
            w.addGroupAttribute(null, e.getValue() instanceof Number n ? new Attribute(e.getKey(), n)
                    : new Attribute(e.getKey(), String.valueOf(e.getValue())));
        }
    }

    /** Writes the coordinate values (after {@code create()}). */
    static void write(NetcdfFileWriter w, LatLonGrid grid) throws IOException, InvalidRangeException {
        int nx = grid.nx();
        int ny = grid.ny();
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
        w.write(w.findVariable("lat"), Array.factory(DataType.DOUBLE, new int[] {ny}, latitudes));
        w.write(w.findVariable("lat_bnds"), Array.factory(DataType.DOUBLE, new int[] {ny, 2}, latB));
        w.write(w.findVariable("lon"), Array.factory(DataType.DOUBLE, new int[] {nx}, longitudes));
        w.write(w.findVariable("lon_bnds"), Array.factory(DataType.DOUBLE, new int[] {nx, 2}, lonB));
    }
}
