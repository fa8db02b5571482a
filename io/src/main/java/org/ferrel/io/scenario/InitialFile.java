package org.ferrel.io.scenario;

import java.io.IOException;
import java.nio.file.Path;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.netcdf.RestartFile;

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
            if (isRestart(file)) {
                return fromRestart(s, grid, file);
            }
        } catch (IOException e) {
            throw new ConfigException(s.origin(), s.line("initial.file"), "initial.file", e.getMessage());
        }
        throw new ConfigException(s.origin(), s.line("initial.file"), "initial.file", "TODO");
    }

    static Path resolve(Scenario s) {
        Path p = Path.of(s.initial().file());
        if (!p.isAbsolute() && !s.origin().equals("built-in default")) {
            Path parent = Path.of(s.origin()).toAbsolutePath().getParent();
            p = parent.resolve(p);
        }
        return p;
    }

    private static boolean isRestart(Path file) throws IOException {
        try {
            RestartFile.read(file);
            return true;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("not a Ferrel restart file")) {
                return false;
            }
            throw e;
        }
    }

    private static Fields fromRestart(Scenario s, LatLonGrid grid, Path file) throws IOException {
        RestartFile.Restart r = RestartFile.read(file);
        int[] shape = r.stateField("h").shape();
        if (shape[0] != grid.ny() || shape[1] != grid.nx()) {
            throw new ConfigException(s.origin(), s.line("initial.file"), "initial.file", file + " is a restart on a "
                    + shape[1] + " x " + shape[0] + " grid; the scenario's grid is " + grid.nx() + " x " + grid.ny());
        }
        double[] b = r.parameters().stream().filter(a -> a.name().equals("topography")).findFirst()
                .map(RestartFile.NamedArray::values).orElse(new double[grid.nx() * grid.ny()]);
        return new Fields(r.stateField("h").values(), r.stateField("u").values(), r.stateField("v").values(), b);
    }
}
