package org.ferrel.calibration.ebm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ferrel.calibration.campaign.Campaign;
import org.ferrel.calibration.campaign.CampaignProblem;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.netcdf.ArrayFile;
import org.ferrel.io.observations.GriddedObservation;
import org.ferrel.io.observations.ObservationReader;
import org.ferrel.io.observations.ReadOptions;
import org.ferrel.io.scenario.ObservedLevel;
import org.ferrel.physics.ebm.EbmGrid;
import org.ferrel.physics.ebm.EbmParameters;
import org.ferrel.physics.ebm.EnergyBalanceModel;

/**
 * A campaign of the energy balance model: its steady state fitted to gridded observations
 * ({@link EbmCalibrationProblem}). Each observation set names one of the model's observable fields,
 * <pre>
 *   surface_temperature  degC    (files in K are converted through UDUNITS)
 *   outgoing_longwave    W m-2
 *   absorbed_shortwave   W m-2
 * </pre>
 * with {@code operator: zonal-mean}: the file's records are averaged in time (12 records: a monthly
 * climatology, weighted by the lengths of the months as {@link NcepClimatology#annualMean}; otherwise
 * equally), each latitude row over its longitudes, and the zonal means onto the model's cells,
 * area-weighted in x = sin(latitude) ({@link NcepClimatology#toCells}; on a hemisphere the two
 * hemispheres averaged). Missing values are left out of the means and counted; a row with none left is
 * dropped. Every steady-state solve starts from the observed temperature profile when a set observes
 * it (else from the model's default first guess).
 */
final class EbmCampaign implements CampaignProblem {

    /** The observable fields, with their units and the quantity of the steady state each is. */
    static final Map<String, EbmCalibrationProblem.Quantity> FIELDS = fields();
    static final Map<String, String> UNITS = Map.of("surface_temperature", "degC", "outgoing_longwave", "W m-2",
            "absorbed_shortwave", "W m-2");

    private static Map<String, EbmCalibrationProblem.Quantity> fields() {
        Map<String, EbmCalibrationProblem.Quantity> f = new LinkedHashMap<>();
        f.put("surface_temperature", EbmCalibrationProblem.Quantity.TEMPERATURE);
        f.put("outgoing_longwave", EbmCalibrationProblem.Quantity.OUTGOING_LONGWAVE);
        f.put("absorbed_shortwave", EbmCalibrationProblem.Quantity.ABSORBED_SHORTWAVE);
        return f;
    }

    private final Campaign campaign;
    private final EbmSpec spec;
    private final EbmCalibrationProblem problem;
    private final List<ObservedSet> sets;
    private final double[] start;

    private EbmCampaign(Campaign campaign, EbmSpec spec, EbmCalibrationProblem problem, List<ObservedSet> sets, double[] start) {
        this.campaign = campaign;
        this.spec = spec;
        this.problem = problem;
        this.sets = List.copyOf(sets);
        this.start = start;
    }

