package org.ferrel.gpu.opencl;

/**
 * The gradient of a cost of a whole run with respect to the initial state and the parameters.
 *
 * @param cost       the cost J
 * @param h          dJ/dh(0) [ny * nx]
 * @param u          dJ/du(0)
 * @param v          dJ/dv(0)
 * @param gravity    dJ/dg
 * @param topography dJ/db [ny * nx]
 */
public record RunGradient(double cost, double[] h, double[] u, double[] v, double gravity, double[] topography) {
}
