/**
 * Calibration: cost functions (observation misfit plus prior), differentiable observation operators,
 * optimizers (bounded L-BFGS with adjoint gradients, Gauss-Newton/Levenberg-Marquardt with JVPs and
 * VJPs, ensemble Kalman inversion), Laplace uncertainty, campaigns.
 */
package org.ferrel.calibration;
