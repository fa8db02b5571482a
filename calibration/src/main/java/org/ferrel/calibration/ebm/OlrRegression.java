package org.ferrel.calibration.ebm;

import java.nio.file.Path;
import java.util.Locale;
import org.ferrel.io.observations.GriddedObservation;
import java.io.IOException;
import org.ferrel.io.observations.ObservationReader;

/**
 * The direct fit of Budyko's outgoing long-wave radiation law {@code OLR = A + B T} (T in °C) to
 * observations by weighted least squares: the baseline an energy-balance calibration of A and B is
 * compared with.
 *
 * <p>With weights w normalised to sum to the number of points n,
 * <pre>
 *   B = Σ w (T - T̄)(OLR - OLR̄) / Σ w (T - T̄)²,   A = OLR̄ - B T̄,
 *   s² = Σ w r² / (n - 2),   se(B) = s / √Sxx,   se(A) = s √(1/n + T̄²/Sxx),
 * </pre>
 * the textbook standard errors for independent errors. Neighbouring zonal means and grid points are
 * far from independent, so these understate the real uncertainty (the effective number of points is
 * much smaller than n); they are reported as the regression's own figures, not as an error budget.
 */
public final class OlrRegression {
    private OlrRegression() {
    }

    /**
     * A fitted line.
     *
     * @param description   what was fitted, in words
     * @param count         number of points n
     * @param intercept     A, W m⁻² (OLR at 0 °C)
     * @param slope         B, W m⁻² K⁻¹
     * @param interceptError standard error of A
     * @param slopeError     standard error of B
     * @param residualStandardDeviation s, W m⁻² (weighted)
     * @param correlation   the weighted correlation of T and OLR
     */
    public record Fit(String description, int count, double intercept, double slope, double interceptError,
                      double slopeError, double residualStandardDeviation, double correlation) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: A = %.2f ± %.2f W m-2, B = %.3f ± %.3f W m-2 K-1 (n = %d, s = %.2f W m-2,"
                    + " r = %.4f)", description, intercept, interceptError, slope, slopeError, count,
                    residualStandardDeviation, correlation);
        }
    }

    /** Weighted least squares of OLR on T (weights need not be normalised; none may be negative). */
    public static Fit fit(String description, double[] temperature, double[] olr, double[] weights) {
        int n = temperature.length;
        if (olr.length != n || weights.length != n || n < 3) {
            throw new IllegalArgumentException("OLR regression: " + n + " temperatures, " + olr.length + " OLR values, "
                    + weights.length + " weights (need at least 3 points of each)");
        }
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("OLR regression: negative or NaN weight " + w);
            }
            total += w;
        }
        double[] w = new double[n];
        double tMean = 0;
        double oMean = 0;
        for (int i = 0; i < n; i++) {
            w[i] = weights[i] * n / total;
            tMean += w[i] * temperature[i];
            oMean += w[i] * olr[i];
        }
        tMean /= n;
        oMean /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dt = temperature[i] - tMean;
            double dy = olr[i] - oMean;
            sxx += w[i] * dt * dt;
            sxy += w[i] * dt * dy;
            syy += w[i] * dy * dy;
        }
        double slope = sxy / sxx;
        double intercept = oMean - slope * tMean;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = olr[i] - intercept - slope * temperature[i];
            rss += w[i] * r * r;
        }
        double s2 = rss / (n - 2);
        return new Fit(description, n, intercept, slope, Math.sqrt(s2 * (1.0 / n + tMean * tMean / sxx)),
                Math.sqrt(s2 / sxx), Math.sqrt(s2), sxy / Math.sqrt(sxx * syy));
    }

    /**
     * OLR against temperature over the annual zonal means of the T62 latitudes, weighted by cos(latitude)
     * (area); the air temperature is interpolated in latitude to those latitudes.
     */
    public static Fit zonalMeans(NcepClimatology c, NcepClimatology.Temperature source) {
        double[] t = source == NcepClimatology.Temperature.SURFACE_AIR ? c.airTemperatureOnGaussianLatitudes()
                : c.skinTemperature();
        double[] w = new double[c.latitudes().length];
        for (int j = 0; j < w.length; j++) {
            w[j] = Math.cos(Math.toRadians(c.latitudes()[j]));
        }
        return fit("zonal means, " + (source == NcepClimatology.Temperature.SURFACE_AIR ? "air.sig995" : "skt")
                + ", 94 T62 latitudes, area-weighted", t, c.outgoingLongwave(), w);
    }

    /** OLR against temperature over the (equal-area) cells of the energy balance grid, equal weights. */
    public static Fit cells(EbmObservations o) {
        double[] w = new double[o.temperature().length];
        java.util.Arrays.fill(w, 1.0);
        return fit("zonal means on " + o.grid() + ", " + o.temperatureSource(), o.temperature(), o.outgoingLongwave(), w);
    }

    /**
     * OLR against skin temperature over the annual means at every T62 grid point (192 x 94),
     * weighted by cos(latitude); needs the shared data files.
     */
    public static Fit gridPoints(Path dataDirectory) throws IOException {
        GriddedObservation skt = ObservationReader.read(dataDirectory.resolve(NcepClimatology.SKIN_FILE), "skt");
        GriddedObservation olr = ObservationReader.read(dataDirectory.resolve(NcepClimatology.OLR_FILE), "ulwrf");
        double[] t = NcepClimatology.annualMean(skt);
        double[] o = NcepClimatology.annualMean(olr);
        double[] w = new double[t.length];
        for (int j = 0; j < skt.ny(); j++) {
            double c = Math.cos(Math.toRadians(skt.latitudes()[j]));
            for (int i = 0; i < skt.nx(); i++) {
                w[j * skt.nx() + i] = c;
            }
        }
        return fit("grid points, skt, 192 x 94 T62, area-weighted", t, o, w);
    }
}
