package org.ferrel.dycore.primitive;

import java.util.Arrays;
import java.util.Locale;

/**
 * The sigma vertical coordinate {@code sigma = p / ps} of the primitive-equation core: {@code nz}
 * layers bounded by the half levels {@code 0 = sigma_{1/2} < sigma_{3/2} < ... < sigma_{nz+1/2} = 1},
 * numbered from the top (level 0 is the highest). Pressure at a half level is {@code sigma ps}.
 *
 * <p>The coefficients of Simmons and Burridge's (1981) energy- and angular-momentum-conserving
 * vertical discretisation, in the sigma form (their hybrid coefficients with A = 0, B = sigma):
 * <pre>
 *   L_k     = ln(sigma_{k+1/2} / sigma_{k-1/2})                      (k &gt; 0; the top layer's is infinite and unused)
 *   alpha_k = 1 - sigma_{k-1/2} / (sigma_{k+1/2} - sigma_{k-1/2}) L_k,   alpha_0 = ln 2
 * </pre>
 * The hydrostatic equation places layer k's geopotential {@code alpha_k} (in ln p) above the layer's
 * lower half level; forcing, diagnostics and output use the layer's mid-point {@link #midLevel}
 * instead (the two differ by O(dsigma^2), which the scheme's energy budget does not involve).
 *
 * @param halfLevels sigma at the nz + 1 half levels, from 0 (the model top) to 1 (the surface)
 */
public record SigmaCoordinate(double[] halfLevels) {
    public SigmaCoordinate {
        halfLevels = halfLevels.clone();
        if (halfLevels.length < 2) {
            throw new IllegalArgumentException("sigma half levels: need at least 2 values (one layer), got "
                    + halfLevels.length);
        }
        if (halfLevels[0] != 0.0 || halfLevels[halfLevels.length - 1] != 1.0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "sigma half levels must run from 0 (model top) to 1 (surface), got %s ... %s",
                    halfLevels[0], halfLevels[halfLevels.length - 1]));
        }
        for (int k = 0; k + 1 < halfLevels.length; k++) {
            if (!(halfLevels[k + 1] > halfLevels[k])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "sigma half levels must increase downwards: value %d (%s) is not above value %d (%s)",
                        k + 1, halfLevels[k + 1], k, halfLevels[k]));
            }
        }
    }

    /** {@code nz} layers of equal thickness in sigma. */
    public static SigmaCoordinate uniform(int nz) {
        if (nz < 1) {
            throw new IllegalArgumentException("sigma levels: need at least one layer, got " + nz);
        }
        double[] h = new double[nz + 1];
        for (int k = 0; k <= nz; k++) {
            h[k] = (double) k / nz;
        }
        h[nz] = 1.0;
        return new SigmaCoordinate(h);
    }

    @Override
    public double[] halfLevels() {
        return halfLevels.clone();
    }

    /** The number of layers. */
    public int levels() {
        return halfLevels.length - 1;
    }

    /** {@code sigma_{k+1/2} - sigma_{k-1/2}}: the layer's share of the column's mass. */
    public double thickness(int k) {
        return halfLevels[k + 1] - halfLevels[k];
    }

    /** The layer's mid-point {@code (sigma_{k-1/2} + sigma_{k+1/2}) / 2}: where forcing, diagnostics and output place level k. */
    public double midLevel(int k) {
        return 0.5 * (halfLevels[k] + halfLevels[k + 1]);
    }

    /** {@code ln(sigma_{k+1/2} / sigma_{k-1/2})}; 0 for the top layer (where it never enters). */
    public double logRatio(int k) {
        return k == 0 ? 0.0 : Math.log(halfLevels[k + 1] / halfLevels[k]);
    }

    /** Simmons and Burridge's alpha_k. */
    public double alpha(int k) {
        return k == 0 ? Math.log(2.0) : 1.0 - halfLevels[k] / thickness(k) * logRatio(k);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigmaCoordinate s && Arrays.equals(halfLevels, s.halfLevels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(halfLevels);
    }

    @Override
    public String toString() {
        return "sigma" + Arrays.toString(halfLevels);
    }
}
