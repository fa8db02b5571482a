package org.ferrel.calibration.ebm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.ferrel.calibration.optim.FitResult;
import org.ferrel.calibration.optim.HipparchusLeastSquares;
import org.ferrel.calibration.optim.LaplaceApproximation;
import org.ferrel.calibration.optim.PosteriorUncertainty;
import org.ferrel.physics.ebm.EbmGrid;
import org.ferrel.physics.ebm.EbmParameters;
import org.ferrel.physics.ebm.EnergyBalanceModel;
import org.junit.jupiter.api.Test;

/**
 * The energy balance model calibrated against the NCEP reanalysis climatologies (annual zonal
 * means of surface air temperature, OLR and absorbed short-wave radiation, committed as CSV): A, B,
 * D and the co-albedo coefficients fitted with Levenberg-Marquardt from North's (1975) values, with
 * Laplace standard deviations, against North (1975) and the direct regression of OLR on temperature.
 */
class EbmReanalysisCalibrationTest {

    @Test
    void fitsOlrDiffusionAndAlbedoToTheReanalysis() {
        EnergyBalanceModel model = EnergyBalanceModel.north(90);
        EbmObservations obs = EbmTestData.climatology().onGrid(EbmGrid.hemisphere(90), NcepClimatology.Temperature.SURFACE_AIR);
        List<String> free = List.of(EbmParameters.OLR_INTERCEPT, EbmParameters.OLR_SLOPE, EbmParameters.DIFFUSIVITY,
                EbmParameters.CO_ALBEDO_0, EbmParameters.CO_ALBEDO_2, EbmParameters.ICE_CO_ALBEDO);
        EbmCalibrationProblem p = new EbmCalibrationProblem(model, obs, EbmCalibrationProblem.ObservationErrors.defaults(),
                EbmParameters.NORTH_1975, free);
        double[] start = p.theta(EbmParameters.NORTH_1975);
        FitResult fit = HipparchusLeastSquares.levenbergMarquardt().minimize(p, start);
        PosteriorUncertainty u = LaplaceApproximation.at(p, fit.theta());
        OlrRegression.Fit direct = OlrRegression.cells(obs);
        System.out.printf(Locale.ROOT, "ebm fit: %s after %d iterations, %s; cost %.4g (prior %.4g)%n", fit.stopReason(),
                fit.iterations(), fit.counts(), fit.cost().total(), fit.cost().prior());
        for (int i = 0; i < free.size(); i++) {
            System.out.printf(Locale.ROOT, "ebm fit: %-18s North 1975 %8.4g   fitted %8.4g +- %.2g%n", p.parameterNames().get(i),
                    start[i], fit.theta()[i], u.standardDeviations()[i]);
        }
        System.out.println("ebm fit: correlation(A, B) = " + String.format(Locale.ROOT, "%.3f", u.correlation()[0][1]));
        System.out.println("ebm fit: direct regression " + direct);
        assertTrue(fit.converged(), fit.message());
        double a = fit.theta()[0];
        double b = fit.theta()[1];
        // the fitted outgoing long-wave line agrees with the direct regression on the same cells within 3 sd of the fit
        assertTrue(Math.abs(b - direct.slope()) < 3 * u.standardDeviations()[1] + 3 * direct.slopeError(),
                "B " + b + " against the regression's " + direct.slope());
        assertTrue(Math.abs(a - direct.intercept()) < 3 * u.standardDeviations()[0] + 3 * direct.interceptError(),
                "A " + a + " against the regression's " + direct.intercept());
        for (double sd : u.standardDeviations()) {
            assertTrue(sd > 0 && Double.isFinite(sd));
        }
    }
}
