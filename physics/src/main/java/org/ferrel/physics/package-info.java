/**
 * Parameterizations: differentiable tendency terms that declare their free parameters with units,
 * bounds and priors, so that calibration finds them by name; and the one-dimensional energy balance
 * model (North 1975).
 */
package org.ferrel.physics;
