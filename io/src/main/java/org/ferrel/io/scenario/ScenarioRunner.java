package org.ferrel.io.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.BlowUpException;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.State;
import org.ferrel.io.FerrelVersion;
import org.ferrel.io.config.Durations;
import org.ferrel.io.netcdf.LatLonRecordWriter;
import org.ferrel.io.netcdf.RestartFile;
import org.ferrel.io.netcdf.RestartFile.NamedArray;
import org.ferrel.io.netcdf.RestartFile.Restart;
import org.ferrel.io.netcdf.TimeAxis;

/**
 * Runs a scenario into an output directory:
 * <pre>
 * DIR/scenario.yaml            the scenario as run
 * DIR/NAME.nc                  CF-1.8 output, under this name only once complete
 * DIR/.NAME.nc.part            the output while the run goes on (or after it was interrupted)
 * DIR/restart/restart_S.nc     restart points every restart interval and at the end (S = step)
 * </pre>
 * A run resumed from its latest restart produces output bitwise identical to an uninterrupted
 * run, with no duplicated or missing times. A run that blows up stops with the step, field and
 * location, and keeps what it wrote as {@code NAME.incomplete.nc}.
 */
public final class ScenarioRunner {

    /**
     * @param outputDirectory where the run's files go
     * @param resume          continue from the latest restart in the directory
     * @param overwrite       replace a complete or interrupted run in the directory
     * @param threads         worker threads of the array backend (results do not depend on it)
     * @param progress        progress listener
     * @param log             one-line messages for the user (stderr in the CLI)
     */
    public record Options(Path outputDirectory, boolean resume, boolean overwrite, int threads, ProgressListener progress,
                         Consumer<String> log) {
    }

    /**
     * @param output      the complete output file
     * @param firstStep   the step the run started from (non-zero when resumed)
     * @param steps       total steps of the scenario
     * @param records     records in the output
     * @param wallSeconds wall time of this invocation
     */
    public record Result(Path output, long firstStep, long steps, int records, double wallSeconds) {
    }

    private ScenarioRunner() {
    }

    /** The default output directory of a scenario: {@code ./ferrel-out/NAME}. */
    public static Path defaultDirectory(Scenario s) {
        return Path.of("ferrel-out", s.name());
    }

    public static Path outputFile(Path directory, Scenario s) {
        return directory.resolve(s.name() + ".nc");
    }

