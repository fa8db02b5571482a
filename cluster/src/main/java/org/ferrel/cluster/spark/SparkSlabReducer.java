package org.ferrel.cluster.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.ferrel.cluster.output.SlabReducer;
import org.ferrel.cluster.output.StatisticsSlab;

/**
 * A {@link SlabReducer} on Spark's executors: the slabs are cut into at most {@code partitions}
 * tasks, each task reads the members' values of its own slabs from the output directory (a local or
 * shared folder in place; files on HDFS or S3 copied to each executor once for all the reducer's
 * tasks there) and computes their statistics, and the results come back in slab order
 * ({@code parallelize} and {@code collect} keep it). A slab's result does not depend on its task, so
 * neither does the statistics file.
 */
public final class SparkSlabReducer implements SlabReducer {
    private final JavaSparkContext context;
    private final String store;
    private final List<String> members;
    private final int partitions;
    private final String run = UUID.randomUUID().toString();

    /**
     * @param context    the Spark context (owned by the caller)
     * @param store      the ensemble's output directory (path or URI), readable by every executor
     * @param members    the members' output files in it, in member-id order
     * @param partitions tasks per call at most (at least 1)
     */
    public SparkSlabReducer(JavaSparkContext context, String store, List<String> members, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions: expected 1 or more, got " + partitions);
        }
        this.context = context;
        this.store = store;
        this.members = List.copyOf(members);
        this.partitions = partitions;
    }

    @Override
    public List<double[][]> reduce(List<StatisticsSlab> slabs) {
        if (slabs.isEmpty()) {
            return List.of();
        }
        return context.parallelize(slabs, Math.min(partitions, slabs.size())).mapPartitions(new Task(store, run, members))
                .collect();
    }

    /** One task: the statistics of its partition's slabs, in order. */
    private record Task(String store, String run, List<String> members)
            implements FlatMapFunction<Iterator<StatisticsSlab>, double[][]> {
        @Override
        public Iterator<double[][]> call(Iterator<StatisticsSlab> slabs) throws Exception {
            List<StatisticsSlab> mine = new ArrayList<>();
            slabs.forEachRemaining(mine::add);
            return StatisticsSlab.reduce(store, run, members, mine).iterator();
        }
    }
}
