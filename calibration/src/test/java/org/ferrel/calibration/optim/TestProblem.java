package org.ferrel.calibration.optim;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * An analytic {@link LeastSquaresProblem} for tests: residuals and a dense Jacobian as functions,
 * JVP and VJP from the Jacobian. Unbounded, without prior and with unit typical scales unless set.
 */
record TestProblem(List<String> parameterNames, int residualCount, double[] lower, double[] upper, double[] priorMean,
                   double[] priorSpread, double[] typicalScale, Function<double[], double[]> residualFunction,
                   Function<double[], double[][]> jacobianFunction) implements LeastSquaresProblem {

    static TestProblem of(List<String> names, int residualCount, Function<double[], double[]> residuals,
                          Function<double[], double[][]> jacobian) {
        int n = names.size();
        return new TestProblem(names, residualCount, filled(n, Double.NEGATIVE_INFINITY), filled(n, Double.POSITIVE_INFINITY),
                filled(n, Double.NaN), filled(n, Double.POSITIVE_INFINITY), filled(n, 1), residuals, jacobian);
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    TestProblem withBounds(double[] lo, double[] hi) {
        return new TestProblem(parameterNames, residualCount, lo, hi, priorMean, priorSpread, typicalScale,
                residualFunction, jacobianFunction);
    }

    TestProblem withPrior(double[] mean, double[] spread) {
        return new TestProblem(parameterNames, residualCount, lower, upper, mean, spread, typicalScale,
                residualFunction, jacobianFunction);
    }

    TestProblem withTypicalScale(double[] scale) {
        return new TestProblem(parameterNames, residualCount, lower, upper, priorMean, priorSpread, scale,
                residualFunction, jacobianFunction);
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public double[] priorMean() {
        return priorMean.clone();
    }

    @Override
    public double[] priorSpread() {
        return priorSpread.clone();
    }

    @Override
    public double[] typicalScale() {
        return typicalScale.clone();
    }

    @Override
    public double[] residuals(double[] theta) {
        return residualFunction.apply(theta.clone());
    }

    @Override
    public double[] jvp(double[] theta, double[] v) {
        double[][] j = jacobianFunction.apply(theta.clone());
        double[] out = new double[residualCount];
        for (int i = 0; i < residualCount; i++) {
            for (int k = 0; k < v.length; k++) {
                out[i] += j[i][k] * v[k];
            }
        }
        return out;
    }

    @Override
    public double[] vjp(double[] theta, double[] w) {
        double[][] j = jacobianFunction.apply(theta.clone());
        double[] out = new double[parameterNames.size()];
        for (int i = 0; i < residualCount; i++) {
            for (int k = 0; k < out.length; k++) {
                out[k] += j[i][k] * w[i];
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ the problems

    /**
     * A linear Gaussian problem in a drag rate a [1/s] and a time scale b [s], posterior known by
     * hand. With u = 1e6·a, v = 1e-6·b the whitened residuals are r = (u - 1, u + v - 2, v - 3) and
     * the prior is u, v ~ N(0, 1): the posterior precision is AᵀA + I = [[3, 1], [1, 3]], its inverse
     * [[3, -1], [-1, 3]]/8, the mean (AᵀA + I)⁻¹Aᵀy = [[3, -1], [-1, 3]](3, 5)/8 = (0.5, 1.5). So
     * θ̂ = (5e-7 1/s, 1.5e6 s), var(a) = 3/8·1e-12, var(b) = 3/8·1e12, cov(a, b) = -1/8, corr = -1/3,
     * and the cost there is misfit ½(0.25 + 0 + 2.25) = 1.25 plus prior ½(0.25 + 2.25) = 1.25.
     */
    static TestProblem linearGaussian() {
        return of(List.of("dragRate", "timeScale"), 3,
                t -> {
                    double u = 1e6 * t[0];
                    double v = 1e-6 * t[1];
                    return new double[] {u - 1, u + v - 2, v - 3};
                },
                t -> new double[][] {{1e6, 0}, {1e6, 1e-6}, {0, 1e-6}})
                .withPrior(new double[] {0, 0}, new double[] {1e-6, 1e6})
                .withTypicalScale(new double[] {1e-6, 1e6});
    }

    /** Rosenbrock's function as least squares, r = (10(y - x²), 1 - x): minimum 0 at (1, 1). */
    static TestProblem rosenbrock() {
        return of(List.of("x", "y"), 2,
                t -> new double[] {10 * (t[1] - t[0] * t[0]), 1 - t[0]},
                t -> new double[][] {{-20 * t[0], 10}, {-1, 0}});
    }

    /**
     * A badly scaled fit: c·exp(-k t) observed at t = 0, 2e5, ..., 2e6 s with σ = 1e3, truth
     * k = 2e-6 1/s, c = 3e6; typical scales 1e-6 and 1e6, k, c > 0.
     */
    static TestProblem decay() {
        int m = 11;
        double sigma = 1e3;
        double kTrue = 2e-6;
        double cTrue = 3e6;
        double[] t = new double[m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            t[i] = 2e5 * i;
            y[i] = cTrue * Math.exp(-kTrue * t[i]);
        }
        return of(List.of("decayRate", "amplitude"), m,
                p -> {
                    double[] r = new double[m];
                    for (int i = 0; i < m; i++) {
                        r[i] = (p[1] * Math.exp(-p[0] * t[i]) - y[i]) / sigma;
                    }
                    return r;
                },
                p -> {
                    double[][] j = new double[m][2];
                    for (int i = 0; i < m; i++) {
                        double e = Math.exp(-p[0] * t[i]);
                        j[i][0] = -p[1] * t[i] * e / sigma;
                        j[i][1] = e / sigma;
                    }
                    return j;
                })
                .withBounds(new double[] {0, 0}, new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY})
                .withTypicalScale(new double[] {1e-6, 1e6});
    }

    /**
     * r = (x³ - 1, y³ - 8), minimum 0 at (1, 2); the run returns NaN for x > 1.5 and throws a
     * {@link LeastSquaresProblem.ModelFailure} for y > 3 (residuals, JVP and VJP alike).
     */
    static TestProblem failingCubic() {
        return of(List.of("x", "y"), 2,
                t -> {
                    check(t);
                    if (t[0] > 1.5) {
                        return new double[] {Double.NaN, Double.NaN};
                    }
                    return new double[] {t[0] * t[0] * t[0] - 1, t[1] * t[1] * t[1] - 8};
                },
                t -> {
                    check(t);
                    if (t[0] > 1.5) {
                        return new double[][] {{Double.NaN, Double.NaN}, {Double.NaN, Double.NaN}};
                    }
                    return new double[][] {{3 * t[0] * t[0], 0}, {0, 3 * t[1] * t[1]}};
                });
    }

    private static void check(double[] t) {
        if (t[1] > 3) {
            throw new ModelFailure("blew up at step 17: y = " + t[1] + " > 3", null);
        }
    }

    /** A dense linear problem r = A θ - y with a diagonal prior (some infinite), for reference algebra. */
    static TestProblem linear(double[][] a, double[] y, double[] priorMean, double[] priorSpread, double[] scale) {
        int m = a.length;
        int n = a[0].length;
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("p" + i);
        }
        return of(names, m,
                t -> {
                    double[] r = new double[m];
                    for (int i = 0; i < m; i++) {
                        r[i] = -y[i];
                        for (int k = 0; k < n; k++) {
                            r[i] += a[i][k] * t[k];
                        }
                    }
                    return r;
                },
                t -> a)
                .withPrior(priorMean, priorSpread)
                .withTypicalScale(scale);
    }
}
