/**
 * Observations for the energy balance model of {@code org.ferrel.physics.ebm}, and its side of the
 * calibration seam: annual-mean zonal means of the NCEP/NCAR Reanalysis 1 climatologies
 * ({@link org.ferrel.calibration.ebm.NcepClimatology}) averaged onto the model's cells
 * ({@link org.ferrel.calibration.ebm.EbmObservations}), the direct least-squares fit of
 * {@code OLR = A + B T} ({@link org.ferrel.calibration.ebm.OlrRegression}), and the whitened misfit
 * of the model's steady state as a {@link org.ferrel.calibration.optim.LeastSquaresProblem}
 * ({@link org.ferrel.calibration.ebm.EbmCalibrationProblem}). See docs/ebm.md.
 */
package org.ferrel.calibration.ebm;
