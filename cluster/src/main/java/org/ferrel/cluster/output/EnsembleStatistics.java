package org.ferrel.cluster.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ferrel.cluster.ensemble.Ensemble;
import org.ferrel.cluster.ensemble.MemberResult;
import org.ferrel.autodiff.Eager;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.io.netcdf.LatLonRecordWriter;
import org.ferrel.io.netcdf.TimeAxis;
import org.ferrel.io.netcdf.VariableInfo;
import org.ferrel.io.scenario.BuiltModel;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioModels;

/**
 * The ensemble's statistics as CF-1.8 NetCDF ({@code ensemble-statistics.nc}): for every output
 * variable X of the members and every output time, the mean {@code X_mean}, the spread (sample
 * standard deviation, divisor n - 1) {@code X_spread} and the quantiles {@code X_q05}, {@code X_q50},
 * {@code X_q95} (linear interpolation between order statistics, Hyndman &amp; Fan's type 7) over the
 * members that succeeded ({@link CellStatistics}). Global attributes say how many members it holds
 * ({@code ensemble_members_used}) and how many failed ({@code ensemble_members_failed}), as integers.
 * <p>
 * The work is cut into {@link StatisticsSlab}s (a variable at a level at a record) that a
 * {@link SlabReducer} computes (on Spark's executors, or here); this class only assembles their results
 * in a fixed order and writes the file. Each cell's statistics are summed in member-id order wherever
 * they are computed, so the file does not depend on how members or slabs were partitioned. Records
 * are handed to the reducer in batches whose results fit in {@code batchBytes}: the memory this
 * needs here.
 */
public final class EnsembleStatistics {
    public static final String FILE = "ensemble-statistics.nc";
    /** The results held here at a time by default (a batch of records): 256 MB. */
    public static final long BATCH_BYTES = 256L << 20;

    private EnsembleStatistics() {
    }

    /**
     * Writes the statistics of the members that succeeded (none: removes a stale file) with the reducer made for
     * their output files, and returns where they are ("" when none).
     */
    public static String write(Ensemble e, List<MemberResult> results, MemberStore store, Consumer<String> log,
                               Function<List<String>, SlabReducer> reducer) throws IOException {
        List<String> ok = results.stream().filter(r -> !r.failed()).map(r -> r.member().outputName()).toList();
        int failed = results.size() - ok.size();
        if (ok.isEmpty()) {
            store.delete(FILE);   // of an earlier run of a resumed ensemble: it would not be these members'
            log.accept("no member succeeded: no ensemble statistics written");
            return "";
        }
        Path scratch = Files.createTempDirectory("ferrel-ensemble-");
        try {
            write(e.scenario(), ok.size(), failed, reducer.apply(ok), store, scratch);
        } finally {
            ScratchFolders.delete(scratch);
        }
        log.accept(String.format(Locale.ROOT, "statistics of %d members (%d failed) in %s", ok.size(), failed,
                store.describe(FILE)));
        return store.describe(FILE);
    }

    /** {@link #write(Scenario, int, int, SlabReducer, MemberStore, Path, long)} in batches of {@link #BATCH_BYTES}. */
    public static void write(Scenario scenario, int used, int failed, SlabReducer reducer, MemberStore store, Path scratch)
            throws IOException {
        write(scenario, used, failed, reducer, store, scratch, BATCH_BYTES);
    }

    /**
     * Writes the statistics of the members that succeeded into {@code store}.
     *
     * @param scenario   the base scenario (grid, output variables and times)
     * @param used       the number of members that succeeded (those the reducer reads)
     * @param failed     the number of members that failed
     * @param reducer    computes the slabs' statistics
     * @param scratch    a local folder for the file before it is put into the store
     * @param batchBytes the results of how many records the reducer is given at once, in bytes (at least one record)
     */
    public static void write(Scenario scenario, int used, int failed, SlabReducer reducer, MemberStore store, Path scratch,
                             long batchBytes) throws IOException {
        Plan plan = Plan.of(scenario);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("title", "Ferrel ensemble statistics of '" + scenario.name() + "'");
        attributes.put("source", "ferrel ensemble");
        attributes.put("history", "ferrel ensemble: statistics over " + used + " members");
        attributes.put("ensemble_members_used", used);
        attributes.put("ensemble_members_failed", failed);
        attributes.put("scenario", scenario.text());
        LatLonRecordWriter.Layout layout = new LatLonRecordWriter.Layout(plan.grid, plan.fields, List.of(), List.of(),
                new TimeAxis(LocalDateTime.parse(scenario.run().start())), plan.mean, attributes,
                plan.layered.isEmpty() ? null : plan.vertical, plan.layered);
        Files.createDirectories(scratch);
        Path local = scratch.resolve(FILE);
        int perBatch = (int) Math.max(1, Math.min(plan.records, batchBytes / plan.bytesPerRecord()));
        try (LatLonRecordWriter writer = LatLonRecordWriter.create(local, layout)) {
            for (int first = 0; first < plan.records; first += perBatch) {
                int end = Math.min(plan.records, first + perBatch);
                List<StatisticsSlab> slabs = new ArrayList<>();
                for (int t = first; t < end; t++) {
                    slabs.addAll(plan.slabs(t));
                }
                List<double[][]> results = reducer.reduce(slabs);
                if (results.size() != slabs.size()) {
                    throw new IllegalStateException("the reducer returned " + results.size() + " slabs of " + slabs.size());
                }
                int next = 0;
                for (int t = first; t < end; t++) {
                    int count = plan.slabs(t).size();
                    double time = (plan.mean ? t + 1 : t) * plan.interval;
                    writer.append(time, plan.mean ? time - plan.interval : time, plan.assemble(results.subList(next, next + count)),
                            new double[0]);
                    next += count;
                }
            }
            writer.commit();
        }
        store.replace(local, FILE);
        Files.deleteIfExists(local);
    }

