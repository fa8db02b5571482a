package org.ferrel.cluster.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.ferrel.cluster.output.SlabReducer;
import org.ferrel.cluster.output.StatisticsSlab;

/**
 * A {@link SlabReducer} on Spark's executors: the slabs are cut into at most {@code partitions}
 * tasks, each task reads the members' slabs of its own slabs from the output directory (a local or
 * shared folder in place; files on HDFS or S3 copied to the executor once per task) and computes
 * their statistics, and the results come back in slab order ({@code parallelize} and {@code collect}
 * keep it). A slab's result does not depend on its task, so neither does the statistics file.
 *
 * @param context    the Spark context (owned by the caller)
 * @param store      the ensemble's output directory (path or URI), readable by every executor
 * @param members    the members' output files in it, in member-id order
 * @param partitions tasks per call at most (at least 1)
 */
public record SparkSlabReducer(JavaSparkContext context, String store, List<String> members, int partitions)
        implements SlabReducer {

    public SparkSlabReducer {
        members = List.copyOf(members);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions: expected 1 or more, got " + partitions);
        }
    }

    @Override
    public List<double[][]> reduce(List<StatisticsSlab> slabs) {
        if (slabs.isEmpty()) {
            return List.of();
        }
        return context.parallelize(slabs, Math.min(partitions, slabs.size())).mapPartitions(new Task(store, members)).collect();
    }

    /** One task: the statistics of its partition's slabs, in order. */
    private record Task(String store, List<String> members) implements FlatMapFunction<Iterator<StatisticsSlab>, double[][]> {
        @Override
        public Iterator<double[][]> call(Iterator<StatisticsSlab> slabs) throws Exception {
            List<StatisticsSlab> mine = new ArrayList<>();
            slabs.forEachRemaining(mine::add);
            return mine.isEmpty() ? java.util.Collections.emptyIterator() : StatisticsSlab.reduce(store, members, mine).iterator();
        }
    }
}
