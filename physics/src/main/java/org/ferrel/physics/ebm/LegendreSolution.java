package org.ferrel.physics.ebm;

/**
 * North's analytic steady states of the energy balance model with a <em>step</em> co-albedo (the
 * sharp ice line), in Legendre polynomials of x = sin(latitude): the reference the discrete model is
 * tested against.
 *
 * <p>Since {@code d/dx[(1 - x²) dP_n/dx] = -n(n+1) P_n}, the steady state of
 * {@code Q s(x) a(x, x_s) - (A + B T) + D d/dx[(1 - x²) dT/dx] = 0} is (North 1975; North, Cahalan
 * &amp; Coakley 1981, eqs. 28-30)
 * <pre>
 *   T(x) = Σ_n T_n P_n(x),   T_n = Q H_n(x_s) / (n(n+1) D + B) - δ_{n0} A / B,
 *   H_n(x_s) = (2n + 1) ∫₀¹ P_n(x) s(x) a(x, x_s) dx           (even n, symmetric hemispheres),
 * </pre>
 * with {@code a = a₀ + a₂ P₂(x)} equatorward of the ice line x_s and {@code a_ice} poleward of it.
 * Requiring {@code T(x_s) = T_s} gives the insolation that holds the ice line at x_s (NCC 1981, eq. 37),
 * <pre>
 *   Q(x_s) = (A + B T_s) / (B Σ_n H_n(x_s) P_n(x_s) / (n(n+1) D + B)),
 * </pre>
 * and the global mean temperature is {@code T₀ = (Q H₀(x_s) - A) / B}. Cahalan &amp; North's
 * slope-stability theorem: a steady state is stable where {@code dQ/dx_s > 0}, unstable where it is
 * negative (the large-ice-cap branch and the small-ice-cap branch near the pole).
 *
 * <p>Without ice (x_s = 1) only n = 0, 2, 4 remain: {@code H₀ = a₀ + s₂a₂/5},
 * {@code H₂ = s₂a₀ + a₂ + 2s₂a₂/7}, {@code H₄ = 18 s₂a₂/35}, from {@code P₂² = 1/5 + 2P₂/7 + 18P₄/35}.
 *
 * <p>The integrals are Gauss-Legendre quadratures on [0, x_s] and [x_s, 1], exact for these
 * polynomials; the series is summed to degree {@link #DEFAULT_DEGREE} (its terms fall as n^-2.5,
 * so Q(x_s) is then good to about 1e-3 W m⁻²).
 */
public final class LegendreSolution {
    /** Highest Legendre degree summed by default. */
    public static final int DEFAULT_DEGREE = 400;

    private final EbmParameters p;
    private final double iceLine;
    private final int degree;
    private final double[] h;

    private LegendreSolution(EbmParameters p, double iceLine, int degree) {
        if (!(iceLine >= 0.0 && iceLine <= 1.0)) {
            throw new IllegalArgumentException("ice line x_s must be in [0, 1], got " + iceLine);
        }
        if (degree < 4 || degree % 2 != 0) {
            throw new IllegalArgumentException("Legendre degree must be even and at least 4, got " + degree);
        }
        this.p = p;
        this.iceLine = iceLine;
        this.degree = degree;
        this.h = coefficientsH(p, iceLine, degree);
    }

    /** The step-co-albedo solution with its ice line at x_s (x_s = 1: no ice). */
    public static LegendreSolution withIceLine(EbmParameters p, double iceLine) {
        return new LegendreSolution(p, iceLine, DEFAULT_DEGREE);
    }

    public static LegendreSolution withIceLine(EbmParameters p, double iceLine, int degree) {
        return new LegendreSolution(p, iceLine, degree);
    }

    /** The ice-free solution: a = a₀ + a₂ P₂(x) everywhere. */
    public static LegendreSolution iceFree(EbmParameters p) {
        return new LegendreSolution(p, 1.0, 4);
    }

    /** The ice-free coefficients {T₀, T₂, T₄} in closed form. */
    public static double[] iceFreeCoefficients(EbmParameters p) {
        double s2 = p.insolationP2();
        double a0 = p.coAlbedo0();
        double a2 = p.coAlbedo2();
        double h0 = a0 + s2 * a2 / 5.0;
        double h2 = s2 * a0 + a2 + 2.0 * s2 * a2 / 7.0;
        double h4 = 18.0 * s2 * a2 / 35.0;
        return new double[] {
            (p.insolation() * h0 - p.olrIntercept()) / p.olrSlope(),
            p.insolation() * h2 / (6.0 * p.diffusivity() + p.olrSlope()),
            p.insolation() * h4 / (20.0 * p.diffusivity() + p.olrSlope())
        };
    }

    public double iceLine() {
        return iceLine;
    }

    /** H_n(x_s) for even n up to the degree (0 for odd n). */
    public double h(int n) {
        return n <= degree ? h[n] : 0.0;
    }

    /** T_n = Q H_n / (n(n+1) D + B) - δ_{n0} A/B, °C. */
    public double coefficient(int n) {
        double t = p.insolation() * h(n) / (n * (n + 1.0) * p.diffusivity() + p.olrSlope());
        return n == 0 ? t - p.olrIntercept() / p.olrSlope() : t;
    }

