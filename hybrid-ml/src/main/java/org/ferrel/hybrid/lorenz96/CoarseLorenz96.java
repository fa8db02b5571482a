package org.ferrel.hybrid.lorenz96;

/**
 * The coarse (hybrid) model: the slow variables alone with the coupling replaced by a closure,
 * {@code dX/dt = resolved(X) + closure(X)}, stepped by classical RK4.
 *
 * @param system  the two-scale system whose slow part this is
 * @param closure the coupling's parameterization
 */
public record CoarseLorenz96(TwoScaleLorenz96 system, Closure closure) {

    /** dX/dt. */
    public void tendency(double[] x, double[] dx) {
        double[] u = new double[x.length];
        system.resolvedTendency(x, dx);
        closure.coupling(x, u);
        for (int i = 0; i < x.length; i++) {
            dx[i] += u[i];
        }
    }

    /** One RK4 step, in place. */
    public void step(double[] x, double dt) {
        int k = x.length;
        double[][] s = new double[4][k];
        double[] xs = new double[k];
        double[] weights = {0, 0.5, 0.5, 1};
        for (int stage = 0; stage < 4; stage++) {
            for (int i = 0; i < k; i++) {
                xs[i] = stage == 0 ? x[i] : x[i] + weights[stage] * dt * s[stage - 1][i];
            }
            tendency(xs, s[stage]);
        }
        for (int i = 0; i < k; i++) {
            x[i] += dt / 6 * (s[0][i] + 2 * s[1][i] + 2 * s[2][i] + s[3][i]);
        }
    }
}
