package org.ferrel.hybrid.lorenz96;

/**
 * A parameterization of the coupling term of the two-scale Lorenz-96 system as a function of the
 * slow variables: {@code U_k ~ closure(X)_k}.
 */
public interface Closure {
    /** A short name for tables and figures. */
    String name();

    /** Writes the parameterized coupling {@code u} for slow variables {@code x}. */
    void coupling(double[] x, double[] u);

    /** No closure: {@code U = 0}, the truncated model. */
    Closure NONE = new Closure() {
        @Override
        public String name() {
            return "no closure";
        }

        @Override
        public void coupling(double[] x, double[] u) {
            java.util.Arrays.fill(u, 0.0);
        }
    };
}
