package org.ferrel.calibration.campaign;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.calibration.observe.ConservativeRegridding;
import org.ferrel.calibration.observe.MonthlyWindows;
import org.ferrel.calibration.observe.ObservationOperator;
import org.ferrel.calibration.observe.Observations;
import org.ferrel.calibration.observe.ZonalMean;
import org.ferrel.calibration.observe.PointInterpolation;
import org.ferrel.calibration.optim.BoundedLbfgs;
import org.ferrel.calibration.optim.EnsembleKalmanInversion;
import org.ferrel.calibration.optim.EnsembleRunner;
import org.ferrel.calibration.optim.FitResult;
import org.ferrel.calibration.optim.HipparchusLeastSquares;
import org.ferrel.calibration.optim.Iterate;
import org.ferrel.calibration.optim.LaplaceApproximation;
import org.ferrel.calibration.optim.LeastSquaresProblem;
import org.ferrel.calibration.optim.MatrixFreeGaussNewton;
import org.ferrel.calibration.optim.Optimizer;
import org.ferrel.calibration.optim.PosteriorUncertainty;
import org.ferrel.calibration.optim.UndeterminedParameterException;
import org.ferrel.calibration.optim.UnscentedKalmanInversion;
import org.ferrel.calibration.problem.FieldObservations;
import org.ferrel.calibration.problem.TimeMeanProblem;
import org.ferrel.dycore.model.StateVector;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.figures.LinePlot;
import org.ferrel.io.netcdf.ArrayFile;
import org.ferrel.io.netcdf.GriddedField;
import org.ferrel.io.netcdf.LatLonFieldWriter;
import org.ferrel.io.observations.GriddedObservation;
import org.ferrel.io.observations.ObservationReader;
import org.ferrel.io.observations.ReadOptions;
import org.ferrel.io.observations.UnitConversion;
import org.ferrel.io.scenario.BuiltModel;
import org.ferrel.io.scenario.Observable;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioModels;

/**
 * Runs a calibration campaign into an output directory:
 * <pre>
 * DIR/campaign.yaml     the campaign as run
 * DIR/report.json       fitted parameters with standard deviations and correlations, cost and parameter
 *                       history, runs used, RMSE of each observation set before and after and of the zonal mean
 * DIR/fitted.nc         the observed fields at the start and at the fit (CF-1.8; time means of a time-stepping model)
 * DIR/cost.png          cost against iteration; DIR/parameters.png: parameters against iteration
 * DIR/checkpoint.json   the best parameters so far, updated during the fit (--resume starts from them)
 * </pre>
 * Everything that can be checked before a model run is checked first (parameter names, observation
 * files, variables, units, missing values, the time step), each failure naming the campaign file,
 * line and key.
 */
public final class CampaignRunner {

    /**
     * @param outputDirectory where the report goes
     * @param resume          start from the best parameters of an interrupted campaign in the directory
     * @param log             one-line messages for the user
     * @param ensembleRunner  where ensemble members run (e.g. on Spark); null: threads as the campaign says
     */
    public record Options(Path outputDirectory, boolean resume, Consumer<String> log, EnsembleRunner ensembleRunner) {
        public Options(Path outputDirectory, boolean resume, Consumer<String> log) {
            this(outputDirectory, resume, log, null);
        }
    }

    /** The outcome: the fit, its uncertainty (null when undetermined), and the report's path. */
    public record Result(FitResult fit, PosteriorUncertainty uncertainty, Path report) {
    }

    private CampaignRunner() {
    }

    public static Path defaultDirectory(Campaign c) {
        return Path.of("ferrel-out", c.name() + "-calibration");
    }

    /**
     * Builds the campaign's problem (all inputs checked) without running the model, for any model family:
     * a family that builds its own ({@link CalibratedFamily}) does, a time-stepping family gets
     * {@link #prepare}.
     *
     * @throws ConfigException naming the campaign or scenario file, line and key of a problem
     */
    public static CampaignProblem problem(Campaign c) {
        if (c.scenario().family() instanceof CalibratedFamily family) {
            return family.prepare(c);
        }
        return prepare(c);
    }

