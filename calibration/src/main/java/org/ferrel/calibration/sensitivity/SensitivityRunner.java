package org.ferrel.calibration.sensitivity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.calibration.campaign.Json;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.DynamicalModel;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.StateVector;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.figures.ColourScale;
import org.ferrel.io.figures.MapData;
import org.ferrel.io.figures.MapFigure;
import org.ferrel.io.figures.MapStyle;
import org.ferrel.io.files.AtomicFiles;
import org.ferrel.io.netcdf.LatLonRecordWriter;
import org.ferrel.io.netcdf.OutputEncoding;
import org.ferrel.io.netcdf.TimeAxis;
import org.ferrel.io.netcdf.VariableInfo;
import org.ferrel.io.scenario.BuiltModel;
import org.ferrel.io.scenario.Observable;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioModels;

/**
 * Computes a {@link Sensitivity} with one adjoint run of the scenario's model (binomial checkpoints)
 * and writes it, for any model family:
 * <pre>
 * DIR/sensitivity.nc    dJ/dx(0) of every initial state field (at its own C-grid location, on the
 *                       levels for fields on levels), dJ/dp of every parameter field on the grid, and
 *                       of every scalar parameter as a variable without dimensions (CF-1.8)
 * DIR/sensitivity.json  J, what it is, and dJ/dp with the elasticity p dJ/dp of every parameter
 * DIR/initial_NAME.png  maps of dJ/dx(0) (the lowest level of fields on levels), DIR/PARAMETER.png of parameter fields
 * DIR/sensitivity.yaml  the file as run
 * </pre>
 */
public final class SensitivityRunner {

    /** What was computed: J, and where the report is. */
    public record Result(double value, String units, Path directory, Map<String, double[]> initialGradients,
                         Map<String, double[]> parameterGradients) {
    }

    private SensitivityRunner() {
    }

    public static Path defaultDirectory(Sensitivity s) {
        return Path.of("ferrel-out", s.name() + "-sensitivity");
    }

    /** Runs the model forward (checking its health), then the adjoint, and writes the outputs. */
    public static Result run(Sensitivity s, Path dir, Consumer<String> log) throws IOException {
        Eager ops = Eager.serial();
        Scenario scenario = ScenarioModels.resolveTimeStep(s.scenario(), ops);
        return run(s, scenario, ScenarioModels.build(scenario, ops), dir, log, ops);
    }

