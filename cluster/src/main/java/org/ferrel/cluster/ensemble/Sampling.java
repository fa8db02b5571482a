package org.ferrel.cluster.ensemble;

import java.io.Serializable;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How an ensemble's parameter values are chosen. Every sampling is deterministic: member i's values
 * depend only on the seed, i and the design (the number of members for a Latin hypercube, which
 * pairs strata across members), never on where or in which order members run.
 */
public sealed interface Sampling extends Serializable {

    /** The varied parameters, in order. */
    List<ParameterRange> parameters();

    /** The number of members the design has ({@code requested} unless the design fixes it). */
    int memberCount(int requested);

    /** Member {@code i}'s values, in the order of {@link #parameters()}. */
    double[] values(int i, int members, long seed);

    /** Nothing varies (an ensemble of perturbed initial states only). */
    record None() implements Sampling {
        @Override
        public List<ParameterRange> parameters() {
            return List.of();
        }

        @Override
        public int memberCount(int requested) {
            return requested;
        }

        @Override
        public double[] values(int i, int members, long seed) {
            return new double[0];
        }
    }

    /**
     * Independent draws from each parameter's Gaussian prior, truncated to its bounds (redrawn until
     * inside), from a {@link SplittableRandom} seeded by {@link Seeds#of(long, int, int)} of (seed, i, parameter).
     */
    record Prior(List<ParameterRange> parameters) implements Sampling {
        public Prior {
            parameters = List.copyOf(parameters);
        }

        @Override
        public int memberCount(int requested) {
            return requested;
        }

        @Override
        public double[] values(int i, int members, long seed) {
            double[] v = new double[parameters.size()];
            for (int d = 0; d < v.length; d++) {
                ParameterRange p = parameters.get(d);
                SplittableRandom random = new SplittableRandom(Seeds.of(seed, i, d));
                double x;
                int tries = 0;
                do {
                    x = p.mean() + p.spread() * random.nextGaussian();
                    tries++;
                } while ((x < p.min() || x > p.max()) && tries < 10_000);
                v[d] = Math.clamp(x, p.min(), p.max());
            }
            return v;
        }
    }

    /**
     * A Latin hypercube (McKay, Beckman &amp; Conover 1979): each parameter's range is cut into
     * {@code N} equal strata and every stratum holds exactly one member. Parameter d's strata are
     * assigned by a permutation drawn from (seed, d); member i's position inside its stratum is
     * drawn from (seed, i, d).
     */
    record LatinHypercube(List<ParameterRange> parameters) implements Sampling {
        public LatinHypercube {
            parameters = List.copyOf(parameters);
        }

        @Override
        public int memberCount(int requested) {
            return requested;
        }

        @Override
        public double[] values(int i, int members, long seed) {
            double[] v = new double[parameters.size()];
            for (int d = 0; d < v.length; d++) {
                int stratum = permutation(members, Seeds.of(seed, -1, d))[i];
                double u = new SplittableRandom(Seeds.of(seed, i, d)).nextDouble();
                v[d] = parameters.get(d).at((stratum + u) / members);
            }
            return v;
        }

        /** A Fisher-Yates shuffle of 0..n-1. */
        static int[] permutation(int n, long seed) {
            int[] p = new int[n];
            for (int k = 0; k < n; k++) {
                p[k] = k;
            }
            SplittableRandom random = new SplittableRandom(seed);
            for (int k = n - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int t = p[k];
                p[k] = p[j];
                p[j] = t;
            }
            return p;
        }
    }

    /**
     * Every combination of evenly spaced values ({@code count} per parameter, ends included; one
     * value: the midpoint), the first parameter varying slowest. The seed is not used.
     */
    record Grid(List<ParameterRange> parameters) implements Sampling {
        public Grid {
            parameters = List.copyOf(parameters);
        }

        @Override
        public int memberCount(int requested) {
            long n = 1;
            for (ParameterRange p : parameters) {
                n *= p.count();
            }
            return (int) Math.min(n, Integer.MAX_VALUE);
        }

        @Override
        public double[] values(int i, int members, long seed) {
            double[] v = new double[parameters.size()];
            int rest = i;
            for (int d = v.length - 1; d >= 0; d--) {
                ParameterRange p = parameters.get(d);
                int k = rest % p.count();
                rest /= p.count();
                v[d] = p.count() == 1 ? p.at(0.5) : p.at((double) k / (p.count() - 1));
            }
            return v;
        }
    }
}
