package org.ferrel.calibration.ebm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.io.FerrelVersion;
import org.ferrel.io.files.AtomicFiles;
import org.ferrel.io.netcdf.ArrayFile;
import org.ferrel.io.scenario.RunReport;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioRunner;
import org.ferrel.physics.ebm.EbmGrid;
import org.ferrel.physics.ebm.EbmParameters;
import org.ferrel.physics.ebm.EnergyBalanceModel;

/**
 * {@code ferrel run} of an energy balance scenario: the steady state reached from the model's default
 * first guess ({@link EnergyBalanceModel#equilibrium}), written as
 * <pre>
 * DIR/scenario.yaml   the scenario as run
 * DIR/NAME.nc         CF-1.8: surface_temperature (degC), outgoing_longwave, absorbed_shortwave, insolation,
 *                     heat_transport_convergence (W m-2) on the cells' latitudes (lat, lat_bnds), and the scalars
 *                     ice_line_latitude (degrees_north), global_mean_temperature (degC), unstable_modes
 * </pre>
 * The global attributes repeat the ice line, the stability and the parameters ({@code ebm.*}). A steady
 * state that is not found stops the run with the solver's message and writes nothing.
 */
final class EbmSteadyRun {
    private EbmSteadyRun() {
    }

    /** The output and the one-line summary of a steady run. */
    record Result(Path output, String summary) implements RunReport {
    }

    static RunReport run(Scenario s, ScenarioRunner.Options options) throws IOException {
        Path dir = options.outputDirectory();
        Path output = ScenarioRunner.outputFile(dir, s);
        Path scenarioCopy = dir.resolve("scenario.yaml");
        if (Files.exists(output) && !options.overwrite()) {
            boolean same = Files.exists(scenarioCopy) && Files.readString(scenarioCopy).equals(s.text());
            if (options.resume() && same) {
                options.log().accept("the run in " + dir + " is already complete: " + output);
                return new Result(output, "");
            }
            throw new ScenarioRunner.RunException(dir + " already holds a complete run (" + output.getFileName()
                    + "); choose another output directory, or use --overwrite to replace it");
        }
        EbmSpec spec = EbmSpec.of(s);
        EbmParameters p = EbmSpec.parameters(s);
        EnergyBalanceModel model = spec.model();
        long t0 = System.nanoTime();
        EnergyBalanceModel.Equilibrium e;
        try {
            e = model.equilibrium(p);
        } catch (EnergyBalanceModel.EquilibriumNotFoundException ex) {
            throw new ScenarioRunner.RunException(s.origin() + ": no steady state found: " + ex.getMessage());
        }
        Files.createDirectories(dir);
        AtomicFiles.writeString(scenarioCopy, s.text());
        ArrayFile.write(output, content(s, spec, model, p, e));
        double seconds = (System.nanoTime() - t0) * 1e-9;
        return new Result(output, String.format(Locale.ROOT, "steady state in %d iterations (largest residual %.2g W m-2):"
                        + " global mean %.3f degC, ice line at %s, %s; %.2f s; output %s", e.iterations(), e.residual(),
                e.globalMean(), iceLine(e), e.isStable() ? "stable" : e.unstableModes() + " unstable modes", seconds, output));
    }

    private static String iceLine(EnergyBalanceModel.Equilibrium e) {
        return Double.isNaN(e.iceLine()) ? "none (no ice-albedo feedback)"
                : String.format(Locale.ROOT, "%.3f degrees latitude", e.iceLineLatitude());
    }

