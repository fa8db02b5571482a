package org.ferrel.io.scenario;

import java.util.SplittableRandom;
import org.ferrel.dycore.grid.LatLonGrid;

/**
 * A seeded, reproducible random perturbation of the initial layer depth h, for ensembles of
 * perturbed initial states. White Gaussian noise (a {@link SplittableRandom} of the seed, cell by
 * cell in row-major order) is smoothed by {@code n = ceil((L / Δx)²)} passes of the five-point
 * average (periodic in longitude, mirrored at the poles), which gives a field whose correlation
 * length is about {@code L}; its area-weighted mean is then removed (the perturbation adds no
 * mass) and it is scaled to the root-mean-square {@code amplitude}. The same seed gives the same
 * bits on every machine.
 *
 * @param amplitude         root-mean-square of the perturbation of h [m]; 0 for none
 * @param correlationLength its correlation length L [m] (at most the grid spacing: uncorrelated)
 * @param seed              seed of the noise
 */
public record InitialPerturbation(double amplitude, double correlationLength, long seed) {
    /** No perturbation. */
    public static final InitialPerturbation NONE = new InitialPerturbation(0, 0, 0);

    /** The most smoothing passes (a correlation length of about 30 grid cells). */
    static final int MAX_PASSES = 900;

    public InitialPerturbation {
        if (!(amplitude >= 0) || !(correlationLength >= 0)) {
            throw new IllegalArgumentException("amplitude and correlation length must be >= 0, got " + amplitude + ", "
                    + correlationLength);
        }
    }

    public boolean isNone() {
        return amplitude == 0;
    }

    /** The same perturbation with another seed (one per ensemble member). */
    public InitialPerturbation withSeed(long s) {
        return new InitialPerturbation(amplitude, correlationLength, s);
    }

    /** The perturbation field on a grid [ny * nx], row-major. */
    public double[] field(LatLonGrid grid) {
        int nx = grid.nx();
        int ny = grid.ny();
        double[] f = new double[nx * ny];
        if (isNone()) {
            return f;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < f.length; k++) {
            f[k] = random.nextGaussian();
        }
        double dx = grid.radius() * 2 * Math.PI / nx;
        int passes = (int) Math.min(MAX_PASSES, Math.ceil(Math.pow(correlationLength / dx, 2)));
        double[] g = new double[f.length];
        for (int p = 0; p < passes; p++) {
            for (int j = 0; j < ny; j++) {
                int north = Math.min(j + 1, ny - 1);
                int south = Math.max(j - 1, 0);
                for (int i = 0; i < nx; i++) {
                    int east = i + 1 == nx ? 0 : i + 1;
                    int west = i == 0 ? nx - 1 : i - 1;
                    g[j * nx + i] = 0.2 * (f[j * nx + i] + f[j * nx + east] + f[j * nx + west] + f[north * nx + i]
                            + f[south * nx + i]);
                }
            }
            double[] t = f;
            f = g;
            g = t;
        }
        double weightSum = 0;
        double mean = 0;
        for (int j = 0; j < ny; j++) {
            double w = Math.cos(Math.PI * ((j + 0.5) / ny - 0.5));
            for (int i = 0; i < nx; i++) {
                mean += w * f[j * nx + i];
                weightSum += w;
            }
        }
        mean /= weightSum;
        double squares = 0;
        for (int k = 0; k < f.length; k++) {
            f[k] -= mean;
            squares += f[k] * f[k];
        }
        double scale = amplitude / Math.sqrt(squares / f.length);
        for (int k = 0; k < f.length; k++) {
            f[k] *= scale;
        }
        return f;
    }

    /** h plus the perturbation, as a new array. */
    public double[] applyTo(double[] h, LatLonGrid grid) {
        double[] out = h.clone();
        if (isNone()) {
            return out;
        }
        double[] f = field(grid);
        for (int k = 0; k < out.length; k++) {
            out[k] += f[k];
        }
        return out;
    }
}
