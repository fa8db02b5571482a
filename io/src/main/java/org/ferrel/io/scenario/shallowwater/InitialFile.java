package org.ferrel.io.scenario.shallowwater;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.netcdf.RestartFile;
import org.ferrel.io.observations.GriddedObservation;
import org.ferrel.io.observations.ObservationReader;
import org.ferrel.io.observations.ReadOptions;
import org.ferrel.io.observations.UnitConversion;

/** Initial fields read from a NetCDF file: a Ferrel restart file, or h, u, v at the centres of the model grid. */
final class InitialFile {
    private InitialFile() {
    }

    /** h, u, v at their C-grid locations and the topography b, each [ny * nx]. */
    record Fields(double[] h, double[] u, double[] v, double[] topography) {
    }

    static Fields read(Scenario s, LatLonGrid grid) {
        Path file = resolve(s);
        try {
            RestartFile.Restart restart = restartOrNull(file);
            if (restart != null) {
                return fromRestart(s, grid, file, restart);
            }
        } catch (IOException e) {
            throw new ConfigException(s.origin(), s.line("initial.file"), "initial.file", e.getMessage());
        }
        return fromGriddedFile(s, grid, file);
    }

    /** Expected units of each field (others are converted when {@link UnitConversion} knows how). */
    private static final Map<String, String> UNITS = Map.of("h", "gpm", "u", "m s-1", "v", "m s-1", "topography", "gpm");

