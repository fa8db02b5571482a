package org.ferrel.cluster.ensemble;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.ferrel.cluster.output.EnsembleStatistics;
import org.ferrel.cluster.output.MemberStore;
import org.ferrel.cluster.output.SlabReducer;

/**
 * Runs an ensemble's members one after the other in this JVM, without Spark, and reduces their
 * statistics here ({@link SlabReducer#serial}): the baseline against which {@code ferrel ensemble}'s
 * per-task overhead is measured ({@code cluster/measure-throughput.sh}), and the serial reference of
 * its statistics (the same file to the bit). Usage: {@code SerialEnsemble ENSEMBLE.yaml OUTPUT_DIR};
 * prints the members, the wall time and the members per hour, then the statistics' wall time.
 */
public final class SerialEnsemble {
    private SerialEnsemble() {
    }

    /** Runs every member into {@code output} (a path or URI), in id order, and returns their results in id order. */
    public static List<MemberResult> runMembers(Ensemble e, String output) {
        List<MemberResult> results = new ArrayList<>();
        for (Member m : e.members()) {
            results.add(MemberRun.run(MemberTask.of(e, m, output)));
        }
        return results;
    }

    /** Writes the statistics of the members that succeeded into {@code output}, on this JVM; returns where ("" when none). */
    public static String writeStatistics(Ensemble e, List<MemberResult> results, String output, Consumer<String> log)
            throws IOException {
        return EnsembleStatistics.write(e, results, MemberStore.open(output), log, names -> SlabReducer.serial(output, names));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SerialEnsemble ENSEMBLE.yaml OUTPUT_DIR");
            System.exit(2);
        }
        Ensemble e = EnsembleFile.read(Path.of(args[0]));
        long start = System.nanoTime();
        List<MemberResult> results = runMembers(e, args[1]);
        double seconds = (System.nanoTime() - start) * 1e-9;
        long failed = results.stream().filter(MemberResult::failed).count();
        System.out.printf(Locale.ROOT, "plain loop: %d members (%d failed) in %.2f s: %.0f members/hour%n", e.memberCount(), failed,
                seconds, e.memberCount() / seconds * 3600);
        long statistics = System.nanoTime();
        writeStatistics(e, results, args[1], System.out::println);
        System.out.printf(Locale.ROOT, "statistics on this JVM: %.2f s%n", (System.nanoTime() - statistics) * 1e-9);
    }
}
