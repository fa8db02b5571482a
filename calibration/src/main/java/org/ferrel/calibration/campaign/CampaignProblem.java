package org.ferrel.calibration.campaign;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ferrel.calibration.optim.LeastSquaresProblem;

/**
 * A campaign's calibration problem as its model family built it, with what the report needs of it:
 * {@link CampaignRunner} fits {@link #problem()} and writes {@code report.json}, {@code fitted.nc} and
 * {@code fitted-scenario.yaml} through these methods, for any family. Time-stepping families get
 * {@link CampaignRunner.Prepared} (time means of a run); a steady family provides its own through
 * {@link CalibratedFamily}.
 */
public interface CampaignProblem {

    /** The campaign it was built from. */
    Campaign campaign();

    /** What the optimizer fits (residuals whitened by the observation errors, bounds and priors). */
    LeastSquaresProblem problem();

    /** The free parameters' start values (the scenario's values). */
    double[] start();

    /** What one forward run is, for the log (e.g. "480 steps per run (mean over the last 240)"). */
    String runDescription();

    /** The observation sets, in the campaign's order (missing values dropped). */
    List<ObservedSet> sets();

    /** The model's equivalents of every set and the fields written to {@code fitted.nc}, at θ (one forward run). */
    Evaluation evaluate(double[] theta);

    /** Writes the fields of the start and of the fit, CF-1.8, with these global attributes. */
    void writeFields(Path file, Evaluation start, Evaluation fit, Map<String, String> attributes) throws IOException;

    /** Every model parameter's values at θ (the fitted ones put in), by name, in the model's order. */
    Map<String, double[]> parameterValues(double[] theta);

    /** Whether a model parameter is a scalar (written as a number in fitted-scenario.yaml, else as a list). */
    boolean isScalar(String parameter);

    /**
     * One observation set as the report shows it.
     *
     * @param name              the set's label
     * @param field             the observed model field (with its level)
     * @param units             the field's units, those of the values
     * @param operator          how the model field maps to the observations, in words
     * @param dropped           observed values dropped as missing
     * @param values            the observed values kept
     * @param zonalMeanBaseline the zonal mean of the observations at each kept value (the RMSE a zonal climatology reaches)
     */
    record ObservedSet(String name, String field, String units, String operator, int dropped, double[] values,
                       double[] zonalMeanBaseline) {
    }

    /**
     * The model at one θ.
     *
     * @param equivalents the model's value of each observation, per set
     * @param fields      the fields written to {@code fitted.nc}, as {@link #writeFields} knows them
     */
    record Evaluation(List<double[]> equivalents, List<double[]> fields) {
    }
}