    static String quantileName(double q) {
        return String.format(Locale.ROOT, "q%02d", Math.round(q * 100));
    }

    /** What the file holds: its fields, the members' variables they come from, levels and records. */
    private static final class Plan {
        final LatLonGrid grid;
        final List<String> names;
        final List<VariableInfo> fields = new ArrayList<>();
        final Set<String> layered = new HashSet<>();
        final LatLonRecordWriter.VerticalAxis vertical;
        final int[] levels;
        final boolean[] onLevels;
        final boolean mean;
        final int records;
        final double interval;

        private Plan(Scenario scenario) {
            grid = scenario.grid().toGrid();
            Eager ops = Eager.serial();
            BuiltModel<?> built = ScenarioModels.build(ScenarioModels.resolveTimeStep(scenario, ops), ops);
            names = scenario.output().variables().stream().filter(n -> !built.staticVariables().contains(n)).toList();
            vertical = built.verticalAxis();
            onLevels = new boolean[names.size()];
            levels = new int[names.size()];
            for (int v = 0; v < names.size(); v++) {
                onLevels[v] = built.onLevels(names.get(v));
                levels[v] = onLevels[v] ? vertical.values().length : 1;
            }
            mean = scenario.output().statistic().equals("mean");
            interval = scenario.output().interval();
            records = (int) Math.round(scenario.run().length() / interval) + (mean ? 0 : 1);
            for (VariableInfo v : built.describe(names)) {
                int before = fields.size();
                fields.add(new VariableInfo(v.name() + "_mean", v.units(), "ensemble mean of " + v.longName(), v.standardName(),
                        "realization: mean"));
                fields.add(new VariableInfo(v.name() + "_spread", v.units(), "ensemble spread (standard deviation) of "
                        + v.longName(), null, "realization: standard_deviation"));
                for (double q : CellStatistics.QUANTILES) {
                    fields.add(new VariableInfo(v.name() + "_" + quantileName(q), v.units(), String.format(Locale.ROOT,
                            "ensemble %d%% quantile of %s", Math.round(q * 100), v.longName()), v.standardName(), null));
                }
                if (built.onLevels(v.name())) {
                    fields.subList(before, fields.size()).forEach(f -> layered.add(f.name()));
                }
            }
        }

        static Plan of(Scenario scenario) {
            return new Plan(scenario);
        }

        /** The slabs of record t: variable by variable, level by level. */
        List<StatisticsSlab> slabs(int t) {
            List<StatisticsSlab> slabs = new ArrayList<>();
            for (int v = 0; v < names.size(); v++) {
                String dimension = onLevels[v] ? vertical.name() : null;
                for (int k = 0; k < levels[v]; k++) {
                    slabs.add(new StatisticsSlab(t, names.get(v), dimension, k));
                }
            }
            return slabs;
        }

        /** The fields of one record ([field][level * cells + cell]) from its slabs' results, in {@link #slabs} order. */
        double[][] assemble(List<double[][]> results) {
            int n = grid.nx() * grid.ny();
            double[][] values = new double[fields.size()][];
            int slab = 0;
            for (int v = 0; v < names.size(); v++) {
                for (int s = 0; s < CellStatistics.COUNT; s++) {
                    values[v * CellStatistics.COUNT + s] = new double[levels[v] * n];
                }
                for (int k = 0; k < levels[v]; k++, slab++) {
                    double[][] r = results.get(slab);
                    for (int s = 0; s < CellStatistics.COUNT; s++) {
                        System.arraycopy(r[s], 0, values[v * CellStatistics.COUNT + s], k * n, n);
                    }
                }
            }
            return values;
        }

        long bytesPerRecord() {
            long values = 0;
            for (int l : levels) {
                values += (long) l * grid.nx() * grid.ny();
            }
            return Math.max(1, values * CellStatistics.COUNT * Double.BYTES);
        }
    }
}
