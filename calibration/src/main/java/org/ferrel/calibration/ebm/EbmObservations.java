package org.ferrel.calibration.ebm;

import org.ferrel.physics.ebm.EbmGrid;

/**
 * Observed annual-mean zonal means on the cells of an energy balance grid, the quantities the model
 * produces: surface temperature (°C), outgoing long-wave radiation, insolation and absorbed
 * short-wave radiation at the top of the atmosphere (W m⁻²). Made by
 * {@link NcepClimatology#onGrid}.
 *
 * @param grid              the cells
 * @param temperatureSource which observed temperature, in words
 */
public record EbmObservations(EbmGrid grid, String temperatureSource, double[] temperature,
                              double[] outgoingLongwave, double[] insolation, double[] absorbedShortwave) {
    public EbmObservations {
        int n = grid.cellCount();
        for (double[] v : new double[][] {temperature, outgoingLongwave, insolation, absorbedShortwave}) {
            if (v.length != n) {
                throw new IllegalArgumentException("EBM observations: " + v.length + " values for " + n + " cells");
            }
            for (double d : v) {
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("EBM observations: non-finite value " + d);
                }
            }
        }
    }

    /** Co-albedo of each cell, absorbed over incoming short-wave radiation. */
    public double[] coAlbedo() {
        double[] a = new double[insolation.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = absorbedShortwave[i] / insolation[i];
        }
        return a;
    }

    /** The area-weighted mean of a field on these (equal-area) cells. */
    public double mean(double[] field) {
        return grid.mean(field);
    }
}
