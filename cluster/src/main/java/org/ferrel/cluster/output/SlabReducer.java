package org.ferrel.cluster.output;

import java.io.IOException;
import java.util.List;

/**
 * Computes the statistics of {@link StatisticsSlab}s from the members' output files: on this JVM
 * ({@link #serial}), or on Spark's executors ({@code org.ferrel.cluster.spark.SparkSlabReducer}).
 * Either way each slab's result is {@link StatisticsSlab#reduce}'s, so the statistics file is the same
 * to the bit.
 */
public interface SlabReducer {

    /** Each slab's mean, spread and quantiles ([statistic][cell]), in the order of {@code slabs}. */
    List<double[][]> reduce(List<StatisticsSlab> slabs) throws IOException;

    /**
     * One slab after the other on this JVM.
     *
     * @param store   the ensemble's output directory (path or URI)
     * @param members the members' output files in it, in member-id order
     */
    static SlabReducer serial(String store, List<String> members) {
        List<String> names = List.copyOf(members);
        String run = java.util.UUID.randomUUID().toString();
        return slabs -> StatisticsSlab.reduce(store, run, names, slabs);
    }
}
