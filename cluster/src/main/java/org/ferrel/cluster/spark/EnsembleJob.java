package org.ferrel.cluster.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.ferrel.cluster.ensemble.Ensemble;
import org.ferrel.cluster.ensemble.Member;
import org.ferrel.cluster.ensemble.MemberResult;
import org.ferrel.cluster.ensemble.MemberRun;
import org.ferrel.cluster.ensemble.MemberTask;
import org.ferrel.cluster.output.EnsembleStatistics;
import org.ferrel.cluster.output.MemberStore;
import org.ferrel.cluster.output.Summary;

/**
 * Runs an ensemble on Spark into an output directory:
 * <pre>
 * DIR/ensemble.yaml, DIR/scenario.yaml   the ensemble and its base scenario as run
 * DIR/member-XXXX.nc                     each member's CF-1.8 output, under this name only when complete
 * DIR/member-XXXX.status                 each member's status, reason for failure and wall time
 * DIR/ensemble-statistics.nc             mean, spread and quantiles over the members that succeeded
 * DIR/summary.csv, DIR/summary.json      every member's parameters, status, reason and wall time
 * </pre>
 * Members are Spark tasks ({@code parallelize} over the members in id order, one partition per
 * member unless the ensemble says otherwise); Spark schedules them and retries a task whose
 * executor was lost. The statistics are computed on the executors too ({@link SparkSlabReducer}: a
 * variable at a level at a record per slab, at most as many tasks as the members'), the driver only
 * assembles and writes them. Everything is checked before a member starts: the master answers, the
 * directory is writable and holds no other ensemble. With {@code resume}, members with complete
 * output keep it and only the others run.
 */
public final class EnsembleJob {

    /**
     * @param output the output directory: a path or a Hadoop file-system URI
     * @param resume continue an ensemble in the directory (members with complete output are kept)
     * @param master the Spark master, or null (spark-submit's, else local[*])
     * @param log    one-line messages for the user
     */
    public record Options(String output, boolean resume, String master, Consumer<String> log) {
    }

    /**
     * @param results    every member's result, in id order
     * @param statistics where the statistics are ("" when no member succeeded)
     * @param summary    where the CSV summary is
     */
    public record Result(List<MemberResult> results, String statistics, String summary) {
        public long failed() {
            return results.stream().filter(MemberResult::failed).count();
        }

        public long reused() {
            return results.stream().filter(MemberResult::reused).count();
        }
    }

    private EnsembleJob() {
    }

    public static Result run(Ensemble e, Options o) throws IOException {
        String master = SparkContexts.master(o.master());
        SparkContexts.checkReachable(master);
        MemberStore store = MemberStore.open(o.output());
        try {
            store.checkWritable();
        } catch (IOException | RuntimeException ex) {
            throw new ClusterSetupException("cannot write to the output directory " + o.output() + ": " + ex.getMessage());
        }
        checkDirectory(e, o, store);
        store.removeTemporaries();
        store.writeText("ensemble.yaml", e.text());
        store.writeText("scenario.yaml", e.scenario().text());

        List<Member> members = e.members();
        List<MemberTask> tasks = members.stream().map(m -> MemberTask.of(e, m, o.output())).toList();
        long complete = countComplete(store, members);
        o.log().accept(String.format(Locale.ROOT, "%d members (%d with complete output), %d tasks on %s", members.size(), complete,
                e.partitions(), master));
        List<MemberResult> results;
        String statistics;
        try (JavaSparkContext sc = SparkContexts.open(master, "ferrel ensemble " + e.name())) {
            sc.sc().addSparkListener(new Progress(e.partitions(), o.log()));
            sc.setJobGroup(Progress.MEMBERS, "ensemble members", false);
            results = new ArrayList<>(sc.parallelize(tasks, e.partitions()).map(MemberRun::run).collect());
            sc.clearJobGroup();
            results.sort(Comparator.comparingInt(r -> r.member().id()));
            results.stream().filter(MemberResult::failed).forEach(r -> o.log().accept(r.toString()));

            store.writeText("summary.csv", Summary.csv(results));
            store.writeText("summary.json", Summary.json(e, results));
            statistics = EnsembleStatistics.write(e, results, store, o.log(),
                    names -> new SparkSlabReducer(sc, o.output(), names, e.partitions()));
        }
        return new Result(results, statistics, store.describe("summary.csv"));
    }

    private static void checkDirectory(Ensemble e, Options o, MemberStore store) throws IOException {
        boolean holdsEnsemble = store.exists("ensemble.yaml");
        if (holdsEnsemble && !o.resume()) {
            throw new ClusterSetupException(o.output() + " already holds an ensemble; continue it with --resume, or choose another"
                    + " output directory");
        }
        if (holdsEnsemble && !store.readText("ensemble.yaml").equals(e.text())) {
            throw new ClusterSetupException(o.output() + " holds another ensemble (its ensemble.yaml differs from " + e.origin()
                    + "); resume it with that file, or choose another output directory");
        }
        if (!holdsEnsemble && !store.list().isEmpty()) {
            throw new ClusterSetupException(o.output() + " is not empty and holds no ensemble; choose an empty or new directory");
        }
    }

    private static long countComplete(MemberStore store, List<Member> members) throws IOException {
        List<String> names = store.list();
        return members.stream().filter(m -> names.contains(m.outputName())).count();
    }

    /** Reports finished member tasks, and failed tasks of any job, on the log, from Spark's listener bus. */
    private static final class Progress extends SparkListener {
        /** The job group of the members' job. */
        static final String MEMBERS = "ferrel-members";
        private final int tasks;
        private final Consumer<String> log;
        private final AtomicInteger done = new AtomicInteger();
        private final java.util.Set<Integer> memberStages = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Progress(int tasks, Consumer<String> log) {
            this.tasks = tasks;
            this.log = log;
        }

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            if (start.properties() != null && MEMBERS.equals(start.properties().getProperty("spark.jobGroup.id"))) {
                scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds()).forEach(id -> memberStages.add((Integer) id));
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskInfo().successful() && memberStages.contains(end.stageId())) {
                log.accept(String.format(Locale.ROOT, "%d of %d tasks done", done.incrementAndGet(), tasks));
            } else if (!end.taskInfo().successful()) {
                log.accept("a task failed on executor " + end.taskInfo().executorId() + " (" + end.reason()
                        + "); Spark retries it");
            }
        }
    }
}
