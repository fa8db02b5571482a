package org.ferrel.cluster.ensemble;

import java.io.Serializable;

/**
 * What an ensemble varies of one scalar model parameter: a range {@code [min, max]} (Latin
 * hypercube, grid sweep) with the number of grid points, or a Gaussian prior (prior sampling),
 * truncated to the parameter's bounds {@code [lower, upper]}.
 *
 * @param name   the model parameter's name, e.g. {@code drag.rate}
 * @param min    lowest value of the range (the lower bound for prior sampling)
 * @param max    highest value of the range (the upper bound for prior sampling)
 * @param count  grid points of a sweep (1: the midpoint), 0 for other samplings
 * @param mean   prior mean (NaN unless prior sampling)
 * @param spread prior standard deviation (NaN unless prior sampling)
 */
public record ParameterRange(String name, double min, double max, int count, double mean, double spread) implements Serializable {
    public ParameterRange {
        if (!(min < max)) {
            throw new IllegalArgumentException(name + ": expected min < max, got " + min + ", " + max);
        }
    }

    /** A range for a Latin hypercube. */
    public static ParameterRange range(String name, double min, double max) {
        return new ParameterRange(name, min, max, 0, Double.NaN, Double.NaN);
    }

    /** A range of {@code count} evenly spaced values for a grid sweep. */
    public static ParameterRange grid(String name, double min, double max, int count) {
        return new ParameterRange(name, min, max, count, Double.NaN, Double.NaN);
    }

    /** A Gaussian prior truncated to {@code [lower, upper]}. */
    public static ParameterRange prior(String name, double mean, double spread, double lower, double upper) {
        return new ParameterRange(name, lower, upper, 0, mean, spread);
    }

    /** The value at a fraction {@code u ∈ [0, 1]} of the range. */
    public double at(double u) {
        return min + u * (max - min);
    }
}
