package org.ferrel.dycore.cases;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.primitive.AtmosphereState;
import org.ferrel.dycore.primitive.SigmaCoordinate;

/**
 * The baroclinic instability test of Jablonowski and Williamson (2006, QJRMS 132, 2943-2975): a
 * zonally symmetric, hydrostatically and geostrophically balanced steady state of the dry primitive
 * equations with mid-latitude jets of 35 m/s, and the same state with a Gaussian zonal-wind
 * perturbation of 1 m/s centred at (20 E, 40 N), which grows into a baroclinic wave that breaks
 * around day 9. With the surface pressure uniform at 1000 hPa, the paper's eta coordinate equals
 * sigma, so the state is sampled at the sigma of each layer's mid-point.
 * <pre>
 *   eta_v = (eta - eta_0) pi / 2
 *   u     = u_0 cos^{3/2}(eta_v) sin^2(2 phi)
 *   T     = T_mean(eta) + 3/4 eta pi u_0 / R sin(eta_v) cos^{1/2}(eta_v)
 *             { (-2 sin^6 phi (cos^2 phi + 1/3) + 10/63) 2 u_0 cos^{3/2}(eta_v) + (8/5 cos^3 phi (sin^2 phi + 2/3) - pi/4) a Omega }
 *   T_mean = T_0 eta^{R Gamma / g}  (+ Delta T (eta_t - eta)^5 above eta_t)
 *   Phi_s = u_0 cos^{3/2}(eta_vs) { (-2 sin^6 phi (cos^2 phi + 1/3) + 10/63) u_0 cos^{3/2}(eta_vs) + (8/5 cos^3 phi (sin^2 phi + 2/3) - pi/4) a Omega }
 * </pre>
 */
public final class JablonowskiWilliamson {
    /** The paper's Earth radius [m]. */
    public static final double RADIUS = 6.371229e6;
    /** The paper's rotation rate [1/s]. */
    public static final double ROTATION = 7.29212e-5;
    public static final double GRAVITY = 9.80616;
    public static final double GAS_CONSTANT = 287.0;
    public static final double SURFACE_PRESSURE = 1.0e5;
    private static final double U0 = 35.0;
    private static final double ETA0 = 0.252;
    private static final double ETA_T = 0.2;
    private static final double T0 = 288.0;
    private static final double LAPSE_RATE = 0.005;
    private static final double DELTA_T = 4.8e5;
    private static final double PERTURBATION = 1.0;
    private static final double PERTURBATION_LONGITUDE = Math.PI / 9;
    private static final double PERTURBATION_LATITUDE = 2 * Math.PI / 9;

    private JablonowskiWilliamson() {
    }

    /** The lat-lon grid of spacing {@code degrees} on the paper's planet. */
    public static LatLonGrid grid(double degrees) {
        return new LatLonGrid((int) Math.round(360.0 / degrees), (int) Math.round(180.0 / degrees), RADIUS, ROTATION);
    }

    /** The balanced zonal wind [m/s] at latitude phi and eta. */
    public static double zonalWind(double phi, double eta) {
        double etaV = (eta - ETA0) * Math.PI / 2;
        double s = Math.sin(2 * phi);
        return U0 * Math.pow(Math.cos(etaV), 1.5) * s * s;
    }

    /** The Gaussian perturbation of u [m/s] at (lambda, phi). */
    public static double perturbation(double lambda, double phi) {
        double r = Math.acos(Math.max(-1, Math.min(1, Math.sin(PERTURBATION_LATITUDE) * Math.sin(phi)
                + Math.cos(PERTURBATION_LATITUDE) * Math.cos(phi) * Math.cos(lambda - PERTURBATION_LONGITUDE))));
        return PERTURBATION * Math.exp(-(r * r) * 100); // (r a / (a / 10))^2
    }

    /** The horizontally averaged temperature [K] at eta. */
    public static double meanTemperature(double eta) {
        double t = T0 * Math.pow(eta, GAS_CONSTANT * LAPSE_RATE / GRAVITY);
        if (eta < ETA_T) {
            t += DELTA_T * Math.pow(ETA_T - eta, 5);
        }
        return t;
    }

