package org.ferrel.cluster.ensemble;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs an ensemble's members one after the other in this JVM, without Spark: the baseline against
 * which {@code ferrel ensemble}'s per-task overhead is measured ({@code cluster/measure-throughput.sh}).
 * Usage: {@code SerialEnsemble ENSEMBLE.yaml OUTPUT_DIR}; prints the members, the wall time and the
 * members per hour.
 */
public final class SerialEnsemble {
    private SerialEnsemble() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: SerialEnsemble ENSEMBLE.yaml OUTPUT_DIR");
            System.exit(2);
        }
        Ensemble e = EnsembleFile.read(Path.of(args[0]));
        long start = System.nanoTime();
        int failed = 0;
        for (Member m : e.members()) {
            failed += MemberRun.run(MemberTask.of(e, m, args[1])).failed() ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        System.out.printf(Locale.ROOT, "plain loop: %d members (%d failed) in %.2f s: %.0f members/hour%n", e.memberCount(), failed,
                seconds, e.memberCount() / seconds * 3600);
    }
}