    /** Builds the problem, every input checked (errors name the campaign file, line and key). */
    static EbmCampaign prepare(Campaign c) {
        EbmSpec spec = EbmSpec.of(c.scenario());
        EbmParameters fixed = EbmSpec.parameters(c.scenario());
        EnergyBalanceModel model = spec.model();
        List<String> declared = EbmParameters.DECLARED.stream().map(Parameter::name).toList();
        for (String name : c.parameters()) {
            if (!declared.contains(name)) {
                throw new ConfigException(c.origin(), c.line("parameters." + name), "parameters." + name,
                        "unknown parameter; the energy balance model has " + declared);
            }
        }
        List<EbmCalibrationProblem.Profile> profiles = new ArrayList<>();
        List<ObservedSet> sets = new ArrayList<>();
        double[] guess = model.defaultInitialGuess();
        boolean temperatureObserved = false;
        for (Campaign.ObservationSpec o : c.observations()) {
            Observed observed = observe(c, o, model.grid());
            EbmCalibrationProblem.Quantity q = FIELDS.get(o.field());
            profiles.add(new EbmCalibrationProblem.Profile(q, observed.values(), o.error()));
            sets.add(new ObservedSet(o.name(), o.field(), UNITS.get(o.field()), "area-weighted zonal mean onto the "
                    + model.grid().cellCount() + " cells of the " + spec.domain().name().toLowerCase(Locale.ROOT),
                    observed.dropped(), observed.values(), observed.values()));
            if (q == EbmCalibrationProblem.Quantity.TEMPERATURE && !temperatureObserved) {
                guess = observed.values();
                temperatureObserved = true;
            }
        }
        EbmCalibrationProblem problem;
        try {
            problem = new EbmCalibrationProblem(model, profiles, guess, fixed, c.parameters(), c.priors(),
                    EnergyBalanceModel.SolverOptions.defaults());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.origin(), c.line("parameters"), "parameters", e.getMessage());
        }
        return new EbmCampaign(c, spec, problem, sets, problem.theta(fixed));
    }

    private record Observed(double[] values, int dropped) {
    }

    /** One set's observations on the model's cells (see the class comment). */
    private static Observed observe(Campaign c, Campaign.ObservationSpec o, EbmGrid grid) {
        String key = "observations." + o.name();
        if (!FIELDS.containsKey(o.field())) {
            throw new ConfigException(c.origin(), c.line(key + ".field"), key + ".field", "the energy balance model has no field '"
                    + o.field() + "'; its observable fields are " + FIELDS.keySet());
        }
        if (o.level().kind() != ObservedLevel.Kind.NONE) {
            throw new ConfigException(c.origin(), c.line(key), key, "the energy balance model has no vertical levels: remove"
                    + " sigma or pressure");
        }
        if (!o.operator().equals("zonal-mean")) {
            throw new ConfigException(c.origin(), c.line(key), key + ".operator", "the energy balance model is zonal: give"
                    + " operator: zonal-mean (area-weighted zonal means onto its cells), not " + o.operator());
        }
        if (o.stride() != 1) {
            throw new ConfigException(c.origin(), c.line(key), key + ".stride", "every latitude goes into the zonal means of the"
                    + " energy balance model: remove stride");
        }
        GriddedObservation g;
        try {
            ReadOptions options = ReadOptions.defaults().units(UNITS.get(o.field()));
            for (Map.Entry<String, Double> e : o.selection().entrySet()) {
                options = options.select(e.getKey(), e.getValue());
            }
            g = ObservationReader.read(o.file(), o.variable(), options);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(c.origin(), c.line(key), key, e.getMessage());
        }
        double[] weights = new double[g.nt()];
        for (int t = 0; t < weights.length; t++) {
            weights[t] = g.nt() == 12 ? NcepClimatology.MONTH_DAYS[t] : 1.0;
        }
        List<Double> latitudes = new ArrayList<>();
        List<Double> rows = new ArrayList<>();
        int dropped = 0;
        for (int j = 0; j < g.ny(); j++) {
            double rowSum = 0;
            int points = 0;
            for (int i = 0; i < g.nx(); i++) {
                double sum = 0;
                double weight = 0;
                for (int t = 0; t < g.nt(); t++) {
                    double v = g.value(t, j, i);
                    if (Double.isFinite(v)) {
                        sum += weights[t] * v;
                        weight += weights[t];
                    }
                }
                if (weight > 0) {
                    rowSum += sum / weight;
                    points++;
                } else {
                    dropped++;
                }
            }
            if (points > 0) {
                latitudes.add(g.latitudes()[j]);
                rows.add(rowSum / points);
            }
        }
        if (rows.size() < 2) {
            throw new ConfigException(c.origin(), c.line(key), key, o.file() + ", variable '" + o.variable() + "': fewer than two"
                    + " latitudes with values");
        }
        double[] lat = latitudes.stream().mapToDouble(Double::doubleValue).toArray();
        double[] zonal = rows.stream().mapToDouble(Double::doubleValue).toArray();
        if (lat[0] > lat[lat.length - 1]) {
            reverse(lat);
            reverse(zonal);
        }
        return new Observed(NcepClimatology.toCells(lat, zonal, grid), dropped);
    }

    private static void reverse(double[] a) {
        for (int i = 0, k = a.length - 1; i < k; i++, k--) {
            double x = a[i];
            a[i] = a[k];
            a[k] = x;
        }
    }

    @Override
    public Campaign campaign() {
        return campaign;
    }

    @Override
    public EbmCalibrationProblem problem() {
        return problem;
    }

    @Override
    public double[] start() {
        return start.clone();
    }

    @Override
    public String runDescription() {
        return "one steady-state solve per run (" + problem.model().grid().cellCount() + " cells of the "
                + spec.domain().name().toLowerCase(Locale.ROOT) + ")";
    }

    @Override
    public List<ObservedSet> sets() {
        return sets;
    }

    /** The model's value of each set, and the steady state's temperature, OLR, absorbed short-wave and ice line. */
    @Override
    public Evaluation evaluate(double[] theta) {
        EbmCalibrationProblem.Solution s = problem.solution(theta);
        return new Evaluation(s.observed(), List.of(s.equilibrium().temperature(), s.outgoingLongwave(), s.absorbedShortwave(),
                new double[] {s.equilibrium().iceLineLatitude()}));
    }

    @Override
    public void writeFields(Path file, Evaluation start, Evaluation fit, Map<String, String> attributes) throws IOException {
        EbmGrid grid = problem.model().grid();
        int n = grid.cellCount();
        List<ArrayFile.Variable> v = new ArrayList<>();
        v.add(new ArrayFile.Variable("lat", List.of("lat"), new int[] {n}, grid.centreLatitudes(), ordered("units",
                "degrees_north", "standard_name", "latitude", "long_name", "latitude of the cell centre", "axis", "Y")));
        String[] names = {"surface_temperature", "outgoing_longwave", "absorbed_shortwave"};
        String[] units = {"degC", "W m-2", "W m-2"};
        for (int k = 0; k < names.length; k++) {
            v.add(profile(names[k] + "_start", start.fields().get(k), units[k], "steady state with the start parameters"));
            v.add(profile(names[k] + "_fitted", fit.fields().get(k), units[k], "steady state with the fitted parameters"));
        }
        for (ObservedSet s : sets) {
            v.add(profile(org.ferrel.calibration.campaign.CampaignRunner.variableName(s.name()) + "_observed", s.values(), s.units(), "observation set '" + s.name() + "' ("
                    + s.field() + "), " + s.operator()));
        }
        v.add(new ArrayFile.Variable("ice_line_latitude_start", List.of(), new int[0], start.fields().get(3), ordered("units",
                "degrees_north", "long_name", "ice line of the steady state with the start parameters")));
        v.add(new ArrayFile.Variable("ice_line_latitude_fitted", List.of(), new int[0], fit.fields().get(3), ordered("units",
                "degrees_north", "long_name", "ice line of the steady state with the fitted parameters")));
        Map<String, String> global = new LinkedHashMap<>();
        global.put("Conventions", "CF-1.8");
        global.put("title", "Ferrel calibration '" + campaign.name() + "': energy balance model steady states and observations");
        global.putAll(attributes);
        ArrayFile.write(file, new ArrayFile.Content(global, v));
    }

    private static ArrayFile.Variable profile(String name, double[] values, String units, String longName) {
        return new ArrayFile.Variable(name, List.of("lat"), new int[] {values.length}, values, ordered("units", units, "long_name",
                longName));
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Override
    public Map<String, double[]> parameterValues(double[] theta) {
        double[] values = problem.parameters(theta).values();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int k = 0; k < EbmParameters.COUNT; k++) {
            out.put(EbmParameters.DECLARED.get(k).name(), new double[] {values[k]});
        }
        return out;
    }

    @Override
    public boolean isScalar(String parameter) {
        return true;
    }
}