    private static double latitudinalFactor(double phi, double windFactor) {
        double sin = Math.sin(phi);
        double cos = Math.cos(phi);
        double a = (-2 * Math.pow(sin, 6) * (cos * cos + 1.0 / 3.0) + 10.0 / 63.0) * windFactor;
        double b = (8.0 / 5.0 * cos * cos * cos * (sin * sin + 2.0 / 3.0) - Math.PI / 4) * RADIUS * ROTATION;
        return a + b;
    }

    /** The balanced temperature [K] at latitude phi and eta. */
    public static double temperature(double phi, double eta) {
        double etaV = (eta - ETA0) * Math.PI / 2;
        double c = Math.cos(etaV);
        return meanTemperature(eta) + 0.75 * eta * Math.PI * U0 / GAS_CONSTANT * Math.sin(etaV) * Math.sqrt(c)
                * latitudinalFactor(phi, 2 * U0 * Math.pow(c, 1.5));
    }

    /** The surface geopotential [m^2/s^2] at latitude phi. */
    public static double surfaceGeopotential(double phi) {
        double c = Math.pow(Math.cos((1.0 - ETA0) * Math.PI / 2), 1.5);
        return U0 * c * latitudinalFactor(phi, U0 * c);
    }

    /** The surface geopotential at the grid's centres, [ny * nx] values. */
    public static double[] surfaceGeopotential(LatLonGrid grid) {
        return InitialCondition.sample(grid, Location.CENTER, (lambda, phi) -> surfaceGeopotential(phi));
    }

    /** The balanced steady state. */
    public static AtmosphereState steadyState(Ops o, LatLonGrid grid, SigmaCoordinate sigma) {
        return state(o, grid, sigma, false);
    }

    /** The steady state with the 1 m/s perturbation of u that starts the baroclinic wave. */
    public static AtmosphereState baroclinicWave(Ops o, LatLonGrid grid, SigmaCoordinate sigma) {
        return state(o, grid, sigma, true);
    }

    /**
     * Jablonowski and Williamson's measure of the steady state, the l2 norm of {@code u - u0} weighted
     * by cell area and layer mass [m/s]: {@code sqrt(sum A dsigma (u - u0)^2 / sum A dsigma)} over all
     * u-faces of all layers ({@code [nz * ny * nx]} values each).
     */
    public static double l2Difference(LatLonGrid grid, SigmaCoordinate sigma, double[] u, double[] u0) {
        double[] area = grid.cellArea();
        int n = grid.nx() * grid.ny();
        double num = 0;
        double den = 0;
        for (int i = 0; i < u.length; i++) {
            double w = area[(i % n) / grid.nx()] * sigma.thickness(i / n);
            num += w * (u[i] - u0[i]) * (u[i] - u0[i]);
            den += w;
        }
        return Math.sqrt(num / den);
    }

    private static AtmosphereState state(Ops o, LatLonGrid grid, SigmaCoordinate sigma, boolean perturbed) {
        int nz = sigma.levels();
        int n = grid.nx() * grid.ny();
        double[] u = new double[nz * n];
        double[] t = new double[nz * n];
        for (int k = 0; k < nz; k++) {
            double eta = sigma.midLevel(k);
            double[] uk = InitialCondition.sample(grid, Location.U_FACE,
                    (lambda, phi) -> zonalWind(phi, eta) + (perturbed ? perturbation(lambda, phi) : 0.0));
            double[] tk = InitialCondition.sample(grid, Location.CENTER, (lambda, phi) -> temperature(phi, eta));
            System.arraycopy(uk, 0, u, k * n, n);
            System.arraycopy(tk, 0, t, k * n, n);
        }
        double[] ps = new double[n];
        java.util.Arrays.fill(ps, SURFACE_PRESSURE);
        Shape shape = Shape.of(nz, grid.ny(), grid.nx());
        return new AtmosphereState(o.constant(shape, u), o.zeros(shape), o.constant(shape, t), o.constant(grid.shape(), ps));
    }
}