    /**
     * Runs (or resumes) a scenario.
     *
     * @throws RunException  when the directory holds another run and neither resume nor overwrite is asked,
     *                       or a resume does not match the restart
     * @throws BlowUpException when the run blows up (its output so far is kept as NAME.incomplete.nc)
     * @throws IOException   when a file cannot be written or read
     */
    public static Result run(Scenario s, Options options) throws IOException {
        long wallStart = System.nanoTime();
        Path dir = options.outputDirectory();
        Path output = outputFile(dir, s);
        Path part = LatLonRecordWriter.partFileOf(output);
        Path restartDir = dir.resolve("restart");
        Ops ops = options.threads() <= 1 ? Eager.serial() : Eager.parallel(options.threads());

        Restart restart = null;
        if (options.resume()) {
            if (Files.exists(output) && !Files.exists(part)) {
                options.log().accept("the run in " + dir + " is already complete: " + output);
                return new Result(output, s.steps(), s.steps(), -1, 0);
            }
            Path latest = RestartFile.latest(restartDir);
            if (latest == null) {
                options.log().accept("no restart file in " + restartDir + "; starting from the beginning");
            } else {
                restart = RestartFile.read(latest);
                if (!restart.scenarioDigest().equals(s.digest())) {
                    throw new RunException("cannot resume: " + latest + " was written by another scenario than "
                            + s.origin() + " (the scenario file changed since; compare it with " + dir.resolve("scenario.yaml")
                            + "); run it with --overwrite to start again");
                }
                options.log().accept("resuming from " + latest + " (step " + restart.step() + ", day "
                        + String.format(Locale.ROOT, "%.2f", restart.time() / 86400) + ")");
            }
        } else if (!options.overwrite()) {
            if (Files.exists(output)) {
                throw new RunException(dir + " already holds a complete run (" + output.getFileName()
                        + "); choose another output directory, or use --overwrite to replace it");
            }
            if (Files.exists(part)) {
                throw new RunException(dir + " holds an interrupted run (" + part.getFileName()
                        + "); use --resume to continue it, or --overwrite to start again");
            }
        }

        ScenarioModel built = ScenarioModel.build(s, ops);
        Model model = built.model();
        State state = built.initial();
        Tensor[] parameters = built.parameters();
        long firstStep = 0;
        if (restart != null) {
            state = stateOf(ops, built, restart);
            parameters = parametersOf(ops, model, restart);
            firstStep = restart.step();
        } else {
            Files.createDirectories(dir);
            clearRestarts(restartDir);
            writeAtomically(dir.resolve("scenario.yaml"), s.text());
        }
        ParameterValues values = model.values(parameters);
        double[] topography = values.get(Model.TOPOGRAPHY).values();
        boolean mean = s.output().statistic().equals("mean");
        LatLonRecordWriter.Layout layout = new LatLonRecordWriter.Layout(built.grid(),
                OutputFields.describe(s.output().variables()), OutputFields.SERIES,
                new TimeAxis(LocalDateTime.parse(s.run().start())), mean, mean ? "time: mean area: mean" : "area: mean",
                globalAttributes(s, model));

        LatLonRecordWriter writer = restart == null ? LatLonRecordWriter.create(output, layout)
                : LatLonRecordWriter.resume(output, layout, restart.outputRecords());
        long total = s.steps();
        long perOutput = s.stepsPerOutput();
        long perRestart = s.stepsPerRestart();
        double dt = s.dynamics().timeStep();
        List<String> names = s.output().variables();
        double[][] sums = null;
        double[] seriesSums = null;
        options.progress().started(firstStep, total, dt);
        try {
            model.checkHealth(firstStep, state);
            if (firstStep == 0 && !mean) {
                writer.append(0.0, 0.0, OutputFields.compute(names, ops, model.operators(), state, topography),
                        OutputFields.series(ops, model, state, values));
            }
            model.checkCfl(state, parameters);
            for (long k = firstStep + 1; k <= total; k++) {
                state = model.step(ops, state, values);
                model.checkHealth(k, state);
                if (mean) {
                    double[][] f = OutputFields.compute(names, ops, model.operators(), state, topography);
                    double[] d = OutputFields.series(ops, model, state, values);
                    if (sums == null) {
                        sums = f;
                        seriesSums = d;
                    } else {
                        addInto(sums, f);
                        addInto(seriesSums, d);
                    }
                }
                if (k % perOutput == 0) {
                    double t = k * dt;
                    if (mean) {
                        scale(sums, 1.0 / perOutput);
                        scaleInto(seriesSums, 1.0 / perOutput);
                        writer.append(t, t - perOutput * dt, sums, seriesSums);
                        sums = null;
                    } else {
                        writer.append(t, t, OutputFields.compute(names, ops, model.operators(), state, topography),
                                OutputFields.series(ops, model, state, values));
                    }
                }
                if (k % perRestart == 0 || k == total) {
                    writer.flush();
                    RestartFile.write(restartDir.resolve(RestartFile.fileName(k)),
                            restartOf(s, model, state, parameters, k, k * dt, writer.records()));
                }
                options.progress().advanced(k);
            }
            writer.commit();
        } catch (BlowUpException e) {
            writer.close();
            Path incomplete = dir.resolve(s.name() + ".incomplete.nc");
            Files.move(part, incomplete, StandardCopyOption.REPLACE_EXISTING);
            options.log().accept("the output up to the last record before the blow-up is kept in " + incomplete);
            throw e;
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        } finally {
            options.progress().stopped();
        }
        return new Result(output, firstStep, total, writer.records(), (System.nanoTime() - wallStart) * 1e-9);
    }

    private static void addInto(double[][] sums, double[][] f) {
        for (int k = 0; k < sums.length; k++) {
            addInto(sums[k], f[k]);
        }
    }

