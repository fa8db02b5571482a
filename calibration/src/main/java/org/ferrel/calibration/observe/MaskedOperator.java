package org.ferrel.calibration.observe;

import java.util.Arrays;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;

/**
 * An observation operator with some of its values dropped: where a mask is false (or 0, or NaN in a
 * numeric mask file) and where the observation is missing (NaN). It remembers which values of the
 * full operator it keeps, so that residuals can be put back on the observation grid for maps, and how
 * many it dropped for each reason, so that a report can say so.
 */
public final class MaskedOperator implements ObservationOperator {
    private final ObservationOperator full;
    private final ObservationOperator kept;
    private final int[] keptIndices;
    private final int droppedByMask;
    private final int droppedMissing;

    private MaskedOperator(ObservationOperator full, boolean[] keep, int droppedByMask, int droppedMissing) {
        this.full = full;
        this.kept = full.select(keep);
        int[] indices = new int[kept.size()];
        int q = 0;
        for (int k = 0; k < keep.length; k++) {
            if (keep[k]) {
                indices[q++] = k;
            }
        }
        this.keptIndices = indices;
        this.droppedByMask = droppedByMask;
        this.droppedMissing = droppedMissing;
    }

    /** {@code full} restricted to the values where {@code mask} is true. */
    public static MaskedOperator of(ObservationOperator full, boolean[] mask) {
        return of(full, mask, null);
    }

    /**
     * {@code full} restricted to the values where {@code mask} is true and {@code observed} is finite.
     *
     * @param mask     one entry per value of {@code full}, or null for no mask
     * @param observed one entry per value of {@code full}, or null when only the mask drops values
     * @throws IllegalArgumentException when an array has the wrong length
     */
    public static MaskedOperator of(ObservationOperator full, boolean[] mask, double[] observed) {
        int n = full.size();
        if ((mask != null && mask.length != n) || (observed != null && observed.length != n)) {
            throw new IllegalArgumentException("mask: " + (mask == null ? "no" : mask.length) + " mask entries and "
                    + (observed == null ? "no" : observed.length) + " observations for an operator of " + n + " values ("
                    + full.description() + ")");
        }
        boolean[] keep = new boolean[n];
        int byMask = 0;
        int missing = 0;
        for (int k = 0; k < n; k++) {
            boolean inMask = mask == null || mask[k];
            boolean present = observed == null || Double.isFinite(observed[k]);
            keep[k] = inMask && present;
            byMask += inMask ? 0 : 1;
            missing += inMask && !present ? 1 : 0;
        }
        return new MaskedOperator(full, keep, byMask, missing);
    }

    /**
     * This operator with the values whose observation is NaN also dropped, counted as missing.
     *
     * @param observed one entry per kept value
     */
    public MaskedOperator withoutMissing(double[] observed) {
        if (observed.length != keptIndices.length) {
            throw new IllegalArgumentException("mask: " + observed.length + " observations for " + keptIndices.length
                    + " values (" + description() + ")");
        }
        boolean[] fullKeep = new boolean[full.size()];
        int missing = 0;
        for (int k = 0; k < observed.length; k++) {
            boolean present = !Double.isNaN(observed[k]);
            fullKeep[keptIndices[k]] = present;
            missing += present ? 0 : 1;
        }
        return new MaskedOperator(full, fullKeep, droppedByMask, droppedMissing + missing);
    }

    /** A mask read from numbers, as mask files store it: 0 or NaN drops a value, anything else keeps it. */
    public static boolean[] maskOf(double[] values) {
        boolean[] mask = new boolean[values.length];
        for (int k = 0; k < values.length; k++) {
            mask[k] = values[k] != 0 && !Double.isNaN(values[k]);
        }
        return mask;
    }

    /** The operator before masking. */
    public ObservationOperator full() {
        return full;
    }

    /** For each kept value, its index among the values of {@link #full()}. */
    public int[] keptIndices() {
        return keptIndices.clone();
    }

    /** Values dropped because the mask excludes them. */
    public int droppedByMask() {
        return droppedByMask;
    }

    /** Values dropped because the observation is missing (inside the mask). */
    public int droppedMissing() {
        return droppedMissing;
    }

    /** The kept values put back in the places of {@link #full()}'s values, {@code fill} elsewhere (for maps). */
    public double[] scatter(double[] values, double fill) {
        if (values.length != keptIndices.length) {
            throw new IllegalArgumentException("mask: " + values.length + " values for " + keptIndices.length + " kept");
        }
        double[] out = new double[full.size()];
        Arrays.fill(out, fill);
        for (int k = 0; k < keptIndices.length; k++) {
            out[keptIndices[k]] = values[k];
        }
        return out;
    }

    @Override
    public int size() {
        return keptIndices.length;
    }

    @Override
    public Tensor apply(Ops o, Tensor centred) {
        return kept.apply(o, centred);
    }

    @Override
    public double[] apply(double[] centred) {
        return kept.apply(centred);
    }

    @Override
    public MaskedOperator select(boolean[] keep) {
        if (keep.length != keptIndices.length) {
            throw new IllegalArgumentException("mask: a selection of " + keep.length + " entries for " + keptIndices.length
                    + " values");
        }
        boolean[] fullKeep = new boolean[full.size()];
        int alsoDropped = 0;
        for (int k = 0; k < keep.length; k++) {
            fullKeep[keptIndices[k]] = keep[k];
            alsoDropped += keep[k] ? 0 : 1;
        }
        return new MaskedOperator(full, fullKeep, droppedByMask + alsoDropped, droppedMissing);
    }

    @Override
    public String description() {
        return full.description() + ", " + size() + " of " + full.size() + " values kept (" + droppedByMask
                + " outside the mask, " + droppedMissing + " missing)";
    }
}