    private static Fields fromGriddedFile(Scenario s, LatLonGrid grid, Path file) {
        int nx = grid.nx();
        int ny = grid.ny();
        Map<String, double[]> centred = new java.util.HashMap<>();
        for (Map.Entry<String, String> e : ShallowWaterFamily.spec(s).initial().variables().entrySet()) {
            String field = e.getKey();
            String variable = e.getValue();
            String key = "initial.variables";
            GriddedObservation obs;
            try {
                obs = ObservationReader.read(file, variable, ReadOptions.defaults().units(UNITS.get(field)));
            } catch (IOException | IllegalArgumentException ex) {
                throw new ConfigException(s.origin(), s.line(key), key + "." + field, ex.getMessage());
            }
            String where = file + ", variable '" + variable + "' (" + field + ")";
            if (obs.ny() != ny || obs.nx() != nx) {
                throw new ConfigException(s.origin(), s.line("initial.file"), "initial.file", where + " is on a "
                        + obs.nx() + " x " + obs.ny() + " lon-lat grid; the scenario's grid is " + nx + " x " + ny
                        + " (regrid the file to the cell centres first)");
            }
            for (int j = 0; j < ny; j++) {
                double expected = Math.toDegrees(grid.latitude(j));
                if (Math.abs(obs.latitudes()[j] - expected) > 1e-6) {
                    throw new ConfigException(s.origin(), s.line("initial.file"), "initial.file", where + ": latitude " + j
                            + " is " + obs.latitudes()[j] + ", the scenario's cell centre is " + expected);
                }
            }
            for (int i = 0; i < nx; i++) {
                double expected = i * 360.0 / nx;
                if (Math.abs(obs.longitudes()[i] - expected) > 1e-6) {
                    throw new ConfigException(s.origin(), s.line("initial.file"), "initial.file", where + ": longitude " + i
                            + " is " + obs.longitudes()[i] + ", the scenario's cell centre is " + expected);
                }
            }
            int record = record(s, obs, where);
            double[] values = obs.field(record);
            for (int k = 0; k < values.length; k++) {
                if (!Double.isFinite(values[k])) {
                    throw new ConfigException(s.origin(), s.line("initial.file"), "initial.file", where + " has a missing value at lat "
                            + obs.latitudes()[k / nx] + ", lon " + obs.longitudes()[k % nx] + "; initial fields must be complete");
                }
            }
            centred.put(field, values);
        }
        for (String needed : new String[] {"h", "u", "v"}) {
            if (!centred.containsKey(needed)) {
                throw new ConfigException(s.origin(), s.line("initial.variables"), "initial.variables." + needed,
                        "required: the name of the file's variable for " + needed);
            }
        }
        double[] u = new double[nx * ny];
        double[] v = new double[nx * ny];
        double[] uc = centred.get("u");
        double[] vc = centred.get("v");
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int east = i == nx - 1 ? 0 : i + 1;
                u[j * nx + i] = 0.5 * (uc[j * nx + i] + uc[j * nx + east]);
                v[j * nx + i] = j == ny - 1 ? 0.0 : 0.5 * (vc[j * nx + i] + vc[(j + 1) * nx + i]);
            }
        }
        double[] b = centred.getOrDefault("topography", new double[nx * ny]);
        return new Fields(centred.get("h"), u, v, b);
    }

    private static int record(Scenario s, GriddedObservation obs, String where) {
        String time = ShallowWaterFamily.spec(s).initial().time();
        int n = obs.nt();
        int record = switch (time) {
            case "first" -> 0;
            case "last" -> n - 1;
            default -> Integer.parseInt(time);
        };
        if (record < 0 || record >= n) {
            throw new ConfigException(s.origin(), s.line("initial.file"), "initial.time", where + " has " + n
                    + " records (0 to " + (n - 1) + "), asked for record " + time);
        }
        return record;
    }

    static Path resolve(Scenario s) {
        Path p = Path.of(ShallowWaterFamily.spec(s).initial().file());
        if (!p.isAbsolute() && !s.origin().equals("built-in default")) {
            Path parent = Path.of(s.origin()).toAbsolutePath().getParent();
            p = parent.resolve(p);
        }
        return p;
    }

    /** The file read as a Ferrel restart, or null when it is another NetCDF file. */
    private static RestartFile.Restart restartOrNull(Path file) throws IOException {
        try {
            return RestartFile.read(file);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("not a Ferrel restart file")) {
                return null;
            }
            throw e;
        }
    }

    private static Fields fromRestart(Scenario s, LatLonGrid grid, Path file, RestartFile.Restart r) {
        int[] shape = r.stateField("h").shape();
        if (shape[0] != grid.ny() || shape[1] != grid.nx()) {
            throw new ConfigException(s.origin(), s.line("initial.file"), "initial.file", file + " is a restart on a "
                    + shape[1] + " x " + shape[0] + " grid; the scenario's grid is " + grid.nx() + " x " + grid.ny());
        }
        double[] b = r.parameters().stream().filter(a -> a.name().equals("topography")).findFirst()
                .map(RestartFile.NamedArray::values).orElse(new double[grid.nx() * grid.ny()]);
        Fields fields = new Fields(r.stateField("h").values(), r.stateField("u").values(), r.stateField("v").values(), b);
        requireFinite(s, grid, file, "h", fields.h());
        requireFinite(s, grid, file, "u", fields.u());
        requireFinite(s, grid, file, "v", fields.v());
        requireFinite(s, grid, file, "topography", fields.topography());
        return fields;
    }

    /**
     * A NaN or infinity in a restart's field is the file's fault, named as such (not left to surface
     * later as an "unstable time step" or a blow-up at step 1).
     */
    private static void requireFinite(Scenario s, LatLonGrid grid, Path file, String field, double[] values) {
        int nx = grid.nx();
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                int j = k / nx;
                int i = k % nx;
                throw new ConfigException(s.origin(), s.line("initial.file"), "initial.file", file + " (a Ferrel restart): field '"
                        + field + "' is " + values[k] + " at row " + j + ", column " + i + " (lat "
                        + String.format(java.util.Locale.ROOT, "%.2f", Math.toDegrees(grid.latitude(j))) + ", lon "
                        + String.format(java.util.Locale.ROOT, "%.2f", i * 360.0 / nx) + " of the cell); initial fields must be finite");
            }
        }
    }
}