    private static <S extends StateVector<S>> Result run(Sensitivity s, Scenario scenario, BuiltModel<S> built, Path dir,
                                                         Consumer<String> log, Eager ops) throws IOException {
        Observable<S> field;
        try {
            field = built.observable(s.field(), s.level());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.origin(), s.line("diagnostic.field"), "diagnostic.field", e.getMessage());
        }
        LatLonGrid grid = built.grid();
        double[] weights = regionWeights(grid, s.region());
        if (weights == null) {
            throw new ConfigException(s.origin(), s.line("diagnostic.region"), "diagnostic.region", "no cell centre of the "
                    + grid.nx() + " x " + grid.ny() + " grid lies in " + s.region());
        }
        DynamicalModel<S> model = built.model();
        double dt = model.timeStep();
        int steps = (int) Math.round(scenario.run().length() / dt);
        int window = (int) Math.max(1, Math.min(steps, Math.round(s.window() / dt)));
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= window;
        }
        Tensor w = ops.constant(grid.shape(), weights);
        log.accept(String.format(Locale.ROOT, "J = area mean of %s over %s, time mean over the last %d of %d steps; %d parameters",
                field.name(), s.region(), window, steps, model.parameters().size()));
        // the forward run first: a run that blows up is reported as such, not as a NaN gradient
        model.run(ops, built.initial(), built.parameters(), steps, DynamicalModel.Observer.none());
        Cost cost = (o, level, state, p) -> level > steps - window
                ? o.sum(o.mul(o.lift(w), field.at(o, model.state(state), model.values(p)))) : null;
        long t0 = System.nanoTime();
        LoopGradient g = new TimeLoop(model.asStep(), steps, cost).gradient(ops, built.initial().toArray(), built.parameters(),
                CheckpointSchedule.binomial(s.checkpoints()));
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double value = g.cost().item();
        log.accept(String.format(Locale.ROOT, "J = %.8g %s; adjoint run in %.1f s (%d snapshots)", value, field.units(), seconds,
                s.checkpoints()));
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("sensitivity.yaml"), s.text());
        Map<String, double[]> parameterGradients = new LinkedHashMap<>();
        List<Parameter> declared = model.parameters();
        for (int k = 0; k < declared.size(); k++) {
            parameterGradients.put(declared.get(k).name(), g.parameterGradient()[k].values());
        }
        Map<String, double[]> initialGradients = new LinkedHashMap<>();
        for (int k = 0; k < built.stateNames().size(); k++) {
            initialGradients.put(built.stateNames().get(k), g.initialStateGradient()[k].values());
        }
        writeNetcdf(s, scenario, built, field, value, g, dir);
        writeJson(s, built, field, value, g, seconds, dir);
        writeMaps(built, field, g, dir);
        return new Result(value, field.units(), dir, initialGradients, parameterGradients);
    }

    /** Cell areas in the region, normalised to sum 1 (null when no cell centre is in it). */
    static double[] regionWeights(LatLonGrid grid, Sensitivity.Region region) {
        double[] area = grid.cellArea();
        double[] w = new double[grid.nx() * grid.ny()];
        double total = 0;
        for (int j = 0; j < grid.ny(); j++) {
            double lat = Math.toDegrees(grid.latitude(j));
            for (int i = 0; i < grid.nx(); i++) {
                double lon = Math.toDegrees(grid.x(org.ferrel.dycore.grid.Location.CENTER, i));
                if (region.contains(lat, lon)) {
                    w[j * grid.nx() + i] = area[j];
                    total += w[j * grid.nx() + i];
                }
            }
        }
        if (total == 0) {
            return null;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= total;
        }
        return w;
    }

    private static String units(String j, String of) {
        return of == null || of.isBlank() || of.equals("1") ? j : "(" + j + ") / (" + of + ")";
    }

    private static <S extends StateVector<S>> void writeNetcdf(Sensitivity s, Scenario scenario, BuiltModel<S> built,
                                                               Observable<S> field, double value, LoopGradient g, Path dir)
            throws IOException {
        LatLonGrid grid = built.grid();
        int plane = grid.nx() * grid.ny();
        List<VariableInfo> fields = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        Set<String> layered = new HashSet<>();
        List<LatLonRecordWriter.StaticField> scalars = new ArrayList<>();
        for (int k = 0; k < built.stateNames().size(); k++) {
            String name = "d_J_d_initial_" + built.stateNames().get(k);
            double[] x = g.initialStateGradient()[k].values();
            fields.add(new VariableInfo(name, units(field.units(), built.stateUnits().get(k)), "sensitivity of J to the initial "
                    + built.stateNames().get(k) + " at its own C-grid location (u: east faces, v: north faces, others: centres)",
                    null));
            values.add(x);
            if (x.length > plane) {
                layered.add(name);
            }
        }
        List<VariableInfo> series = new ArrayList<>();
        List<Double> seriesValues = new ArrayList<>();
        List<Parameter> declared = built.model().parameters();
        for (int k = 0; k < declared.size(); k++) {
            Parameter p = declared.get(k);
            double[] x = g.parameterGradient()[k].values();
            String name = "d_J_d_" + p.name().replace('.', '_');
            VariableInfo info = new VariableInfo(name, units(field.units(), p.units()), "sensitivity of J to the parameter "
                    + p.name() + " (" + p.description() + ")", null);
            if (x.length == plane && p.shape().dims().length == 2) {
                fields.add(info);
                values.add(x);
            } else if (x.length == 1) {
                series.add(info);
                seriesValues.add(x[0]);
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("title", "Ferrel adjoint sensitivity '" + s.name() + "'");
        attributes.put("source", "Ferrel, one adjoint run of the scenario '" + scenario.name() + "' (" + scenario.model().family()
                + ") with " + s.checkpoints() + " binomial checkpoints");
        attributes.put("diagnostic", "J = area mean of " + field.name() + " [" + field.units() + "] over " + s.region()
                + ", time mean over the last " + s.window() + " s of the run");
        attributes.put("diagnostic_value", Double.toString(value));
        attributes.put("comment", "the time axis has one record, the initial time, to which the sensitivities refer; sensitivities"
                + " to scalar parameters are time series of length one");
        attributes.put("sensitivity", s.text());
        LatLonRecordWriter.Layout layout = new LatLonRecordWriter.Layout(grid, fields, series, scalars,
                new TimeAxis(LocalDateTime.parse(scenario.run().start())), false, attributes,
                layered.isEmpty() ? null : built.verticalAxis(), layered);
        try (LatLonRecordWriter writer = LatLonRecordWriter.create(dir.resolve("sensitivity.nc"), layout, OutputEncoding.DEFAULT)) {
            writer.append(0, 0, values.toArray(double[][]::new), seriesValues.stream().mapToDouble(Double::doubleValue).toArray());
            writer.commit();
        }
    }

    private static <S extends StateVector<S>> void writeJson(Sensitivity s, BuiltModel<S> built, Observable<S> field, double value,
                                                             LoopGradient g, double seconds, Path dir) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sensitivity", s.name());
        r.put("diagnostic", "area mean of " + field.name() + " over " + s.region() + ", time mean over the last " + s.window()
                + " s");
        r.put("value", value);
        r.put("units", field.units());
        r.put("adjoint_seconds", seconds);
        List<Object> params = new ArrayList<>();
        List<Parameter> declared = built.model().parameters();
        Tensor[] p = built.parameters();
        for (int k = 0; k < declared.size(); k++) {
            double[] grad = g.parameterGradient()[k].values();
            double[] theta = p[k].values();
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("name", declared.get(k).name());
            q.put("units", declared.get(k).units());
            if (grad.length == 1) {
                q.put("value", theta[0]);
                q.put("gradient", grad[0]);
                q.put("elasticity", theta[0] * grad[0]);
            } else {
                double norm = 0;
                double elasticity = 0;
                for (int i = 0; i < grad.length; i++) {
                    norm += grad[i] * grad[i];
                    elasticity += theta[i] * grad[i];
                }
                q.put("values", grad.length);
                q.put("gradient_norm", Math.sqrt(norm));
                q.put("elasticity", elasticity);
                if (grad.length <= 64) {
                    q.put("gradient", grad);
                }
            }
            params.add(q);
        }
        r.put("parameters", params);
        AtomicFiles.writeString(dir.resolve("sensitivity.json"), Json.write(r));
    }

    private static <S extends StateVector<S>> void writeMaps(BuiltModel<S> built, Observable<S> field, LoopGradient g, Path dir)
            throws IOException {
        LatLonGrid grid = built.grid();
        int plane = grid.nx() * grid.ny();
        double[] lons = new double[grid.nx()];
        double[] lats = new double[grid.ny()];
        for (int i = 0; i < lons.length; i++) {
            lons[i] = Math.toDegrees(grid.x(org.ferrel.dycore.grid.Location.CENTER, i));
        }
        for (int j = 0; j < lats.length; j++) {
            lats[j] = Math.toDegrees(grid.latitude(j));
        }
        MapStyle style = MapStyle.of(ColourScale.Kind.DIVERGING);
        for (int k = 0; k < built.stateNames().size(); k++) {
            double[] x = g.initialStateGradient()[k].values();
            int levels = x.length / plane;
            double[] map = java.util.Arrays.copyOfRange(x, (levels - 1) * plane, levels * plane);
            String name = built.stateNames().get(k);
            MapFigure.write(dir.resolve("initial_" + name + ".png"), new MapData(lons, lats, map,
                    "dJ/d(initial " + name + ")" + (levels > 1 ? ", lowest level" : ""), "J: " + field.name(),
                    units(field.units(), built.stateUnits().get(k))), style);
        }
        List<Parameter> declared = built.model().parameters();
        for (int k = 0; k < declared.size(); k++) {
            double[] x = g.parameterGradient()[k].values();
            if (x.length == plane && declared.get(k).shape().dims().length == 2) {
                MapFigure.write(dir.resolve(declared.get(k).name() + ".png"), new MapData(lons, lats, x,
                        "dJ/d(" + declared.get(k).name() + ")", "J: " + field.name(), units(field.units(), declared.get(k).units())),
                        style);
            }
        }
    }
}
