package org.ferrel.io.observations;

/**
 * Area-weighted global means of latitude-longitude fields, for sanity checks against published
 * figures. Each point is weighted by the cosine of its latitude (exact for a regular grid whose
 * rows are cell centres, a close approximation on Gaussian grids); NaN points are skipped and the
 * weights renormalised over the rest.
 */
public final class GlobalMean {
    private GlobalMean() {
    }

    /**
     * The cos-latitude-weighted mean of one [lat][lon] field stored from {@code offset} in {@code values}.
     *
     * @param latitudes   latitudes of the rows [degrees]
     * @param nLongitudes points per row
     * @return the mean, or NaN when every point is NaN
     */
    public static double areaWeighted(double[] latitudes, int nLongitudes, double[] values, int offset) {
        if (offset < 0 || offset + latitudes.length * nLongitudes > values.length) {
            throw new IllegalArgumentException("GlobalMean: " + latitudes.length + " x " + nLongitudes
                    + " values from offset " + offset + " do not fit in " + values.length);
        }
        double sum = 0;
        double weights = 0;
        for (int j = 0; j < latitudes.length; j++) {
            double w = Math.max(0.0, Math.cos(Math.toRadians(latitudes[j])));
            int row = offset + j * nLongitudes;
            for (int i = 0; i < nLongitudes; i++) {
                double v = values[row + i];
                if (!Double.isNaN(v)) {
                    sum += w * v;
                    weights += w;
                }
            }
        }
        return weights > 0 ? sum / weights : Double.NaN;
    }
}
