package org.ferrel.calibration.campaign;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ferrel.dycore.model.Prior;
import org.ferrel.io.scenario.ObservedLevel;
import org.ferrel.io.scenario.Scenario;

/**
 * A calibration campaign as read from a YAML campaign file by {@link CampaignFile}: which model
 * (a scenario), which parameters, which observations, which optimizer.
 *
 * @param name         names the output folder
 * @param origin       the campaign file, for messages
 * @param text         the campaign file's text (its digest guards --resume)
 * @param scenario     the model's scenario (grid, dynamics, terms — parameterizations included —, initial state, run length)
 * @param parameters   the parameters to fit, by name, in order
 * @param priors       priors replacing the declared ones, by parameter name
 * @param window       the observed mean covers the last {@code window} seconds of the run
 * @param observations the observation sets
 * @param optimizer    the method and its settings
 * @param checkpoints  snapshots of the binomial checkpoint schedule of adjoint runs
 * @param lines        line of each dotted key, for errors found after parsing
 */
public record Campaign(String name, String origin, String text, Scenario scenario,
                       List<String> parameters, Map<String, Prior> priors, double window, List<ObservationSpec> observations,
                       OptimizerSpec optimizer, int checkpoints, Map<String, Integer> lines) {

    public Campaign {
        parameters = List.copyOf(parameters);
        priors = Map.copyOf(priors);
        observations = List.copyOf(observations);
        lines = Map.copyOf(lines);
    }

    public int line(String key) {
        return lines.getOrDefault(key, 0);
    }

    /**
     * One set of gridded observations.
     *
     * @param name      label
     * @param file      NetCDF file (resolved against the campaign file's folder)
     * @param variable  the file's variable
     * @param field     the model field it observes (one of its family's observable fields)
     * @param level     the level of the field (a sigma or pressure level), or {@link ObservedLevel#NONE}
     * @param selection fixed indices of other dimensions by coordinate value (e.g. level = 500, month = 1)
     * @param error     observation error standard deviation, in the field's units
     * @param stride    take every stride-th latitude and longitude
     * @param operator  how the model field maps to the observations: bilinear (interpolation to the points),
     *                  conservative (area-weighted means over the observation cells) or zonal-mean (the
     *                  observations' zonal means against the model's, per observed latitude)
     * @param month     a calendar month, 1 to 12: the file's records of that month against the model's mean over
     *                  the steps of that month within the window; 0: all records against the whole window
     * @param errorVariable the file's variable of per-point error standard deviations (same grid and records;
     *                  averaged like the values), or null for {@code error} at every point
     */
    public record ObservationSpec(String name, Path file, String variable, String field, ObservedLevel level,
                                  Map<String, Double> selection, double error, int stride, String operator, int month,
                                  String errorVariable) {
    }

    /**
     * @param method        lbfgs, levenberg-marquardt, gauss-newton, gauss-newton-cg or eki
     * @param maxIterations iteration limit
     * @param ensembleSize  members (eki)
     * @param seed          random seed (eki)
     * @param threads       threads running ensemble members (eki)
     * @param adaptiveStep  steps by the data-misfit controller of Iglesias &amp; Yang 2021 (eki)
     */
    public record OptimizerSpec(String method, int maxIterations, int ensembleSize, long seed, int threads,
                                boolean adaptiveStep) {
        public OptimizerSpec(String method, int maxIterations, int ensembleSize, long seed, int threads) {
            this(method, maxIterations, ensembleSize, seed, threads, false);
        }
    }
}