    /**
     * Builds the problem of a time-stepping family (all inputs checked) without running the model: the time
     * means of its observable fields over the campaign's window.
     *
     * @throws ConfigException at the scenario's {@code model} key when its family does not step in time
     */
    public static Prepared prepare(Campaign c) {
        Eager ops = Eager.serial();
        Scenario s = ScenarioModels.resolveTimeStep(c.scenario(), ops);
        return prepare(c, s, ScenarioModels.build(s, ops), ops);
    }

    private static <S extends StateVector<S>> Prepared prepare(Campaign c, Scenario s, BuiltModel<S> built, Eager ops) {
        double dt = s.dynamics().timeStep();
        int steps = (int) Math.round(s.run().length() / dt);
        int meanSteps = (int) Math.max(1, Math.round(c.window() / dt));
        List<FieldObservations<S>> observations = new ArrayList<>();
        List<double[]> baselines = new ArrayList<>();
        List<double[][]> axes = new ArrayList<>();
        for (Campaign.ObservationSpec spec : c.observations()) {
            Observable<S> field;
            try {
                field = built.observable(spec.field(), spec.level());
            } catch (IllegalArgumentException e) {
                String key = "observations." + spec.name() + ".field";
                throw new ConfigException(c.origin(), c.line(key), key, e.getMessage());
            }
            // heights are read as geopotential metres, so that geopotential (m2 s-2) converts to them
            ObservedSet set = observe(c, spec, built.grid(), field.units().equals("m") ? "gpm" : field.units());
            observations.add(new FieldObservations<>(field, set.observations(), monthWindow(c, spec, s, steps, meanSteps)));
            baselines.add(set.zonalMean());
            axes.add(set.axes());
        }
        checkPriors(c, built.model().parameters());
        TimeMeanProblem<S> problem;
        try {
            problem = new TimeMeanProblem<>(built.model(), built.initial(), built.parameters(), c.parameters(), c.priors(),
                    steps, meanSteps, observations, CheckpointSchedule.binomial(c.checkpoints()), ops);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.origin(), c.line("parameters"), "parameters", e.getMessage());
        }
        return new Prepared(c, problem, baselines, built.grid(), axes);
    }

    /**
     * The steps of a set's calendar month within the campaign's window (the last {@code meanSteps} of
     * {@code steps}), each step dated by its midpoint in the output's calendar; null for a set without a month.
     */
    private static int[] monthWindow(Campaign c, Campaign.ObservationSpec spec, Scenario s, int steps, int meanSteps) {
        if (spec.month() == 0) {
            return null;
        }
        int[] inMonth = MonthlyWindows.of(s.run().start(), org.ferrel.io.netcdf.TimeAxis.CALENDAR, s.dynamics().timeStep())
                .stepsInMonth(spec.month(), steps);
        int[] window = java.util.Arrays.stream(inMonth).filter(k -> k > steps - meanSteps).toArray();
        if (window.length == 0) {
            String key = "observations." + spec.name();
            throw new ConfigException(c.origin(), c.line(key), key + ".month", "the observation window (the last "
                    + org.ferrel.io.config.Durations.format(meanSteps * s.dynamics().timeStep()) + " of a run of "
                    + org.ferrel.io.config.Durations.format(s.run().length()) + " from " + s.run().start()
                    + ") holds no step of month " + spec.month());
        }
        return window;
    }

    /**
     * Every prior the campaign sets checked against its parameter's declared bounds, so that a prior
     * mean outside them is an error at the campaign's line of that parameter, naming the parameter,
     * the prior and the bounds (the spread's sign is checked when the file is read).
     */
    private static void checkPriors(Campaign c, List<org.ferrel.dycore.model.Parameter> declared) {
        for (String name : c.parameters()) {
            org.ferrel.dycore.model.Prior prior = c.priors().get(name);
            if (prior == null) {
                continue;
            }
            for (org.ferrel.dycore.model.Parameter p : declared) {
                if (p.name().equals(name) && !(prior.mean() >= p.lower() && prior.mean() <= p.upper())) {
                    throw new ConfigException(c.origin(), c.line("parameters." + name), "parameters." + name + ".prior",
                            "prior mean " + prior.mean() + " (spread " + prior.spread() + ") of " + name
                                    + " is outside its bounds [" + p.lower() + ", " + p.upper() + "] " + p.units());
                }
            }
        }
    }

    /**
     * A campaign of a time-stepping family ready to run: the time-mean problem, the zonal-mean baseline of
     * each observation set, and the model's grid (of the fields written to {@code fitted.nc}).
     */
    public record Prepared(Campaign campaign, TimeMeanProblem<?> problem, List<double[]> zonalMeanBaselines, LatLonGrid grid,
                           List<double[][]> observationAxes) implements CampaignProblem {

        @Override
        public double[] start() {
            return problem.current();
        }

        @Override
        public String runDescription() {
            double dt = problem.model().timeStep();
            return String.format(Locale.ROOT, "%d steps per run (mean over the last %d)",
                    (int) Math.round(campaign.scenario().run().length() / dt), (int) Math.round(campaign.window() / dt));
        }

        @Override
        public List<ObservedSet> sets() {
            List<ObservedSet> sets = new ArrayList<>();
            for (int v = 0; v < problem.observations().size(); v++) {
                FieldObservations<?> obs = problem.observations().get(v);
                sets.add(new ObservedSet(obs.name(), obs.field().name(), obs.field().units(), obs.operator().description(),
                        obs.observations().dropped(), obs.values(), zonalMeanBaselines.get(v)));
            }
            return sets;
        }

        @Override
        public Evaluation evaluate(double[] theta) {
            return evaluate(problem, theta);
        }

        /** One run: each set's observed mean over its own window, and the observed fields' means over the campaign's window. */
        private static <S extends StateVector<S>> Evaluation evaluate(TimeMeanProblem<S> p, double[] theta) {
            TimeMeanProblem.Means means = p.means(theta, reported(p));
            return new Evaluation(List.of(means.observed()), List.of(means.fields()));
        }

        @Override
        public void writeFields(Path file, Evaluation start, Evaluation fit, Map<String, String> attributes) throws IOException {
            List<? extends Observable<?>> reported = reported(problem);
            List<GriddedField> out = new ArrayList<>();
            for (int k = 0; k < reported.size(); k++) {
                Observable<?> f = reported.get(k);
                String name = variableName(f.name());
                out.add(new GriddedField(name + "_fitted", fit.fields().get(k), f.units(), "time mean of " + f.description()
                        + " with the fitted parameters", null));
                out.add(new GriddedField(name + "_start", start.fields().get(k), f.units(), "time mean of " + f.description()
                        + " with the start parameters", null));
            }
            Map<String, String> global = new LinkedHashMap<>();
            global.put("title", "Ferrel calibration '" + campaign.name() + "': time-mean fields over the observation window");
            global.putAll(attributes);
            LatLonFieldWriter.write(file, grid, out, global);
            writeObservations(file.resolveSibling("observations.nc"), start, fit, attributes);
        }

        /**
         * The observations on their own grid beside the model's equivalents at the start and at the fit
         * and the fitted residuals (model minus observation), NaN where a value was dropped, one set after
         * another: {@code SET_observed(SET_lat, SET_lon)} (a zonal-mean set: {@code (SET_lat)}), {@code SET_error},
         * {@code SET_start}, {@code SET_fitted}, {@code SET_residual}.
         */
        private void writeObservations(Path file, Evaluation start, Evaluation fit, Map<String, String> attributes)
                throws IOException {
            List<ArrayFile.Variable> variables = new ArrayList<>();
            for (int v = 0; v < problem.observations().size(); v++) {
                FieldObservations<?> obs = problem.observations().get(v);
                String set = variableName(obs.name());
                double[] lat = observationAxes.get(v)[0];
                double[] lon = observationAxes.get(v)[1];
                List<String> dims = lon == null ? List.of(set + "_lat") : List.of(set + "_lat", set + "_lon");
                int[] shape = lon == null ? new int[] {lat.length} : new int[] {lat.length, lon.length};
                variables.add(new ArrayFile.Variable(set + "_lat", List.of(set + "_lat"), new int[] {lat.length}, lat,
                        Map.of("units", "degrees_north", "standard_name", "latitude")));
                if (lon != null) {
                    variables.add(new ArrayFile.Variable(set + "_lon", List.of(set + "_lon"), new int[] {lon.length}, lon,
                            Map.of("units", "degrees_east", "standard_name", "longitude")));
                }
                double[] fitted = fit.equivalents().get(v);
                double[] residual = new double[fitted.length];
                for (int i = 0; i < residual.length; i++) {
                    residual[i] = fitted[i] - obs.values()[i];
                }
                String units = obs.field().units();
                String[][] parts = {{"observed", "observed " + obs.field().name()}, {"error", "observation error standard deviation"},
                    {"start", "model equivalent with the start parameters"}, {"fitted", "model equivalent with the fitted parameters"},
                    {"residual", "fitted model equivalent minus observation"}};
                double[][] values = {obs.values(), obs.sigma(), start.equivalents().get(v), fitted, residual};
                for (int k = 0; k < parts.length; k++) {
                    variables.add(new ArrayFile.Variable(set + "_" + parts[k][0], dims, shape,
                            obs.observations().onObservationGrid(values[k], Double.NaN),
                            Map.of("units", units, "long_name", parts[k][1] + " (" + obs.name() + ")", "comment",
                                    "NaN where the observation was dropped (missing value or error)")));
                }
            }
            Map<String, String> global = new LinkedHashMap<>();
            global.put("title", "Ferrel calibration '" + campaign.name() + "': observations, model equivalents and residuals");
            global.putAll(attributes);
            ArrayFile.write(file, new ArrayFile.Content(global, variables));
        }

        @Override
        public Map<String, double[]> parameterValues(double[] theta) {
            var values = problem.model().values(problem.allParameters(theta));
            Map<String, double[]> out = new LinkedHashMap<>();
            for (org.ferrel.dycore.model.Parameter q : problem.model().parameters()) {
                out.put(q.name(), values.get(q.name()).values());
            }
            return out;
        }

        @Override
        public boolean isScalar(String parameter) {
            return problem.model().parameters().stream().anyMatch(q -> q.name().equals(parameter) && q.size() == 1);
        }
    }

    /** A set's observations, their zonal-mean baseline, and their grid's latitudes and longitudes (null for a zonal mean). */
    private record ObservedSet(Observations observations, double[] zonalMean, double[][] axes) {
    }

    private static ObservedSet observe(Campaign c, Campaign.ObservationSpec spec, LatLonGrid grid, String units) {
        String key = "observations." + spec.name();
        GriddedObservation g;
        GriddedObservation errors = null;
        double errorScale = 1;
        try {
            ReadOptions selected = ReadOptions.defaults();
            for (Map.Entry<String, Double> e : spec.selection().entrySet()) {
                selected = selected.select(e.getKey(), e.getValue());
            }
            g = ObservationReader.read(spec.file(), spec.variable(), selected.units(units));
            if (spec.errorVariable() != null) {
                // errors are differences: converted by the units' scale only (an error of 1 K is one of 1 degC)
                errors = ObservationReader.read(spec.file(), spec.errorVariable(), selected);
                if (!errors.units().isBlank()) {
                    errorScale = Math.abs(UnitConversion.between(errors.units(), units).scale());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(c.origin(), c.line(key), key, e.getMessage());
        }
        int ny = g.ny();
        int nx = g.nx();
        if (errors != null && (errors.ny() != ny || errors.nx() != nx || errors.nt() != g.nt())) {
            throw new ConfigException(c.origin(), c.line(key), key + ".errorVariable", spec.file() + ", variable '"
                    + spec.errorVariable() + "' has " + errors.nt() + " records of " + errors.nx() + " x " + errors.ny()
                    + ", the observations '" + spec.variable() + "' " + g.nt() + " of " + nx + " x " + ny
                    + "; expected the same grid and records");
        }
        double[] mean = new double[ny * nx];
        int[] count = new int[ny * nx];
        double[] errorMean = new double[ny * nx];
        int[] errorCount = new int[ny * nx];
        if (spec.month() > 0 && !g.hasTime()) {
            throw new ConfigException(c.origin(), c.line(key), key + ".month", spec.file() + ", variable '" + spec.variable()
                    + "' has no time axis, so no record can be picked by month");
        }
        int records = 0;
        for (int t = 0; t < g.nt(); t++) {
            if (spec.month() > 0 && g.date(t).month() != spec.month()) {
                continue;
            }
            records++;
            double[] f = g.field(t);
            for (int k = 0; k < f.length; k++) {
                if (Double.isFinite(f[k])) {
                    mean[k] += f[k];
                    count[k]++;
                }
            }
            if (errors != null) {
                double[] e = errors.field(t);
                for (int k = 0; k < e.length; k++) {
                    if (Double.isFinite(e[k])) {
                        errorMean[k] += e[k] * errorScale;
                        errorCount[k]++;
                    }
                }
            }
        }
        if (records == 0) {
            throw new ConfigException(c.origin(), c.line(key), key + ".month", spec.file() + ", variable '" + spec.variable()
                    + "' has no record in month " + spec.month() + " (its " + g.nt() + " records run from " + g.date(0) + " to "
                    + g.date(g.nt() - 1) + ")");
        }
        List<Double> lats = new ArrayList<>();
        List<Double> lons = new ArrayList<>();
        for (int j = 0; j < ny; j += spec.stride()) {
            lats.add(g.latitudes()[j]);
        }
        for (int i = 0; i < nx; i += spec.stride()) {
            lons.add(g.longitudes()[i]);
        }
        double[] values = new double[lats.size() * lons.size()];
        double[] zonal = new double[values.length];
        double[] sigma = new double[values.length];
        int q = 0;
        for (int j = 0; j < ny; j += spec.stride()) {
            double rowSum = 0;
            int rowCount = 0;
            int start = q;
            for (int i = 0; i < nx; i += spec.stride()) {
                int k = j * nx + i;
                values[q] = count[k] > 0 ? mean[k] / count[k] : Double.NaN;
                sigma[q] = errors == null ? spec.error() : errorCount[k] > 0 ? errorMean[k] / errorCount[k] : Double.NaN;
                if (Double.isFinite(values[q])) {
                    rowSum += values[q];
                    rowCount++;
                }
                q++;
            }
            for (int p = start; p < q; p++) {
                zonal[p] = rowCount > 0 ? rowSum / rowCount : Double.NaN;
            }
        }
        double[] latitudes = lats.stream().mapToDouble(Double::doubleValue).toArray();
        double[] longitudes = lons.stream().mapToDouble(Double::doubleValue).toArray();
        ObservationOperator at;
        try {
            at = switch (spec.operator()) {
                case "conservative" -> ConservativeRegridding.toGrid(grid, latitudes, longitudes);
                case "zonal-mean" -> ZonalMean.atLatitudes(grid, latitudes);
                default -> PointInterpolation.toGrid(grid, latitudes, longitudes);
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.origin(), c.line(key), key + ".operator", e.getMessage());
        }
        if (spec.operator().equals("zonal-mean")) {
            // the observations' own zonal means, one per latitude: the zonal-mean operator's values
            double[] rows = new double[latitudes.length];
            for (int j = 0; j < rows.length; j++) {
                rows[j] = zonal[j * longitudes.length];
            }
            if (errors != null) {
                throw new ConfigException(c.origin(), c.line(key), key + ".errorVariable", "per-point errors go with the"
                        + " bilinear and conservative operators; a zonal-mean set takes one error for all latitudes");
            }
            values = rows;
            zonal = rows.clone();
            sigma = new double[rows.length];
            java.util.Arrays.fill(sigma, spec.error());
        }
        Observations obs;
        try {
            obs = Observations.withErrors(spec.name(), at, values, sigma);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.origin(), c.line(key), key, spec.file() + ", variable '" + spec.variable() + "': "
                    + e.getMessage());
        }
        double[] kept = new double[obs.size()];
        int r = 0;
        for (int k = 0; k < values.length; k++) {
            if (Double.isFinite(values[k]) && !Double.isNaN(sigma[k])) {
                kept[r++] = zonal[k];
            }
        }
        return new ObservedSet(obs, kept, new double[][] {latitudes, spec.operator().equals("zonal-mean") ? null : longitudes});
    }

    /** The optimizer a campaign names. */
    static Optimizer optimizer(Campaign.OptimizerSpec o) {
        return optimizer(o, null);
    }

    /** The optimizer a campaign names, its ensemble members run by {@code runner} (null: threads as the campaign says). */
    static Optimizer optimizer(Campaign.OptimizerSpec o, EnsembleRunner runner) {
        EnsembleRunner members = runner != null ? runner : o.threads() > 1 ? EnsembleRunner.threads(o.threads()) : EnsembleRunner.serial();
        return switch (o.method()) {
            case "levenberg-marquardt" -> HipparchusLeastSquares.levenbergMarquardt().withMaxIterations(o.maxIterations());
            case "gauss-newton" -> HipparchusLeastSquares.gaussNewton().withMaxIterations(o.maxIterations());
            case "gauss-newton-cg" -> MatrixFreeGaussNewton.defaults().withMaxIterations(o.maxIterations());
            case "lbfgs" -> BoundedLbfgs.defaults().withMaxIterations(o.maxIterations());
            case "eki" -> EnsembleKalmanInversion.defaults().withEnsembleSize(o.ensembleSize()).withMaxIterations(o.maxIterations())
                    .withSeed(o.seed()).withRunner(members).withAdaptiveStep(o.adaptiveStep());
            case "uki" -> UnscentedKalmanInversion.defaults().withMaxIterations(o.maxIterations()).withRunner(members);
            default -> throw new IllegalArgumentException("unknown method " + o.method());
        };
    }

    /** Runs the campaign and writes its report. */
    public static Result run(Campaign c, Options options) throws IOException {
        Path dir = options.outputDirectory();
        Path checkpoint = dir.resolve("checkpoint.json");
        Path copy = dir.resolve("campaign.yaml");
        if (!options.resume() && Files.exists(dir.resolve("report.json"))) {
            throw new IllegalArgumentException(dir + " already holds a calibration report; choose another directory (-o)");
        }
        if (options.resume() && Files.exists(copy) && !Files.readString(copy).equals(c.text())) {
            throw new IllegalArgumentException(dir + " holds a campaign other than " + c.origin() + " (campaign.yaml differs)");
        }
        CampaignProblem prepared = problem(c);
        LeastSquaresProblem problem = prepared.problem();
        double[] start = prepared.start();
        if (options.resume() && Files.exists(checkpoint)) {
            start = Checkpoint.read(checkpoint, problem.parameterNames());
            options.log().accept("resuming from the best parameters of the interrupted fit (" + checkpoint + ")");
        }
        Files.createDirectories(dir);
        writeAtomically(copy, c.text());
        double[] initial = prepared.start();
        Checkpoint.Recording recording = new Checkpoint.Recording(problem, checkpoint, options.log());
        options.log().accept(String.format(Locale.ROOT, "%d parameters, %d observations, %s; %s", problem.parameterCount(),
                problem.residualCount(), prepared.runDescription(), c.optimizer().method()));
        long t0 = System.nanoTime();
        FitResult fit = optimizer(c.optimizer(), options.ensembleRunner()).minimize(recording, start);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        PosteriorUncertainty uncertainty = null;
        String undetermined = null;
        try {
            uncertainty = LaplaceApproximation.at(problem, fit.theta());
        } catch (UndeterminedParameterException e) {
            undetermined = e.getMessage();
            options.log().accept("uncertainty: " + e.getMessage());
        }
        for (String warning : fit.warnings()) {
            options.log().accept("warning: " + warning);
        }
        Path report = writeReport(prepared, initial, start, fit, uncertainty, undetermined, seconds, dir);
        options.log().accept(String.format(Locale.ROOT, "%s after %d iterations (%s): cost %.6g; report in %s", fit.stopReason(),
                fit.iterations(), fit.counts(), fit.cost().total(), report));
        return new Result(fit, uncertainty, report);
    }

    /** A map of key-value pairs in the order given (Map.of's order changes from one JVM to the next). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Path writeReport(CampaignProblem prepared, double[] initial, double[] start, FitResult fit,
                                    PosteriorUncertainty u, String undetermined, double seconds, Path dir) throws IOException {
        LeastSquaresProblem p = prepared.problem();
        Campaign c = prepared.campaign();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("campaign", c.name());
        r.put("campaign_file", c.origin());
        r.put("method", fit.method());
        r.put("stop_reason", fit.stopReason().toString());
        r.put("message", fit.message());
        r.put("ended_worse_than_start", fit.endedWorseThanStart());
        r.put("warnings", new ArrayList<Object>(fit.warnings()));
        r.put("backtracks", fit.backtracks());
        r.put("iterations", fit.iterations());
        r.put("wall_seconds", seconds);
        r.put("runs", ordered("forward", fit.counts().forwardRuns(), "jvp", fit.counts().jvps(), "vjp", fit.counts().vjps(),
                "failed", fit.counts().failedRuns()));
        r.put("cost", ordered("total", fit.cost().total(), "misfit", fit.cost().misfit(), "prior", fit.cost().prior()));
        List<Object> params = new ArrayList<>();
        double[] mean = p.priorMean();
        double[] spread = p.priorSpread();
        for (int i = 0; i < p.parameterCount(); i++) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("name", p.parameterNames().get(i));
            q.put("prior_mean", mean[i]);
            q.put("prior_sd", spread[i]);
            q.put("start", start[i]);
            q.put("fitted", fit.theta()[i]);
            q.put("sd", u == null ? Double.NaN : u.standardDeviations()[i]);
            params.add(q);
        }
        r.put("parameters", params);
        if (u != null) {
            List<Object> rows = new ArrayList<>();
            for (double[] row : u.correlation()) {
                rows.add(row);
            }
            r.put("correlation", rows);
        } else {
            r.put("undetermined", undetermined);
        }
        // one run each for the start and the fit
        CampaignProblem.Evaluation before = prepared.evaluate(initial);
        CampaignProblem.Evaluation after = prepared.evaluate(fit.theta());
        List<Object> sets = new ArrayList<>();
        List<CampaignProblem.ObservedSet> observed = prepared.sets();
        for (int v = 0; v < observed.size(); v++) {
            CampaignProblem.ObservedSet obs = observed.get(v);
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("name", obs.name());
            q.put("field", obs.field());
            q.put("units", obs.units());
            q.put("points", obs.values().length);
            q.put("operator", obs.operator());
            q.put("dropped_missing", obs.dropped());
            q.put("rmse_start", rmse(before.equivalents().get(v), obs.values()));
            q.put("rmse_fitted", rmse(after.equivalents().get(v), obs.values()));
            q.put("rmse_zonal_mean_of_observations", rmse(obs.zonalMeanBaseline(), obs.values()));
            sets.add(q);
        }
        r.put("observations", sets);
        List<Object> history = new ArrayList<>();
        for (Iterate it : fit.history()) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("iteration", it.iteration());
            q.put("cost", it.cost().total());
            q.put("forward_runs", it.countsSoFar().forwardRuns());
            q.put("theta", it.theta());
            history.add(q);
        }
        r.put("history", history);
        Path report = dir.resolve("report.json");
        writeAtomically(report, Json.write(r));
        writeFigures(fit, p, dir);
        Map<String, String> attributes = new LinkedHashMap<>();   // in this order in every run (not Map.of's)
        attributes.put("campaign", c.text());
        prepared.writeFields(dir.resolve("fitted.nc"), before, after, attributes);
        writeAtomically(dir.resolve("fitted-scenario.yaml"), fittedScenario(prepared, fit.theta()));
        return report;
    }

    /**
     * The campaign's scenario with the fitted values in its {@code parameters:} section (replacing one it
     * had), renamed NAME-fitted: {@code ferrel run fitted-scenario.yaml} runs the calibrated model.
     */
    static String fittedScenario(CampaignProblem p, double[] theta) {
        Campaign c = p.campaign();
        Map<String, double[]> values = p.parameterValues(theta);
        java.util.Map<String, double[]> merged = new LinkedHashMap<>(c.scenario().parameterValues());
        for (String name : c.parameters()) {
            merged.put(name, values.get(name));
        }
        StringBuilder out = new StringBuilder();
        out.append("# ").append(c.scenario().name()).append(" with the parameters fitted by ferrel calibrate ").append(c.origin())
                .append('\n').append("# (relative file paths in it are relative to the folder of ").append(c.scenario().origin())
                .append(")\n");
        boolean skipping = false;
        for (String line : c.scenario().text().split("\n", -1)) {
            if (skipping && (line.startsWith(" ") || line.startsWith("\t") || line.isBlank())) {
                continue;
            }
            skipping = false;
            if (line.startsWith("parameters:")) {
                skipping = true;
                continue;
            }
            if (line.startsWith("name:")) {
                out.append("name: ").append(c.scenario().name()).append("-fitted\n");
                continue;
            }
            out.append(line).append('\n');
        }
        while (out.length() > 1 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n') {
            out.setLength(out.length() - 1);
        }
        out.append("parameters:\n");
        for (var e : merged.entrySet()) {
            double[] v = e.getValue();
            out.append("  ").append(e.getKey()).append(": ");
            if (v.length == 1 && p.isScalar(e.getKey())) {
                out.append(v[0]);
            } else {
                out.append('[');
                for (int i = 0; i < v.length; i++) {
                    out.append(i > 0 ? ", " : "").append(v[i]);
                }
                out.append(']');
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static double rmse(double[] model, double[] observed) {
        double s = 0;
        for (int i = 0; i < observed.length; i++) {
            s += (model[i] - observed[i]) * (model[i] - observed[i]);
        }
        return Math.sqrt(s / observed.length);
    }

    private static void writeFigures(FitResult fit, LeastSquaresProblem p, Path dir) throws IOException {
        List<Iterate> h = fit.history();
        double[] x = new double[h.size()];
        double[] cost = new double[h.size()];
        for (int k = 0; k < h.size(); k++) {
            x[k] = h.get(k).iteration();
            cost[k] = Math.max(h.get(k).cost().total(), 1e-300);
        }
        new LinePlot("Calibration cost: " + fit.method(), "iteration", "cost J = |r|^2/2 + prior", false, true)
                .add(new LinePlot.Series("J", x, cost, new Color(200, 40, 40), true, true)).write(dir.resolve("cost.png"));
        LinePlot plot = new LinePlot("Parameters, (theta - start) / typical scale", "iteration", "scaled change", false, false);
        double[] scale = p.typicalScale();
        Color[] colors = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
            new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)};
        for (int i = 0; i < p.parameterCount(); i++) {
            double[] y = new double[h.size()];
            for (int k = 0; k < h.size(); k++) {
                y[k] = (h.get(k).theta()[i] - h.get(0).theta()[i]) / scale[i];
            }
            plot.add(new LinePlot.Series(p.parameterNames().get(i), x, y, colors[i % colors.length], true, false));
        }
        plot.write(dir.resolve("parameters.png"));
    }

    /** The fields whose time means the report holds: each observed field once, in the order of the sets. */
    private static <S extends StateVector<S>> List<Observable<S>> reported(TimeMeanProblem<S> p) {
        Map<String, Observable<S>> fields = new LinkedHashMap<>();
        for (FieldObservations<S> obs : p.observations()) {
            fields.putIfAbsent(obs.field().name(), obs.field());
        }
        return new ArrayList<>(fields.values());
    }

    /** A NetCDF variable name for a field's name ("temperature at sigma 0.995" becomes temperature_at_sigma_0_995). */
    public static String variableName(String field) {
        return field.replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("_+$", "");
    }

    static void writeAtomically(Path file, String text) throws IOException {
        org.ferrel.io.files.AtomicFiles.writeString(file, text);
    }
}