    /** The file's variables and attributes. */
    static ArrayFile.Content content(Scenario s, EbmSpec spec, EnergyBalanceModel model, EbmParameters p,
                                     EnergyBalanceModel.Equilibrium e) {
        EbmGrid grid = model.grid();
        int n = grid.cellCount();
        Eager o = Eager.serial();
        Tensor[] pt = p.tensors(o);
        Tensor t = o.constant(grid.shape(), e.temperature());
        double[] faces = grid.faces();
        double[] bounds = new double[2 * n];
        for (int i = 0; i < n; i++) {
            bounds[2 * i] = Math.toDegrees(Math.asin(faces[i]));
            bounds[2 * i + 1] = Math.toDegrees(Math.asin(faces[i + 1]));
        }
        List<ArrayFile.Variable> v = new ArrayList<>();
        v.add(variable("lat", grid.centreLatitudes(), "degrees_north", "latitude of the cell centre (x = sin(latitude) at the"
                + " middle of the cell)", "latitude", Map.of("axis", "Y", "bounds", "lat_bnds")));
        v.add(new ArrayFile.Variable("lat_bnds", List.of("lat", "nv"), new int[] {n, 2}, bounds,
                Map.of("units", "degrees_north", "long_name", "latitudes of the cell faces")));
        v.add(variable("surface_temperature", e.temperature(), "degC", "steady-state surface temperature (annual and zonal"
                + " mean)", "surface_temperature", Map.of()));
        v.add(variable("outgoing_longwave", model.outgoingLongwave(o, t, pt).values(), "W m-2",
                "outgoing long-wave radiation at the top of the atmosphere, A + B T", "toa_outgoing_longwave_flux", Map.of()));
        v.add(variable("absorbed_shortwave", model.absorbedShortwave(o, t, pt).values(), "W m-2",
                "absorbed short-wave radiation, Q s(x) a(x, T)", "toa_net_downward_shortwave_flux", Map.of()));
        v.add(variable("insolation", model.insolation(o, pt).values(), "W m-2", "insolation at the top of the atmosphere,"
                + " Q s(x)", "toa_incoming_shortwave_flux", Map.of()));
        v.add(variable("heat_transport_convergence", model.transport(o, t, pt).values(), "W m-2",
                "convergence of the diffusive meridional heat transport, D d/dx[(1 - x^2) dT/dx]", null, Map.of()));
        v.add(scalar("ice_line_latitude", e.iceLineLatitude(), "degrees_north", "latitude of the ice line (T = T_s), NaN"
                + " without ice-albedo feedback"));
        v.add(scalar("global_mean_temperature", e.globalMean(), "degC", "area-weighted mean surface temperature"));
        v.add(scalar("unstable_modes", e.unstableModes(), "1", "growing modes of the linearised model at the steady state"
                + " (0: stable)"));
        Map<String, String> a = new LinkedHashMap<>();
        a.put("Conventions", "CF-1.8");
        a.put("title", "Ferrel energy balance model: steady state of scenario '" + s.name() + "'");
        a.put("institution", "Ferrel");
        a.put("source", new EnergyBalanceFamily().description());
        a.put("references", "North, G. R. (1975), Theory of energy-balance climate models, J. Atmos. Sci. 32, 2033-2043");
        a.put("ferrel_version", FerrelVersion.VERSION);
        a.put("model_family", EnergyBalanceFamily.KEY);
        a.put("scenario_name", s.name());
        a.put("scenario", s.text());
        a.put("grid", n + " equal-area cells in x = sin(latitude) on the " + spec.domain().name().toLowerCase(Locale.ROOT)
                + (spec.domain() == EbmGrid.Domain.HEMISPHERE ? " (symmetric about the equator)" : ""));
        a.put("ice_line_latitude", Double.toString(e.iceLineLatitude()));
        a.put("stable", Boolean.toString(e.isStable()));
        a.put("solver_iterations", Integer.toString(e.iterations()));
        a.put("steady_state_residual", e.residual() + " W m-2 (largest |F(T)| over the cells)");
        double[] values = p.values();
        for (int k = 0; k < EbmParameters.COUNT; k++) {
            Parameter d = EbmParameters.DECLARED.get(k);
            a.put(d.name(), values[k] + " " + d.units());
        }
        return new ArrayFile.Content(a, v);
    }

    private static ArrayFile.Variable variable(String name, double[] values, String units, String longName, String standardName,
                                               Map<String, String> extra) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("units", units);
        a.put("long_name", longName);
        if (standardName != null) {
            a.put("standard_name", standardName);
        }
        a.putAll(new java.util.TreeMap<>(extra));
        return new ArrayFile.Variable(name, List.of("lat"), new int[] {values.length}, values, a);
    }

    private static ArrayFile.Variable scalar(String name, double value, String units, String longName) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("units", units);
        a.put("long_name", longName);
        return new ArrayFile.Variable(name, List.of(), new int[0], new double[] {value}, a);
    }
}