    /** T(x), °C. */
    public double temperature(double x) {
        double[] pn = legendre(degree, x);
        double t = 0;
        for (int n = 0; n <= degree; n += 2) {
            t += coefficient(n) * pn[n];
        }
        return t;
    }

    /** The average of T over [a, b], °C, from {@code ∫ P_n = (P_{n+1} - P_{n-1}) / (2n + 1)}. */
    public double cellAverage(double a, double b) {
        double[] pa = legendre(degree + 1, a);
        double[] pb = legendre(degree + 1, b);
        double s = coefficient(0) * (b - a);
        for (int n = 2; n <= degree; n += 2) {
            s += coefficient(n) * ((pb[n + 1] - pb[n - 1]) - (pa[n + 1] - pa[n - 1])) / (2.0 * n + 1.0);
        }
        return s / (b - a);
    }

    /** The global (hemispheric) mean temperature T₀, °C. */
    public double globalMean() {
        return coefficient(0);
    }

    /**
     * The insolation Q that holds the ice line at x_s, {@code (A + B T_s) / (B Σ H_n P_n(x_s) / L_n)},
     * W m⁻² (the parameter set's own Q is not used).
     */
    public double insolationHoldingIceLine(double freezingTemperature) {
        double[] pn = legendre(degree, iceLine);
        double sum = 0;
        for (int n = 0; n <= degree; n += 2) {
            sum += h[n] * pn[n] / (n * (n + 1.0) * p.diffusivity() + p.olrSlope());
        }
        return (p.olrIntercept() + p.olrSlope() * freezingTemperature) / (p.olrSlope() * sum);
    }

    /** Q(x_s) of {@link #insolationHoldingIceLine} for a parameter set and ice line, at {@link #DEFAULT_DEGREE}. */
    public static double insolationHoldingIceLine(EbmParameters p, double iceLine, double freezingTemperature) {
        return withIceLine(p, iceLine).insolationHoldingIceLine(freezingTemperature);
    }

    // ---- numerics ----

    /** P_0(x) .. P_n(x) by the three-term recurrence. */
    static double[] legendre(int n, double x) {
        double[] pn = new double[n + 1];
        pn[0] = 1.0;
        if (n >= 1) {
            pn[1] = x;
        }
        for (int k = 1; k < n; k++) {
            pn[k + 1] = ((2.0 * k + 1.0) * x * pn[k] - k * pn[k - 1]) / (k + 1.0);
        }
        return pn;
    }

    private static double[] coefficientsH(EbmParameters p, double xs, int degree) {
        int m = degree / 2 + 4;
        double[][] gauss = gaussLegendre(m);
        double[] h = new double[degree + 1];
        accumulate(h, p, 0.0, xs, false, gauss);
        accumulate(h, p, xs, 1.0, true, gauss);
        for (int n = 0; n <= degree; n++) {
            h[n] = n % 2 == 0 ? (2.0 * n + 1.0) * h[n] : 0.0;
        }
        return h;
    }

    /** Adds {@code ∫_a^b P_n(x) s(x) a(x) dx} to {@code h[n]} for every n. */
    private static void accumulate(double[] h, EbmParameters p, double a, double b, boolean ice, double[][] gauss) {
        if (b <= a) {
            return;
        }
        double half = 0.5 * (b - a);
        double mid = 0.5 * (a + b);
        int degree = h.length - 1;
        for (int j = 0; j < gauss[0].length; j++) {
            double x = mid + half * gauss[0][j];
            double w = half * gauss[1][j];
            double p2 = 1.5 * x * x - 0.5;
            double s = 1.0 + p.insolationP2() * p2;
            double coAlbedo = ice ? p.iceCoAlbedo() : p.coAlbedo0() + p.coAlbedo2() * p2;
            double g = w * s * coAlbedo;
            double[] pn = legendre(degree, x);
            for (int n = 0; n <= degree; n++) {
                h[n] += g * pn[n];
            }
        }
    }

    /** Nodes and weights of m-point Gauss-Legendre quadrature on [-1, 1] (Newton on P_m). */
    static double[][] gaussLegendre(int m) {
        double[] x = new double[m];
        double[] w = new double[m];
        for (int i = 0; i < (m + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (m + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1.0;
                double p1 = 0.0;
                for (int k = 1; k <= m; k++) {
                    double p2 = p1;
                    p1 = p0;
                    p0 = ((2.0 * k - 1.0) * z * p1 - (k - 1.0) * p2) / k;
                }
                derivative = m * (z * p0 - p1) / (z * z - 1.0);
                double dz = p0 / derivative;
                z -= dz;
                if (Math.abs(dz) < 1e-15) {
                    break;
                }
            }
            x[i] = -z;
            x[m - 1 - i] = z;
            w[i] = 2.0 / ((1.0 - z * z) * derivative * derivative);
            w[m - 1 - i] = w[i];
        }
        return new double[][] {x, w};
    }
}
