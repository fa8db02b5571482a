package org.ferrel.cluster.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.io.netcdf.LatLonRecordWriter;
import org.ferrel.io.netcdf.LatLonSlice;
import org.ferrel.io.netcdf.TimeAxis;
import org.ferrel.io.netcdf.TimeIndex;
import org.ferrel.io.netcdf.VariableInfo;
import org.ferrel.io.scenario.BuiltModel;
import org.ferrel.io.scenario.ScenarioModels;
import org.ferrel.io.scenario.Scenario;

/**
 * The ensemble's statistics as CF-1.8 NetCDF ({@code ensemble-statistics.nc}): for every output
 * variable X of the members and every output time, the mean {@code X_mean}, the spread (sample
 * standard deviation, divisor n - 1) {@code X_spread} and the quantiles {@code X_q05}, {@code X_q50},
 * {@code X_q95} (linear interpolation between order statistics, Hyndman &amp; Fan's type 7) over the
 * members that succeeded. Sums run in member-id order, so the file does not depend on how the
 * members were partitioned or where they ran. Global attributes say how many members it holds
 * ({@code ensemble_members_used}) and how many failed ({@code ensemble_members_failed}).
 * Memory: one record of one variable of every member at a time.
 */
public final class EnsembleStatistics {
    public static final String FILE = "ensemble-statistics.nc";
    /** The quantiles written, as fractions. */
    public static final double[] QUANTILES = {0.05, 0.5, 0.95};

    private EnsembleStatistics() {
    }

    /**
     * Writes the statistics of the given member outputs (in member-id order) into {@code store}.
     *
     * @param scenario the base scenario (grid, output variables and times)
     * @param outputs  the member output files that succeeded, in member-id order (local copies)
     * @param failed   the number of members that failed
     */
    public static void write(Scenario scenario, List<Path> outputs, int failed, MemberStore store, Path scratch) throws IOException {
        LatLonGrid grid = scenario.grid().toGrid();
        org.ferrel.autodiff.Eager ops = org.ferrel.autodiff.Eager.serial();
        BuiltModel<?> built = ScenarioModels.build(ScenarioModels.resolveTimeStep(scenario, ops), ops);
        List<String> names = scenario.output().variables().stream().filter(n -> !built.staticVariables().contains(n)).toList();
        boolean mean = scenario.output().statistic().equals("mean");
        List<VariableInfo> fields = new ArrayList<>();
        java.util.Set<String> layered = new java.util.HashSet<>();
        LatLonRecordWriter.VerticalAxis vertical = built.verticalAxis();
        int levels = vertical == null ? 1 : vertical.values().length;
        for (VariableInfo v : built.describe(names)) {
            int before = fields.size();
            fields.add(new VariableInfo(v.name() + "_mean", v.units(), "ensemble mean of " + v.longName(), v.standardName(),
                    "realization: mean"));
            fields.add(new VariableInfo(v.name() + "_spread", v.units(), "ensemble spread (standard deviation) of " + v.longName(),
                    null, "realization: standard_deviation"));
            for (double q : QUANTILES) {
                fields.add(new VariableInfo(v.name() + "_" + quantileName(q), v.units(), String.format(Locale.ROOT,
                        "ensemble %d%% quantile of %s", Math.round(q * 100), v.longName()), v.standardName(), null));
            }
            if (built.onLevels(v.name())) {
                fields.subList(before, fields.size()).forEach(f -> layered.add(f.name()));
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("title", "Ferrel ensemble statistics of '" + scenario.name() + "'");
        attributes.put("source", "ferrel ensemble");
        attributes.put("history", "ferrel ensemble: statistics over " + outputs.size() + " members");
        attributes.put("ensemble_members_used", Integer.toString(outputs.size()));
        attributes.put("ensemble_members_failed", Integer.toString(failed));
        attributes.put("scenario", scenario.text());
        LatLonRecordWriter.Layout layout = new LatLonRecordWriter.Layout(grid, fields, List.of(), List.of(),
                new TimeAxis(LocalDateTime.parse(scenario.run().start())), mean, attributes, layered.isEmpty() ? null : vertical,
                layered);
        Files.createDirectories(scratch);
        Path local = scratch.resolve(FILE);
        int records = (int) Math.round(scenario.run().length() / scenario.output().interval()) + (mean ? 0 : 1);
        double interval = scenario.output().interval();
        try (LatLonRecordWriter writer = LatLonRecordWriter.create(local, layout)) {
            for (int t = 0; t < records; t++) {
                double[][] values = new double[fields.size()][];
                int f = 0;
                for (String name : names) {
                    int nz = built.onLevels(name) ? levels : 1;
                    int n = grid.nx() * grid.ny();
                    double[][] members = new double[outputs.size()][];
                    for (int m = 0; m < members.length; m++) {
                        members[m] = new double[nz * n];
                        for (int k = 0; k < nz; k++) {
                            LatLonSlice.Request request = LatLonSlice.Request.of(name).withTime(TimeIndex.at(t));
                            if (nz > 1 || built.onLevels(name)) {
                                request = request.withIndices(Map.of(vertical.name(), k));
                            }
                            System.arraycopy(LatLonSlice.read(outputs.get(m), request).values(), 0, members[m], k * n, n);
                        }
                    }
                    for (double[] s : statistics(members, nz * n)) {
                        values[f++] = s;
                    }
                }
                double time = (mean ? t + 1 : t) * interval;
                writer.append(time, mean ? time - interval : time, values, new double[0]);
            }
            writer.commit();
        }
        store.replace(local, FILE);
        Files.deleteIfExists(local);
    }

    /** Mean, spread and the quantiles of each cell over members, in that order. */
    static double[][] statistics(double[][] members, int cells) {
        int n = members.length;
        double[][] out = new double[2 + QUANTILES.length][cells];
        double[] column = new double[n];
        for (int k = 0; k < cells; k++) {
            double sum = 0;
            for (int m = 0; m < n; m++) {
                column[m] = members[m][k];
                sum += column[m];
            }
            double mean = sum / n;
            double squares = 0;
            for (int m = 0; m < n; m++) {
                squares += (column[m] - mean) * (column[m] - mean);
            }
            out[0][k] = mean;
            out[1][k] = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
            Arrays.sort(column);
            for (int q = 0; q < QUANTILES.length; q++) {
                out[2 + q][k] = quantile(column, QUANTILES[q]);
            }
        }
        return out;
    }

    /** The quantile p of sorted values (linear interpolation, type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static String quantileName(double q) {
        return String.format(Locale.ROOT, "q%02d", Math.round(q * 100));
    }
}
