package org.ferrel.dycore.cases;

/**
 * The barotropically unstable mid-latitude jet of Galewsky, Scott and Polvani (2004), Tellus 56A,
 * 429-440: {@code u = (u_max / e_n) exp(1 / ((phi - phi0)(phi - phi1)))} for phi0 < phi < phi1
 * (u_max = 80 m/s, phi0 = pi/7, phi1 = pi/2 - phi0, e_n = exp(-4 / (phi1 - phi0)^2)), in gradient-wind
 * balance with {@code g h(phi) = g h0 - int a u (f + u tan(phi') / a) dphi'}, h0 set so that the mean
 * depth is 10 km; optionally with the perturbation
 * {@code h' = 120 cos(phi) exp(-(lambda'/alpha)^2) exp(-((phi2 - phi)/beta)^2)}, alpha = 1/3,
 * beta = 1/15, phi2 = pi/4, lambda' in (-pi, pi].
 */
public final class Galewsky {
    private Galewsky() {
    }

    private static final double U_MAX = 80.0;
    private static final double PHI0 = Math.PI / 7;
    private static final double PHI1 = Math.PI / 2 - PHI0;
    private static final double EN = Math.exp(-4 / ((PHI1 - PHI0) * (PHI1 - PHI0)));
    private static final int QUADRATURE = 20_000;

    /** Zonal wind of the jet [m/s]. */
    public static double jet(double lat) {
        if (lat <= PHI0 || lat >= PHI1) {
            return 0.0;
        }
        return U_MAX / EN * Math.exp(1 / ((lat - PHI0) * (lat - PHI1)));
    }

    /** The jet, balanced ({@code perturbed = false}) or with the height bump that triggers the instability. */
    public static InitialCondition jet(boolean perturbed) {
        double a = Williamson.A;
        double omega = Williamson.OMEGA;
        double g = Williamson.G;
        // cumulative integral of a u (f + u tan / a) from the south pole, trapezoidal on a fine grid
        double[] integral = new double[QUADRATURE + 1];
        double dphi = Math.PI / QUADRATURE;
        double previous = 0;
        for (int k = 1; k <= QUADRATURE; k++) {
            double phi = -Math.PI / 2 + k * dphi;
            double u = jet(phi);
            double value = a * u * (2 * omega * Math.sin(phi) + u * Math.tan(phi) / a);
            integral[k] = integral[k - 1] + 0.5 * (previous + value) * dphi;
            previous = value;
        }
        // h0 from the area-weighted mean depth of 10 km
        double weighted = 0;
        double weights = 0;
        for (int k = 0; k <= QUADRATURE; k++) {
            double w = Math.cos(-Math.PI / 2 + k * dphi);
            weighted += w * integral[k];
            weights += w;
        }
        double gh0 = g * 10_000.0 + weighted / weights;
        return new InitialCondition() {
            private double balanced(double lat) {
                double x = (lat + Math.PI / 2) / dphi;
                int k = Math.max(0, Math.min(QUADRATURE - 1, (int) Math.floor(x)));
                double f = x - k;
                return (gh0 - ((1 - f) * integral[k] + f * integral[k + 1])) / g;
            }

            @Override
            public double depth(double lon, double lat) {
                double h = balanced(lat);
                if (perturbed) {
                    double l = lon > Math.PI ? lon - 2 * Math.PI : lon;
                    h += 120 * Math.cos(lat) * Math.exp(-Math.pow(l * 3, 2)) * Math.exp(-Math.pow((Math.PI / 4 - lat) * 15, 2));
                }
                return h;
            }

            @Override
            public double u(double lon, double lat) {
                return jet(lat);
            }

            @Override
            public double v(double lon, double lat) {
                return 0.0;
            }
        };
    }
}
