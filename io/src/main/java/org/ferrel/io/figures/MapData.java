package org.ferrel.io.figures;

import java.util.ArrayList;
import java.util.List;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.io.netcdf.LatLonSlice;

/**
 * What a map shows: values at the centres of the cells of a latitude-longitude grid with their
 * coordinates, and the texts around it.
 *
 * @param longitudes cell-centre longitudes [degrees east] of the columns, monotonic in either direction,
 *                   0..360 or -180..180 or across the date line (a jump of 360 is unwrapped)
 * @param latitudes  cell-centre latitudes [degrees north] of the rows, monotonic in either direction
 * @param values     [latitudes.length * longitudes.length], row r then column c; NaN where missing
 * @param title      the title (bold, top)
 * @param subtitle   the line under it (variable, time, level, file), or {@code null}
 * @param units      units written along the colour bar, or {@code null}
 */
public record MapData(double[] longitudes, double[] latitudes, double[] values, String title, String subtitle,
        String units) {

    public MapData {
        if (longitudes.length < 1 || latitudes.length < 1) {
            throw new IllegalArgumentException("a map needs at least one longitude and one latitude");
        }
        if (values.length != longitudes.length * latitudes.length) {
            throw new IllegalArgumentException("map values: " + values.length + ", expected " + latitudes.length
                    + " latitudes x " + longitudes.length + " longitudes = " + latitudes.length * longitudes.length);
        }
    }

    /**
     * A field of a {@link LatLonGrid} at a C-grid location (row 0 south, column 0 at longitude 0 for centres).
     *
     * @param values [ny * nx]
     */
    public static MapData of(LatLonGrid grid, Location location, double[] values, String title, String units) {
        double[] lon = new double[grid.nx()];
        double[] lat = new double[grid.ny()];
        for (int i = 0; i < lon.length; i++) {
            lon[i] = Math.toDegrees(grid.x(location, i));
        }
        for (int j = 0; j < lat.length; j++) {
            lat[j] = Math.toDegrees(grid.y(location, j));
        }
        return new MapData(lon, lat, values, title, null, units);
    }

    /**
     * A slice read from a NetCDF file: the title is its long name, the subtitle says the variable, the time and
     * other selected dimensions, and the file name.
     */
    public static MapData of(LatLonSlice slice) {
        List<String> parts = new ArrayList<>();
        parts.add(slice.variable());
        parts.addAll(slice.selections());
        parts.add(String.valueOf(slice.file().getFileName()));
        return new MapData(slice.longitudes(), slice.latitudes(), slice.values(), slice.label(),
                String.join("  \u00b7  ", parts), slice.units());
    }

    public MapData withTitle(String newTitle) {
        return new MapData(longitudes, latitudes, values, newTitle, subtitle, units);
    }

    public MapData withSubtitle(String newSubtitle) {
        return new MapData(longitudes, latitudes, values, title, newSubtitle, units);
    }
}
