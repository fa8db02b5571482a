package org.ferrel.dycore.cases;

import org.ferrel.dycore.grid.LatLonGrid;

/**
 * The standard test set for the shallow-water equations on the sphere of Williamson, Drake, Hack,
 * Jakob and Swarztrauber (1992), J. Comput. Phys. 102, 211-224, with their constants:
 * a = 6.37122e6 m, Omega = 7.292e-5 1/s, g = 9.80616 m/s^2.
 */
public final class Williamson {
    private Williamson() {
    }

    static final double A = LatLonGrid.EARTH_RADIUS;
    static final double OMEGA = LatLonGrid.EARTH_ROTATION;
    static final double G = 9.80616;
    static final double DAY = 86400.0;

    /**
     * Case 1: advection of a cosine bell by solid-body rotation at angle alpha to the equator.
     * {@code h = (h0/2)(1 + cos(pi r / R))} for {@code r < R = a/3} around (3 pi/2, 0), h0 = 1000 m,
     * {@code r = a arccos(sin phi_c sin phi + cos phi_c cos phi cos(lambda - lambda_c))}; the wind is
     * case 2's with {@code u0 = 2 pi a / 12 days}, so the bell is back at its start after 12 days.
     */
    public static InitialCondition case1(double alpha) {
        InitialCondition wind = case2(alpha);
        double radius = A / 3;
        return new InitialCondition() {
            @Override
            public double depth(double lon, double lat) {
                double c = Math.sin(0) * Math.sin(lat) + Math.cos(0) * Math.cos(lat) * Math.cos(lon - 1.5 * Math.PI);
                double r = A * Math.acos(Math.max(-1, Math.min(1, c)));
                return r < radius ? 500.0 * (1 + Math.cos(Math.PI * r / radius)) : 0.0;
            }

            @Override
            public double u(double lon, double lat) {
                return wind.u(lon, lat);
            }

            @Override
            public double v(double lon, double lat) {
                return wind.v(lon, lat);
            }
        };
    }

    /**
     * Case 2: global steady-state nonlinear zonal geostrophic flow,
     * {@code u = u0 (cos phi cos alpha + cos lambda sin phi sin alpha)},
     * {@code v = -u0 sin lambda sin alpha},
     * {@code g h = g h0 - (a Omega u0 + u0^2/2)(-cos lambda cos phi sin alpha + sin phi cos alpha)^2},
     * with {@code u0 = 2 pi a / 12 days} and {@code g h0 = 2.94e4 m^2/s^2}, and the Coriolis parameter
     * rotated with the flow, {@code f = 2 Omega (-cos lambda cos phi sin alpha + sin phi cos alpha)}.
     * The exact solution is the initial state at all times.
     */
    public static InitialCondition case2(double alpha) {
        double u0 = 2 * Math.PI * A / (12 * DAY);
        double gh0 = 2.94e4;
        return new InitialCondition() {
            @Override
            public double depth(double lon, double lat) {
                double s = -Math.cos(lon) * Math.cos(lat) * Math.sin(alpha) + Math.sin(lat) * Math.cos(alpha);
                return (gh0 - (A * OMEGA * u0 + u0 * u0 / 2) * s * s) / G;
            }

            @Override
            public double u(double lon, double lat) {
                return u0 * (Math.cos(lat) * Math.cos(alpha) + Math.cos(lon) * Math.sin(lat) * Math.sin(alpha));
            }

            @Override
            public double v(double lon, double lat) {
                return -u0 * Math.sin(lon) * Math.sin(alpha);
            }

            @Override
            public double coriolis(double lon, double lat) {
                return 2 * OMEGA * (-Math.cos(lon) * Math.cos(lat) * Math.sin(alpha) + Math.sin(lat) * Math.cos(alpha));
            }
        };
    }

    /**
     * Case 5: zonal flow over an isolated mountain. Case 2's flow with alpha = 0, u0 = 20 m/s and
     * surface height h0 = 5960 m over a cone {@code b = b0 (1 - r / R)}, b0 = 2000 m, R = pi/9,
     * centred at (3 pi/2, pi/6), {@code r^2 = min(R^2, (lambda - lambda_c)^2 + (phi - phi_c)^2)}.
     */
    public static InitialCondition case5() {
        double u0 = 20.0;
        double h0 = 5960.0;
        double radius = Math.PI / 9;
        double lonC = 1.5 * Math.PI;
        double latC = Math.PI / 6;
        return new InitialCondition() {
            @Override
            public double topography(double lon, double lat) {
                double r = Math.min(radius, Math.sqrt(Math.pow(lon - lonC, 2) + Math.pow(lat - latC, 2)));
                return 2000.0 * (1 - r / radius);
            }

            @Override
            public double depth(double lon, double lat) {
                double s = Math.sin(lat);
                double surface = h0 - (A * OMEGA * u0 + u0 * u0 / 2) * s * s / G;
                return surface - topography(lon, lat);
            }

            @Override
            public double u(double lon, double lat) {
                return u0 * Math.cos(lat);
            }

            @Override
            public double v(double lon, double lat) {
                return 0.0;
            }
        };
    }

    /** Angular phase speed of the case 6 Rossby-Haurwitz wave [rad/s]: (R(3+R) omega - 2 Omega) / ((1+R)(2+R)). */
    public static double case6PhaseSpeed() {
        double r = 4;
        double omega = 7.848e-6;
        return (r * (3 + r) * omega - 2 * OMEGA) / ((1 + r) * (2 + r));
    }

    /** Case 6: Rossby-Haurwitz wave of wavenumber R = 4, omega = K = 7.848e-6 1/s, h0 = 8000 m. */
    public static InitialCondition case6() {
        double w = 7.848e-6;
        double k = 7.848e-6;
        int r = 4;
        double h0 = 8000.0;
        return new InitialCondition() {
            @Override
            public double depth(double lon, double lat) {
                double c = Math.cos(lat);
                double c2 = c * c;
                double cr = Math.pow(c, r);
                double aTerm = w / 2 * (2 * OMEGA + w) * c2
                        + 0.25 * k * k * cr * cr * ((r + 1) * c2 + (2.0 * r * r - r - 2) - 2.0 * r * r / c2);
                double bTerm = 2 * (OMEGA + w) * k / ((r + 1.0) * (r + 2.0)) * cr
                        * ((r * r + 2.0 * r + 2) - (r + 1.0) * (r + 1.0) * c2);
                double cTerm = 0.25 * k * k * cr * cr * ((r + 1) * c2 - (r + 2.0));
                return h0 + A * A * (aTerm + bTerm * Math.cos(r * lon) + cTerm * Math.cos(2 * r * lon)) / G;
            }

            @Override
            public double u(double lon, double lat) {
                double c = Math.cos(lat);
                double s = Math.sin(lat);
                return A * w * c + A * k * Math.pow(c, r - 1) * (r * s * s - c * c) * Math.cos(r * lon);
            }

            @Override
            public double v(double lon, double lat) {
                double c = Math.cos(lat);
                return -A * k * r * Math.pow(c, r - 1) * Math.sin(lat) * Math.sin(r * lon);
            }
        };
    }
}
