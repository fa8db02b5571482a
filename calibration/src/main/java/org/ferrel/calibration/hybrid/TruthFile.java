package org.ferrel.calibration.hybrid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.io.netcdf.ArrayFile;
import org.ferrel.io.netcdf.NetcdfFileException;

/**
 * {@link TruthData} as a CF-style NetCDF file: coordinates {@code lat}, {@code lon} (cell centres,
 * degrees), {@code time} (seconds since the start), {@code case} (the seeds); the coarse-grained
 * state {@code h, u, v} and the subgrid tendencies {@code dh_dt, du_dt, dv_dt}, each
 * {@code (case, time, lat, lon)} at its own C-grid location (u half a cell east, v half a cell
 * north of the centre). Global attributes: {@code ferrel_truth_version}, the coarse grid, time step,
 * snapshot spacing, {@code config_digest} (so a cached file is only reused for the same set-up) and
 * free provenance text.
 */
public final class TruthFile {
    /** Layout version, the global attribute {@code ferrel_truth_version}. */
    public static final int VERSION = 1;
    private static final String[] STATE = {"h", "u", "v"};
    private static final String[] TARGET = {"dh_dt", "du_dt", "dv_dt"};
    private static final String[] STATE_UNITS = {"m", "m s-1", "m s-1"};
    private static final String[] TARGET_UNITS = {"m s-1", "m s-2", "m s-2"};

    private TruthFile() {
    }

    public static void write(Path file, TruthData data, String configDigest, Map<String, String> provenance) throws IOException {
        LatLonGrid g = data.grid();
        int cases = data.trajectories().size();
        int times = data.snapshots();
        int cells = g.nx() * g.ny();
        List<ArrayFile.Variable> vars = new ArrayList<>();
        double[] lat = new double[g.ny()];
        for (int j = 0; j < g.ny(); j++) {
            lat[j] = Math.toDegrees(g.latitude(j));
        }
        double[] lon = new double[g.nx()];
        for (int i = 0; i < g.nx(); i++) {
            lon[i] = Math.toDegrees(i * g.dLambda());
        }
        double[] time = new double[times];
        for (int t = 0; t < times; t++) {
            time[t] = t * data.snapshotInterval();
        }
        double[] seeds = data.trajectories().stream().mapToDouble(TruthData.Trajectory::seed).toArray();
        vars.add(new ArrayFile.Variable("lat", List.of("lat"), new int[] {g.ny()}, lat,
                Map.of("units", "degrees_north", "standard_name", "latitude")));
        vars.add(new ArrayFile.Variable("lon", List.of("lon"), new int[] {g.nx()}, lon,
                Map.of("units", "degrees_east", "standard_name", "longitude")));
        vars.add(new ArrayFile.Variable("time", List.of("time"), new int[] {times}, time,
                Map.of("units", "seconds since 2000-01-01 00:00:00", "standard_name", "time")));
        vars.add(new ArrayFile.Variable("case", List.of("case"), new int[] {cases}, seeds,
                Map.of("long_name", "seed of the perturbed-jet initial condition")));
        int[] shape = {cases, times, g.ny(), g.nx()};
        List<String> dims = List.of("case", "time", "lat", "lon");
        for (int f = 0; f < 6; f++) {
            double[] all = new double[cases * times * cells];
            for (int c = 0; c < cases; c++) {
                TruthData.Trajectory tr = data.trajectories().get(c);
                for (int t = 0; t < times; t++) {
                    double[] src = f < 3 ? tr.states()[t][f] : tr.targets()[t][f - 3];
                    System.arraycopy(src, 0, all, (c * times + t) * cells, cells);
                }
            }
            String name = f < 3 ? STATE[f] : TARGET[f - 3];
            String units = f < 3 ? STATE_UNITS[f] : TARGET_UNITS[f - 3];
            String meaning = f < 3 ? "coarse-grained fine-model " + name
                    : "subgrid tendency of " + STATE[f - 3] + ": coarse-grained fine tendency minus coarse tendency";
            vars.add(new ArrayFile.Variable(name, dims, shape, all, Map.of("units", units, "long_name", meaning,
                    "location", f % 3 == 0 ? "cell centre" : f % 3 == 1 ? "u-face (east edge)" : "v-face (north edge)")));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("Conventions", "CF-1.8");
        attributes.put("title", "Ferrel hybrid training truth: coarse-grained shallow-water runs");
        attributes.put("ferrel_truth_version", Integer.toString(VERSION));
        attributes.put("grid_nx", Integer.toString(g.nx()));
        attributes.put("grid_ny", Integer.toString(g.ny()));
        attributes.put("time_step_seconds", Double.toString(data.timeStep()));
        attributes.put("steps_per_snapshot", Integer.toString(data.stepsPerSnapshot()));
        attributes.put("config_digest", configDigest);
        attributes.putAll(provenance);
        ArrayFile.write(file, new ArrayFile.Content(attributes, vars));
    }

    /** The config digest a truth file was made for, or null when the file is not a truth file of this version. */
    public static String digest(Path file) throws IOException {
        ArrayFile.Content c = ArrayFile.read(file);
        return String.valueOf(VERSION).equals(c.attribute("ferrel_truth_version")) ? c.attribute("config_digest") : null;
    }

    public static TruthData read(Path file) throws IOException {
        ArrayFile.Content c = ArrayFile.read(file);
        if (!String.valueOf(VERSION).equals(c.attribute("ferrel_truth_version"))) {
            throw new NetcdfFileException(file, "not a Ferrel truth file of version " + VERSION + " (ferrel_truth_version = "
                    + c.attribute("ferrel_truth_version") + ")");
        }
        int nx = Integer.parseInt(c.attribute("grid_nx"));
        int ny = Integer.parseInt(c.attribute("grid_ny"));
        LatLonGrid g = new LatLonGrid(nx, ny, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
        double[] seeds = c.variable("case").values();
        int times = c.variable("time").values().length;
        int cells = nx * ny;
        List<TruthData.Trajectory> trajectories = new ArrayList<>();
        for (int k = 0; k < seeds.length; k++) {
            double[][][] states = new double[times][3][];
            double[][][] targets = new double[times][3][];
            for (int t = 0; t < times; t++) {
                for (int f = 0; f < 3; f++) {
                    int from = (k * times + t) * cells;
                    states[t][f] = java.util.Arrays.copyOfRange(c.variable(STATE[f]).values(), from, from + cells);
                    targets[t][f] = java.util.Arrays.copyOfRange(c.variable(TARGET[f]).values(), from, from + cells);
                }
            }
            trajectories.add(new TruthData.Trajectory((long) seeds[k], states, targets));
        }
        return new TruthData(g, Double.parseDouble(c.attribute("time_step_seconds")),
                Integer.parseInt(c.attribute("steps_per_snapshot")), trajectories);
    }
}
