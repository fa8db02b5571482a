package org.ferrel.cluster.output;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ferrel.io.netcdf.LatLonSlice;
import org.ferrel.io.netcdf.TimeIndex;

/**
 * One unit of the ensemble statistics' work: one output variable, at one level, at one output
 * record, every cell of the grid. Its statistics need every member's values of its cells (quantiles
 * need all of them at once), so the work is split by slabs, never by members; a slab's result
 * depends on the members' files only, not on where or with which other slabs it is computed.
 * Memory: the slab of every member, {@code members × cells × 8} bytes.
 *
 * @param record         0-based output record
 * @param variable       the members' output variable
 * @param levelDimension the vertical dimension of a variable on levels, or null for a two-dimensional one
 * @param level          0-based level (0 for a two-dimensional variable)
 */
public record StatisticsSlab(int record, String variable, String levelDimension, int level) implements Serializable {

    /** Mean, spread and quantiles of each cell ([statistic][cell], {@link CellStatistics}) over the members' files. */
    public double[][] reduce(List<Path> members) throws IOException {
        LatLonSlice.Request request = LatLonSlice.Request.of(variable).withTime(TimeIndex.at(record));
        if (levelDimension != null) {
            request = request.withIndices(Map.of(levelDimension, level));
        }
        double[][] values = new double[members.size()][];
        for (int m = 0; m < values.length; m++) {
            values[m] = LatLonSlice.read(members.get(m), request).values();
        }
        return CellStatistics.of(values, values[0].length);
    }

    /**
     * The statistics of slabs, in their order, from the members' files in a store (in member-id order): files of a
     * local or shared folder are read in place, others copied to this JVM once per run ({@link MemberCopies}).
     *
     * @param run a name unique to the statistics run
     */
    public static List<double[][]> reduce(String store, String run, List<String> members, List<StatisticsSlab> slabs)
            throws IOException {
        if (slabs.isEmpty()) {
            return List.of();
        }
        List<Path> files = MemberCopies.of(MemberStore.open(store), run, members);
        List<double[][]> out = new ArrayList<>(slabs.size());
        for (StatisticsSlab slab : slabs) {
            out.add(slab.reduce(files));
        }
        return out;
    }
}
