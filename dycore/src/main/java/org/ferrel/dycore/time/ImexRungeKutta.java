package org.ferrel.dycore.time;

import java.util.Arrays;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.StateVector;

/**
 * An implicit-explicit Runge-Kutta scheme given by its pair of Butcher tableaux (Ascher, Ruuth and
 * Spiteri 1997), in the form of dinosaur's {@code imex_runge_kutta}: the first stage is the state,
 * and stage i (i &gt; 0) solves
 * <pre>
 *   Y_i = x + dt sum_{j&lt;i} aEx[i][j] F(Y_j) + dt sum_{j&lt;i} aIm[i][j] G(Y_j) + dt aIm[i][i] G(Y_i)
 * </pre>
 * with the equation's implicit inverse; then
 * {@code x(n+1) = x + dt sum_j bEx[j] F(Y_j) + dt sum_j bIm[j] G(Y_j)}. When the weights are the last
 * rows of the tableaux (and {@code bEx} ends in 0, "stiffly accurate") the last stage is the new
 * state and its terms are never evaluated. Terms no later stage reads are not evaluated either.
 *
 * <p>Stability limits are those of the explicit tableau, {@code R(z) = 1 + z bEx^T (I - z aEx)^-1 1},
 * found numerically along each axis.
 *
 * @param name     the scheme's name
 * @param aEx      explicit coefficients, s x s, zero on and above the diagonal
 * @param aIm      implicit coefficients, s x s, zero above the diagonal and in the first row
 * @param bEx      explicit weights (s)
 * @param bIm      implicit weights (s)
 */
