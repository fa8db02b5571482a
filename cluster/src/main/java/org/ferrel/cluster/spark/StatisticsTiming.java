package org.ferrel.cluster.spark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.ferrel.cluster.ensemble.Ensemble;
import org.ferrel.cluster.ensemble.EnsembleFile;
import org.ferrel.cluster.ensemble.MemberResult;
import org.ferrel.cluster.ensemble.SerialEnsemble;
import org.ferrel.cluster.output.EnsembleStatistics;
import org.ferrel.cluster.output.MemberStore;
import org.ferrel.cluster.output.SlabReducer;

/**
 * The driver's time for an ensemble's statistics, reduced on the driver (as before the statistics
 * went to the executors: {@link SlabReducer#serial}) and on Spark's executors ({@link SparkSlabReducer}),
 * side by side in one JVM on the same member files, alternately, each round checking that both files
 * are the same to the bit. Driver time is the wall time of {@link EnsembleStatistics#write} and the
 * CPU time of the thread that calls it (in local mode the executors are other threads of this JVM).
 * Usage: {@code StatisticsTiming ENSEMBLE.yaml WORK_DIR MASTER ROUNDS} (used by
 * {@code cluster/measure-statistics.sh}).
 */
public final class StatisticsTiming {
    private StatisticsTiming() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: StatisticsTiming ENSEMBLE.yaml WORK_DIR MASTER ROUNDS");
            System.exit(2);
        }
        Ensemble e = EnsembleFile.read(Path.of(args[0]));
        Path work = Path.of(args[1]);
        String members = work.resolve("members").toString();
        List<MemberResult> results = SerialEnsemble.runMembers(e, members);
        List<String> names = results.stream().filter(r -> !r.failed()).map(r -> r.member().outputName()).toList();
        int rounds = Integer.parseInt(args[3]);
        double[][] serial = new double[2][rounds];
        double[][] spark = new double[2][rounds];
        try (JavaSparkContext sc = SparkContexts.open(args[2], "ferrel statistics timing")) {
            for (int k = 0; k < rounds; k++) {
                byte[] a = time(e, names, work.resolve("serial-" + k), n -> SlabReducer.serial(members, n), serial, k);
                byte[] b = time(e, names, work.resolve("spark-" + k), n -> new SparkSlabReducer(sc, members, n, e.partitions()), spark,
                        k);
                if (!Arrays.equals(a, b)) {
                    throw new IllegalStateException("round " + k + ": the statistics differ");
                }
                System.out.printf(Locale.ROOT, "round %d: driver wall %.3f s serial, %.3f s on %s (ratio %.2f); driver thread CPU %.3f s"
                                + " serial, %.3f s on %s (ratio %.2f); files bitwise the same%n", k, serial[0][k], spark[0][k], args[2],
                        spark[0][k] / serial[0][k], serial[1][k], spark[1][k], args[2], spark[1][k] / serial[1][k]);
            }
        }
        System.out.printf(Locale.ROOT, "%d members, statistics tasks at most %d: median ratio (executors / driver) wall %.2f,"
                        + " driver thread CPU %.2f%n", names.size(), e.partitions(), medianRatio(spark[0], serial[0]),
                medianRatio(spark[1], serial[1]));
    }

    private static byte[] time(Ensemble e, List<String> names, Path out, Function<List<String>, SlabReducer> reducer, double[][] into,
                               int round) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemberStore store = MemberStore.open(out.toString());
        store.checkWritable();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        EnsembleStatistics.write(e.scenario(), names.size(), 0, reducer.apply(names), store, out.resolve("scratch"));
        into[0][round] = (System.nanoTime() - wall) * 1e-9;
        into[1][round] = (threads.getCurrentThreadCpuTime() - cpu) * 1e-9;
        return Files.readAllBytes(out.resolve(EnsembleStatistics.FILE));
    }

    private static double medianRatio(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int k = 0; k < r.length; k++) {
            r[k] = a[k] / b[k];
        }
        Arrays.sort(r);
        return r.length % 2 == 1 ? r[r.length / 2] : 0.5 * (r[r.length / 2 - 1] + r[r.length / 2]);
    }
}