    private static void addInto(double[] sum, double[] f) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += f[i];
        }
    }

    private static void scale(double[][] a, double s) {
        for (double[] x : a) {
            scaleInto(x, s);
        }
    }

    private static void scaleInto(double[] x, double s) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= s;
        }
    }

    private static Map<String, String> globalAttributes(Scenario s, Model model) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("title", s.description().isEmpty() ? "Ferrel shallow-water run '" + s.name() + "'" : s.description());
        a.put("source", "Ferrel " + FerrelVersion.VERSION + ", shallow-water dynamical core on the lat-lon C-grid");
        a.put("institution", "Ferrel");
        a.put("references", "Williamson et al. (1992), J. Comput. Phys. 102, 211-224");
        a.put("ferrel_version", FerrelVersion.VERSION);
        a.put("scenario_name", s.name());
        a.put("scenario", s.text());
        a.put("time_step", Durations.format(s.dynamics().timeStep()));
        a.put("integrator", s.dynamics().integrator());
        a.put("grid", model.grid().nx() + " x " + model.grid().ny() + " latitude-longitude C-grid, "
                + s.grid().resolution() + " degrees");
        return a;
    }

    private static Restart restartOf(Scenario s, Model model, State state, Tensor[] p, long step, double time, int records) {
        int ny = model.grid().ny();
        int nx = model.grid().nx();
        List<NamedArray> st = List.of(new NamedArray("h", "m", new int[] {ny, nx}, state.h().values()),
                new NamedArray("u", "m s-1", new int[] {ny, nx}, state.u().values()),
                new NamedArray("v", "m s-1", new int[] {ny, nx}, state.v().values()));
        List<NamedArray> params = new ArrayList<>();
        List<Parameter> declared = model.parameters();
        for (int k = 0; k < declared.size(); k++) {
            params.add(new NamedArray(declared.get(k).name(), declared.get(k).units(), declared.get(k).shape().dims(),
                    p[k].values()));
        }
        return new Restart(step, time, records, s.digest(), s.text(), st, params);
    }

    private static State stateOf(Ops o, ScenarioModel built, Restart r) {
        int ny = built.grid().ny();
        int nx = built.grid().nx();
        Tensor[] t = new Tensor[3];
        String[] names = State.NAMES;
        for (int k = 0; k < 3; k++) {
            NamedArray a = r.stateField(names[k]);
            if (a.shape().length != 2 || a.shape()[0] != ny || a.shape()[1] != nx) {
                throw new RunException("restart field '" + names[k] + "' has shape " + java.util.Arrays.toString(a.shape())
                        + ", the scenario's grid is [" + ny + ", " + nx + "]");
            }
            t[k] = o.constant(built.grid().shape(), a.values());
        }
        return State.of(t);
    }

    private static Tensor[] parametersOf(Ops o, Model model, Restart r) {
        List<Parameter> declared = model.parameters();
        if (declared.size() != r.parameters().size()) {
            throw new RunException("restart holds " + r.parameters().size() + " parameters, the scenario's model has "
                    + declared.size());
        }
        Tensor[] p = new Tensor[declared.size()];
        for (int k = 0; k < p.length; k++) {
            NamedArray a = r.parameters().get(k);
            Parameter d = declared.get(k);
            if (!a.name().equals(d.name()) || !java.util.Arrays.equals(a.shape(), d.shape().dims())) {
                throw new RunException("restart parameter " + k + " is '" + a.name() + "' " + java.util.Arrays.toString(a.shape())
                        + ", the model expects '" + d.name() + "' " + java.util.Arrays.toString(d.shape().dims()));
            }
            p[k] = o.constant(d.shape(), a.values());
        }
        return p;
    }

    private static void clearRestarts(Path restartDir) throws IOException {
        if (!Files.isDirectory(restartDir)) {
            return;
        }
        try (var files = Files.list(restartDir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().matches("restart_[0-9]{10}\\.nc")).toList()) {
                Files.delete(p);
            }
        }
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A run that cannot start or continue as asked (the message says why and what to do). */
    public static final class RunException extends RuntimeException {
        public RunException(String message) {
            super(message);
        }
    }
}
