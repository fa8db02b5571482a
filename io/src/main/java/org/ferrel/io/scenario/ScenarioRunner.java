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
import org.ferrel.dycore.model.DynamicalModel;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.StateVector;
import org.ferrel.io.FerrelVersion;
import org.ferrel.io.config.Durations;
import org.ferrel.io.netcdf.LatLonRecordWriter;
import org.ferrel.io.netcdf.Netcdf4Library;
import org.ferrel.io.netcdf.OutputEncoding;
import org.ferrel.io.netcdf.RestartFile;
import org.ferrel.io.netcdf.RestartFile.NamedArray;
import org.ferrel.io.netcdf.RestartFile.Restart;
import org.ferrel.io.netcdf.TimeAxis;
import org.ferrel.io.netcdf.VariableInfo;

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
     * @param attributes      global attributes added to the output's: text, or numbers ({@link Integer}, {@link Double})
     *                        written as numeric attributes (a {@code history} replaces the time-stamped one, for output
     *                        reproducible to the bit, e.g. of ensemble members)
     * @param keepRestarts    how many of the latest restart files to keep (older ones are removed once a newer one
     *                        is written); 0 keeps all
     */
    public record Options(Path outputDirectory, boolean resume, boolean overwrite, int threads, ProgressListener progress,
                         Consumer<String> log, Map<String, ?> attributes, int keepRestarts) {
        public Options {
            attributes = Map.copyOf(attributes);
            if (keepRestarts < 0) {
                throw new IllegalArgumentException("keepRestarts: expected 0 (all) or more, got " + keepRestarts);
            }
        }

        public Options(Path outputDirectory, boolean resume, boolean overwrite, int threads, ProgressListener progress,
                       Consumer<String> log, Map<String, ?> attributes) {
            this(outputDirectory, resume, overwrite, threads, progress, log, attributes, 0);
        }

        public Options(Path outputDirectory, boolean resume, boolean overwrite, int threads, ProgressListener progress,
                       Consumer<String> log) {
            this(outputDirectory, resume, overwrite, threads, progress, log, Map.of(), 0);
        }

        /** These options keeping only the latest {@code n} restart files (0: all). */
        public Options keepingRestarts(int n) {
            return new Options(outputDirectory, resume, overwrite, threads, progress, log, attributes, n);
        }
    }

    /**
     * @param output      the complete output file
     * @param firstStep   the step the run started from (non-zero when resumed)
     * @param steps       total steps of the scenario
     * @param records     records in the output
     * @param wallSeconds wall time of this invocation
     * @param timeStep    the time step [s] (chosen automatically unless the scenario gives it)
     * @param writeSeconds wall time of this invocation spent writing the output (records, flushes, the NetCDF-4 copy)
     * @param format      what the output was written as, e.g. "NetCDF-4 (deflate 4, shuffle), float32"
     */
    public record Result(Path output, long firstStep, long steps, int records, double wallSeconds, double timeStep,
                         double writeSeconds, String format) implements RunReport {

        /** Records, simulated days, wall time and output format; empty when the run was already complete. */
        @Override
        public String summary() {
            if (records < 0) {
                return "";
            }
            double simulated = (steps - firstStep) * timeStep / 86400;
            return String.format(Locale.ROOT, "%d records in %s; %.2f simulated days in %.1f s (%.1f days/s); output %s, %.2f s"
                    + " writing", records, output, simulated, wallSeconds, simulated / Math.max(wallSeconds, 1e-9), format,
                    writeSeconds);
        }
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
    public static Result run(Scenario scenario, Options options) throws IOException {
        Path dir = options.outputDirectory();
        // the directory's lock: taken now when the directory exists, else once it is created (after the checks)
        DirectoryLock[] lock = {Files.isDirectory(dir) ? DirectoryLock.acquire(dir) : null};
        try {
            return runLocked(scenario, options, lock);
        } finally {
            if (lock[0] != null) {
                lock[0].close();
            }
        }
    }

    /**
     * One run per output directory at a time: an OS lock on {@code DIR/.ferrel.lock}, released when the
     * run ends or its process dies (even by SIGKILL).
     */
    private static final class DirectoryLock implements AutoCloseable {
        private final java.nio.channels.FileChannel channel;
        private final java.nio.channels.FileLock lock;

        private DirectoryLock(java.nio.channels.FileChannel channel, java.nio.channels.FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static DirectoryLock acquire(Path dir) throws IOException {
            Path file = dir.resolve(".ferrel.lock");
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new RunException("another ferrel run is writing to " + dir + " (it holds " + file
                        + "); wait for it to finish, or choose another output directory");
            }
            return new DirectoryLock(channel, lock);
        }

        @Override
        public void close() throws IOException {
            lock.release();
            channel.close();
        }
    }

    private static Result runLocked(Scenario scenario, Options options, DirectoryLock[] lock) throws IOException {
        long wallStart = System.nanoTime();
        Path dir = options.outputDirectory();
        Path output = outputFile(dir, scenario);
        Path part = LatLonRecordWriter.partFileOf(output);
        Path restartDir = dir.resolve("restart");
        Ops ops = options.threads() <= 1 ? Eager.serial() : Eager.parallel(options.threads());
        Scenario s = ScenarioModels.resolveTimeStep(scenario, ops);
        if (Double.isNaN(scenario.dynamics().timeStep())) {
            options.log().accept("time step: " + Durations.format(s.dynamics().timeStep()) + " (automatic)");
        }

        OutputEncoding encoding = s.output().encoding();
        if (encoding.format() == OutputEncoding.Format.NETCDF4) {
            Netcdf4Library.Availability library = Netcdf4Library.check();
            if (!library.present()) {
                options.log().accept("NetCDF-4 output needs the NetCDF-C library, but " + library.detail()
                        + ": writing NetCDF-3 instead; for NetCDF-4, " + Netcdf4Library.INSTALL_HINT);
                encoding = encoding.withFormat(OutputEncoding.Format.NETCDF3);
            }
        }

        DirectoryState existing = DirectoryState.of(dir, s);
        Restart restart = null;
        if (options.resume() && existing.holdsRun()) {
            if (existing.otherScenario()) {
                throw new RunException(dir + " holds a run of another scenario (its scenario.yaml differs from " + s.origin()
                        + "); resume it with that scenario, or start again with --overwrite");
            }
            if (Files.exists(output) && !Files.exists(part)) {
                options.log().accept("the run in " + dir + " is already complete: " + output);
                return new Result(output, s.steps(), s.steps(), -1, 0, s.dynamics().timeStep(), 0, encoding.describe());
            }
            // a run that blew up (possibly right after an earlier resume) kept its partial output as NAME.incomplete.nc:
            // it is still the partial output its restarts belong to
            Path incomplete = incompleteFile(dir, s);
            Path partial = !Files.exists(part) && Files.exists(incomplete) ? incomplete : part;
            restart = usableRestart(restartDir, s, partial, options.log());
            if (restart == null) {
                options.log().accept("no restart in " + restartDir + "; starting from the beginning");
            } else if (partial == incomplete) {
                options.log().accept("continuing the output kept after the blow-up: " + incomplete.getFileName() + " is the partial"
                        + " output again");
                Files.move(incomplete, part, StandardCopyOption.ATOMIC_MOVE);
            }
        } else if (options.resume()) {
            options.log().accept("nothing to resume in " + dir + "; starting from the beginning");
        } else if (!options.overwrite() && existing.holdsRun()) {
            if (existing.otherScenario()) {
                throw new RunException(dir + " holds a run of another scenario (" + existing.description()
                        + "); choose another output directory, or use --overwrite to replace it");
            }
            if (existing.interrupted()) {
                throw new RunException(dir + " holds an interrupted run (" + existing.description()
                        + "); use --resume to continue it, or --overwrite to start again");
            }
            if (existing.blewUp()) {
                throw new RunException(dir + " holds a run that blew up (" + existing.description()
                        + "); use --overwrite to start again, or --resume to continue it from its latest restart");
            }
            throw new RunException(dir + " already holds a complete run (" + output.getFileName()
                    + "); choose another output directory, or use --overwrite to replace it");
        }

        BuiltModel<?> built = s.timeStepping().build(s, ops, restart);
        if (restart == null) {
            // every input is checked: only now is an earlier run in the directory replaced
            Files.createDirectories(dir);
            if (lock[0] == null) {
                lock[0] = DirectoryLock.acquire(dir);
            }
            existing.clear();
            writeAtomically(dir.resolve("scenario.yaml"), s.text());
        }
        return loop(built, s, options, ops, restart, output, encoding, wallStart);
    }

    /** The run loop of a built model: output records, restarts and health checks, from step 0 or a restart. */
    private static <S extends StateVector<S>> Result loop(BuiltModel<S> built, Scenario s, Options options, Ops ops,
                                                          Restart restart, Path output, OutputEncoding encoding, long wallStart)
            throws IOException {
        Path dir = options.outputDirectory();
        Path part = LatLonRecordWriter.partFileOf(output);
        Path restartDir = dir.resolve("restart");
        DynamicalModel<S> model = built.model();
        S state = built.initial();
        Tensor[] parameters = built.parameters();
        long firstStep = 0;
        if (restart != null) {
            state = stateOf(ops, built, restart);
            parameters = parametersOf(ops, model, restart);
            firstStep = restart.step();
        }
        ParameterValues values = model.values(parameters);
        boolean mean = s.output().statistic().equals("mean");
        List<String> staticNames = s.output().variables().stream().filter(built.staticVariables()::contains).toList();
        List<String> names = s.output().variables().stream().filter(n -> !built.staticVariables().contains(n)).toList();
        List<LatLonRecordWriter.StaticField> statics = new ArrayList<>();
        double[][] staticValues = built.fields(ops, state, values, staticNames);
        List<VariableInfo> staticInfo = built.describe(staticNames);
        for (int k = 0; k < staticNames.size(); k++) {
            statics.add(new LatLonRecordWriter.StaticField(staticInfo.get(k), staticValues[k]));
        }
        List<VariableInfo> fields = built.describe(names);
        List<VariableInfo> series = built.series();
        if (mean) {
            fields = fields.stream().map(v -> v.withCellMethod("time: mean")).toList();
            series = series.stream().map(v -> v.withCellMethod("time: mean")).toList();
        }
        java.util.Set<String> layered = new java.util.HashSet<>();
        names.stream().filter(built::onLevels).forEach(layered::add);
        LatLonRecordWriter.Layout layout = new LatLonRecordWriter.Layout(built.grid(), fields, series, statics,
                new TimeAxis(LocalDateTime.parse(s.run().start())), mean, globalAttributes(s, built, options.attributes()),
                layered.isEmpty() ? null : built.verticalAxis(), layered);

        LatLonRecordWriter writer = restart == null ? LatLonRecordWriter.create(output, layout, encoding)
                : LatLonRecordWriter.resume(output, layout, restart.outputRecords(), encoding);
        long total = s.steps();
        long perOutput = s.stepsPerOutput();
        long perRestart = s.stepsPerRestart();
        double dt = s.dynamics().timeStep();
        double[][] sums = null;
        double[] seriesSums = null;
        options.progress().started(firstStep, total, dt);
        try {
            model.checkHealth(firstStep, state);
            if (firstStep == 0 && !mean) {
                writer.append(0.0, 0.0, built.fields(ops, state, values, names), built.series(ops, state, values));
            }
            model.checkCfl(state, parameters);
            for (long k = firstStep + 1; k <= total; k++) {
                state = model.step(ops, state, values);
                model.checkHealth(k, state);
                if (mean) {
                    double[][] f = built.fields(ops, state, values, names);
                    double[] d = built.series(ops, state, values);
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
                        writer.append(t, t, built.fields(ops, state, values, names), built.series(ops, state, values));
                    }
                }
                if (k % perRestart == 0 || k == total) {
                    writer.flush();
                    RestartFile.write(restartDir.resolve(RestartFile.fileName(k)),
                            restartOf(s, built, state, parameters, k, k * dt, writer.records()));
                    if (options.keepRestarts() > 0) {
                        removeOldRestarts(restartDir, k, options.keepRestarts());
                    }
                }
                options.progress().advanced(k);
            }
            writer.commit();
        } catch (BlowUpException e) {
            writer.close();
            Path incomplete = incompleteFile(dir, s);
            Files.move(part, incomplete, StandardCopyOption.REPLACE_EXISTING);
            options.log().accept("the output up to the last record before the blow-up is kept in " + incomplete);
            throw e;
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        } finally {
            options.progress().stopped();
        }
        return new Result(output, firstStep, total, writer.records(), (System.nanoTime() - wallStart) * 1e-9, dt,
                writer.writeSeconds(), encoding.describe());
    }

    static Path incompleteFile(Path dir, Scenario s) {
        return dir.resolve(s.name() + ".incomplete.nc");
    }

    /**
     * Keeps the latest {@code keep} restarts up to step {@code step} (the one just written among them) and
     * removes older ones. Files of later steps (left by an earlier attempt and skipped on resume) are left:
     * this run overwrites them as it reaches their steps.
     */
    private static void removeOldRestarts(Path restartDir, long step, int keep) throws IOException {
        List<Path> upToNow = RestartFile.all(restartDir).stream().filter(p -> stepOf(p) <= step).toList();
        for (int k = 0; k < upToNow.size() - keep; k++) {
            Files.deleteIfExists(upToNow.get(k));
        }
    }

    private static long stepOf(Path restart) {
        String name = restart.getFileName().toString();
        return Long.parseLong(name.substring("restart_".length(), name.length() - ".nc".length()));
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

    private static Map<String, Object> globalAttributes(Scenario s, BuiltModel<?> built, Map<String, ?> extra) {
        Map<String, Object> a = new LinkedHashMap<>(built.attributes(s));
        a.put("institution", "Ferrel");
        a.put("ferrel_version", FerrelVersion.VERSION);
        a.put("model_family", s.model().family());
        a.put("scenario_name", s.name());
        a.put("scenario", s.text());
        a.put("time_step", Durations.format(s.dynamics().timeStep()));
        a.put("integrator", s.dynamics().integrator());
        a.put("grid", built.grid().nx() + " x " + built.grid().ny() + " latitude-longitude C-grid, "
                + s.grid().resolution() + " degrees");
        a.putAll(extra);
        return a;
    }

    private static <S extends StateVector<S>> Restart restartOf(Scenario s, BuiltModel<S> built, S state, Tensor[] p, long step,
                                                                double time, int records) {
        List<NamedArray> st = new ArrayList<>();
        Tensor[] fields = state.toArray();
        for (int k = 0; k < fields.length; k++) {
            st.add(new NamedArray(built.stateNames().get(k), built.stateUnits().get(k), fields[k].shape().dims(),
                    fields[k].values()));
        }
        List<NamedArray> params = new ArrayList<>();
        List<Parameter> declared = built.model().parameters();
        for (int k = 0; k < declared.size(); k++) {
            params.add(new NamedArray(declared.get(k).name(), declared.get(k).units(), declared.get(k).shape().dims(),
                    p[k].values()));
        }
        return new Restart(step, time, records, s.digest(), s.text(), st, params);
    }

    /** The restart's state, each field checked against the shape of the scenario's initial state. */
    private static <S extends StateVector<S>> S stateOf(Ops o, BuiltModel<S> built, Restart r) {
        Tensor[] initial = built.initial().toArray();
        Tensor[] t = new Tensor[initial.length];
        for (int k = 0; k < t.length; k++) {
            String name = built.stateNames().get(k);
            NamedArray a;
            try {
                a = r.stateField(name);
            } catch (IllegalArgumentException e) {
                throw new RunException("the restart has no state field '" + name + "': it was written by another model");
            }
            if (!java.util.Arrays.equals(a.shape(), initial[k].shape().dims())) {
                throw new RunException("restart field '" + name + "' has shape " + java.util.Arrays.toString(a.shape())
                        + ", the scenario's model needs " + java.util.Arrays.toString(initial[k].shape().dims()));
            }
            t[k] = o.constant(initial[k].shape(), a.values());
        }
        return built.model().state(t);
    }

    private static Tensor[] parametersOf(Ops o, DynamicalModel<?> model, Restart r) {
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

    /**
     * The latest restart that can continue this run: readable, written by this scenario, and with no
     * more output records than the partial output holds. Unusable ones are skipped with a message.
     */
    private static Restart usableRestart(Path restartDir, Scenario s, Path part, Consumer<String> log) throws IOException {
        int available;
        try {
            available = LatLonRecordWriter.recordsIn(part);
        } catch (IOException e) {
            throw new RunException("cannot resume: the partial output is unreadable (" + e.getMessage()
                    + "); start again with --overwrite");
        }
        List<Path> files = RestartFile.all(restartDir);
        for (Path file : files.reversed()) {
            Restart r;
            try {
                r = RestartFile.read(file);
            } catch (IOException e) {
                log.accept("skipping " + file.getFileName() + ": " + e.getMessage());
                continue;
            }
            String nonFinite = nonFiniteField(r);
            if (nonFinite != null) {
                log.accept("skipping " + file.getFileName() + ": " + nonFinite);
                continue;
            }
            if (!r.scenarioDigest().equals(s.digest())) {
                throw new RunException("cannot resume: " + file + " was written by another scenario than " + s.origin()
                        + " (compare with " + restartDir.resolveSibling("scenario.yaml") + "); start again with --overwrite");
            }
            if (r.outputRecords() > available) {
                log.accept("skipping " + file.getFileName() + ": it follows " + r.outputRecords()
                        + " output records, the partial output holds " + available);
                continue;
            }
            log.accept("resuming from " + file + " (step " + r.step() + ", day "
                    + String.format(Locale.ROOT, "%.2f", r.time() / 86400) + ")");
            return r;
        }
        if (!files.isEmpty()) {
            // starting again would remove them and the partial output: that is for --overwrite to do
            throw new RunException("cannot resume: none of the " + files.size() + " restart files in " + restartDir
                    + " can continue the run (each is skipped above, with why); nothing was changed: move the unusable ones"
                    + " away to start from the beginning with --resume, or start again with --overwrite");
        }
        return null;
    }

    /** Where a restart's state holds a NaN or an infinity (a state no run continues from), or null. */
    private static String nonFiniteField(Restart r) {
        for (NamedArray a : r.state()) {
            double[] x = a.values();
            for (int k = 0; k < x.length; k++) {
                if (!Double.isFinite(x[k])) {
                    int nx = a.shape().length == 2 ? a.shape()[1] : x.length;
                    return "field '" + a.name() + "' is " + x[k] + " at row " + k / nx + ", column " + k % nx;
                }
            }
        }
        return null;
    }

    /** What an output directory holds before a run. */
    private record DirectoryState(Path dir, Scenario scenario, boolean scenarioCopy, boolean otherScenario,
                                  List<Path> partials, List<Path> outputs, List<Path> restarts) {
        static DirectoryState of(Path dir, Scenario s) throws IOException {
            if (!Files.isDirectory(dir)) {
                return new DirectoryState(dir, s, false, false, List.of(), List.of(), List.of());
            }
            Path copy = dir.resolve("scenario.yaml");
            boolean hasCopy = Files.exists(copy);
            boolean other = hasCopy && !Files.readString(copy, StandardCharsets.UTF_8).equals(s.text());
            List<Path> partials;
            List<Path> outputs;
            try (var files = Files.list(dir)) {
                List<Path> all = files.toList();
                partials = all.stream().filter(p -> p.getFileName().toString().matches("\\..+\\.nc\\.part")).toList();
                outputs = all.stream().filter(p -> p.getFileName().toString().equals(s.name() + ".nc")
                        || p.getFileName().toString().equals(s.name() + ".incomplete.nc")).toList();
            }
            return new DirectoryState(dir, s, hasCopy, other, partials, outputs, RestartFile.all(dir.resolve("restart")));
        }

        boolean holdsRun() {
            return scenarioCopy || !partials.isEmpty() || !outputs.isEmpty() || !restarts.isEmpty();
        }

        boolean interrupted() {
            return !partials.isEmpty();
        }

        /** Only the output of a run that blew up, no complete or partial output. */
        boolean blewUp() {
            return partials.isEmpty() && !outputs.isEmpty()
                    && outputs.stream().allMatch(p -> p.getFileName().toString().endsWith(".incomplete.nc"));
        }

        String description() {
            List<String> what = new ArrayList<>();
            if (scenarioCopy) {
                what.add("scenario.yaml");
            }
            partials.forEach(p -> what.add(p.getFileName().toString()));
            outputs.forEach(p -> what.add(p.getFileName().toString()));
            if (!restarts.isEmpty()) {
                what.add(restarts.size() + " restart files");
            }
            return String.join(", ", what);
        }

        /** Removes the earlier run's files (output, partial output, restarts, scenario copy). */
        void clear() throws IOException {
            for (Path p : partials) {
                Files.deleteIfExists(p);
            }
            for (Path p : outputs) {
                Files.deleteIfExists(p);
            }
            for (Path p : restarts) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir.resolve("scenario.yaml"));
        }
    }

    static void writeAtomically(Path file, String text) throws IOException {
        org.ferrel.io.files.AtomicFiles.writeString(file, text);
    }

    /** A run that cannot start or continue as asked (the message says why and what to do). */
    public static final class RunException extends RuntimeException {
        public RunException(String message) {
            super(message);
        }
    }
}
