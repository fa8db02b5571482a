package org.ferrel.dycore.cases;

import java.util.SplittableRandom;

/**
 * The balanced jet of Galewsky et al. (2004) with a seeded height perturbation: the published bump
 * {@code h' = A cos(phi) exp(-((lambda - lambda0)/alpha)^2) exp(-((phi2 - phi)/beta)^2)} with its
 * amplitude A drawn in [60, 180] m, its longitude lambda0 in [0, 2 pi) and its latitude phi2 within
 * 3 degrees of pi/4. Each seed gives a different path to turbulence, so held-out seeds are held-out
 * initial conditions (the truth runs of the hybrid experiments start from these).
 *
 * @param seed the seed of the draw
 */
public record PerturbedJet(long seed) implements InitialCondition {
    private static final InitialCondition JET = Galewsky.jet(false);

    private double[] draw() {
        SplittableRandom r = new SplittableRandom(seed);
        return new double[] {r.nextDouble(60, 180), r.nextDouble(0, 2 * Math.PI),
            Math.PI / 4 + Math.toRadians(r.nextDouble(-3, 3))};
    }

    @Override
    public double depth(double lon, double lat) {
        double[] d = draw();
        double l = Math.IEEEremainder(lon - d[1], 2 * Math.PI);
        return JET.depth(lon, lat) + d[0] * Math.cos(lat) * Math.exp(-Math.pow(l * 3, 2)) * Math.exp(-Math.pow((d[2] - lat) * 15, 2));
    }

    @Override
    public double u(double lon, double lat) {
        return JET.u(lon, lat);
    }

    @Override
    public double v(double lon, double lat) {
        return 0.0;
    }
}