public record ImexRungeKutta(String name, double[][] aEx, double[][] aIm, double[] bEx, double[] bIm)
        implements ImexIntegrator {

    public ImexRungeKutta {
        int s = bEx.length;
        if (s < 2 || aEx.length != s || aIm.length != s || bIm.length != s) {
            throw new IllegalArgumentException(name + ": tableaux must be s x s with s weights each, s >= 2");
        }
        for (int i = 0; i < s; i++) {
            if (aEx[i].length != s || aIm[i].length != s) {
                throw new IllegalArgumentException(name + ": row " + i + " of a tableau does not have " + s + " entries");
            }
            boolean anyExplicit = false;
            for (int j = 0; j < s; j++) {
                if ((j >= i && aEx[i][j] != 0) || (j > i && aIm[i][j] != 0) || (i == 0 && aIm[0][j] != 0)) {
                    throw new IllegalArgumentException(name + ": coefficient (" + i + ", " + j
                            + ") must be zero (explicit strictly lower, implicit lower with an explicit first stage)");
                }
                anyExplicit |= aEx[i][j] != 0;
            }
            if (i > 0 && !anyExplicit) {
                throw new IllegalArgumentException(name + ": stage " + i + " has no explicit coefficient");
            }
        }
        aEx = deepCopy(aEx);
        aIm = deepCopy(aIm);
        bEx = bEx.clone();
        bIm = bIm.clone();
    }

    /**
     * The semi-implicit scheme SIL3 of Whitaker and Kar (2013, Mon. Wea. Rev. 141, 3426-3434, eq. 3),
     * dinosaur's {@code imex_rk_sil3}: four stages, three evaluations of the explicit terms and three
     * implicit solves per step (with step sizes dt/6, dt/3, dt/4); third order on the explicit part
     * for linear problems (its stability polynomial is {@code 1 + z + z^2/2 + z^3/6}), second order
     * overall; stiffly accurate.
     */
    public static ImexRungeKutta sil3() {
        return new ImexRungeKutta("imex-sil3",
                new double[][] {{0, 0, 0, 0}, {1.0 / 3, 0, 0, 0}, {1.0 / 6, 1.0 / 2, 0, 0}, {1.0 / 2, -1.0 / 2, 1, 0}},
                new double[][] {{0, 0, 0, 0}, {1.0 / 6, 1.0 / 6, 0, 0}, {1.0 / 3, 0, 1.0 / 3, 0},
                    {3.0 / 8, 0, 3.0 / 8, 1.0 / 4}},
                new double[] {1.0 / 2, -1.0 / 2, 1, 0},
                new double[] {3.0 / 8, 0, 3.0 / 8, 1.0 / 4});
    }

    @Override
    public double[][] aEx() {
        return deepCopy(aEx);
    }

    @Override
    public double[][] aIm() {
        return deepCopy(aIm);
    }

    @Override
    public double[] bEx() {
        return bEx.clone();
    }

    @Override
    public double[] bIm() {
        return bIm.clone();
    }

    @Override
    public <S extends StateVector<S>> S step(Ops o, ImexEquation<S> equation, S x, double dt) {
        return advance(o, equation::explicitTerms, equation, x, dt);
    }

    /** The explicit tableau alone on a plain tendency. */
    @Override
    public <S extends StateVector<S>> S step(Ops o, Tendency<S> f, S x, double dt) {
        return advance(o, f, null, x, dt);
    }

    private <S extends StateVector<S>> S advance(Ops o, Tendency<S> explicit, ImexEquation<S> implicit, S x, double dt) {
        int s = bEx.length;
        boolean stifflyAccurate = isStifflyAccurate();
        Object[] stage = new Object[s];
        Object[] f = new Object[s];
        Object[] g = new Object[s];
        stage[0] = x;
        for (int i = 0; i < s; i++) {
            if (i > 0) {
                S star = stageSum(o, x, aEx[i], aIm[i], f, g, i, dt, implicit != null);
                if (implicit != null && aIm[i][i] != 0) {
                    stage[i] = implicit.implicitInverse(o, star, dt * aIm[i][i]);
                    StateVector.recycle(o, star);
                } else {
                    stage[i] = star;
                }
            }
            @SuppressWarnings("unchecked")
            S y = (S) stage[i];
            if (read(aEx, bEx, i, stifflyAccurate)) {
                f[i] = explicit.apply(o, y);
            }
            if (implicit != null && read(aIm, bIm, i, stifflyAccurate)) {
                g[i] = implicit.implicitTerms(o, y);
            }
        }
        @SuppressWarnings("unchecked")
        S next = stifflyAccurate ? (S) stage[s - 1] : stageSum(o, x, bEx, bIm, f, g, s, dt, implicit != null);
        for (int i = 0; i < s; i++) {
            recycleUnlessNext(o, f[i], next);
            recycleUnlessNext(o, g[i], next);
            if (i > 0) {
                recycleUnlessNext(o, stage[i], next);
            }
        }
        return next;
    }

    @SuppressWarnings("unchecked")
    private static <S extends StateVector<S>> void recycleUnlessNext(Ops o, Object state, S next) {
        if (state != null && state != next) {
            StateVector.recycle(o, (S) state);
        }
    }

    /** Whether a later stage (or the final sum) reads the terms of stage i. */
    private static boolean read(double[][] a, double[] b, int i, boolean stifflyAccurate) {
        for (int k = i + 1; k < a.length; k++) {
            if (a[k][i] != 0) {
                return true;
            }
        }
        return !stifflyAccurate && b[i] != 0;
    }

    private boolean isStifflyAccurate() {
        int last = bEx.length - 1;
        return bEx[last] == 0 && Arrays.equals(bEx, aEx[last]) && Arrays.equals(bIm, aIm[last]);
    }

    /** {@code x + dt sum_{j<count} (ex[j] f_j + im[j] g_j)}, in passes of up to four tensors per field. */
    @SuppressWarnings("unchecked")
    private static <S extends StateVector<S>> S stageSum(Ops o, S x, double[] ex, double[] im, Object[] f, Object[] g,
                                                         int count, double dt, boolean withImplicit) {
        int terms = 0;
        double[] c = new double[2 * count];
        Tensor[][] fields = new Tensor[2 * count][];
        for (int j = 0; j < count; j++) {
            if (ex[j] != 0) {
                c[terms] = dt * ex[j];
                fields[terms++] = ((S) f[j]).toArray();
            }
            if (withImplicit && im[j] != 0) {
                c[terms] = dt * im[j];
                fields[terms++] = ((S) g[j]).toArray();
            }
        }
        Tensor[] acc = x.toArray();
        boolean accIsOurs = false;
        for (int from = 0; from < terms; from += 3) {
            int n = Math.min(3, terms - from);
            Tensor[] sum = new Tensor[acc.length];
            for (int field = 0; field < acc.length; field++) {
                if (n == 1) {
                    sum[field] = o.addScaled(acc[field], fields[from][field], c[from]);
                    continue;
                }
                double[] k = new double[n + 1];
                Tensor[] t = new Tensor[n + 1];
                k[0] = 1.0;
                t[0] = acc[field];
                for (int m = 0; m < n; m++) {
                    k[m + 1] = c[from + m];
                    t[m + 1] = fields[from + m][field];
                }
                sum[field] = o.linearCombination(k, t);
            }
            if (accIsOurs) {
                o.recycle(acc);
            }
            acc = sum;
            accIsOurs = true;
        }
        return x.withFields(acc);
    }

    /** The largest |omega dt| on the imaginary axis with |R(i omega dt)| <= 1 for the explicit tableau. */
    @Override
    public double imaginaryAxisLimit() {
        return ExplicitStability.imaginaryAxisLimit(aEx, bEx);
    }

    /** The largest lambda dt on the negative real axis with |R(-lambda dt)| <= 1 for the explicit tableau. */
    @Override
    public double realAxisLimit() {
        return ExplicitStability.realAxisLimit(aEx, bEx);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].clone();
        }
        return r;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImexRungeKutta r && name.equals(r.name) && Arrays.deepEquals(aEx, r.aEx)
                && Arrays.deepEquals(aIm, r.aIm) && Arrays.equals(bEx, r.bEx) && Arrays.equals(bIm, r.bIm);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.deepHashCode(aEx);
    }

    @Override
    public String toString() {
        return name;
    }
}
