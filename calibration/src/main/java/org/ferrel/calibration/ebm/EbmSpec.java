package org.ferrel.calibration.ebm;

import java.util.Map;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.config.ConfigNode;
import org.ferrel.io.scenario.InitialPerturbation;
import org.ferrel.io.scenario.ModelSpec;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.physics.ebm.EbmGrid;
import org.ferrel.physics.ebm.EbmParameters;
import org.ferrel.physics.ebm.EnergyBalanceModel;
import org.ferrel.physics.ebm.IceEdge;

/**
 * The energy balance model's sections of a scenario file ({@code model: energy-balance}):
 * <pre>
 * grid: {cells: 90, domain: hemisphere}      # equal-area cells in x = sin(latitude); or domain: globe
 * ice:  {albedoFeedback: true, freezingTemperature: -10, width: 1}   # the ice line T_s [degC] and the edge's width [K]
 * parameters: {ebm.olrIntercept: 203.3, ebm.olrSlope: 2.09}          # replacing North's (1975) values, by name
 * </pre>
 * With {@code albedoFeedback: false} the co-albedo is ice-free everywhere and the steady state is one
 * linear solve.
 *
 * @param cells  number of equal-area cells
 * @param domain hemisphere (symmetric about the equator) or globe
 * @param iceEdge the ice-albedo switch ({@link IceEdge#none()} without feedback)
 */
public record EbmSpec(int cells, EbmGrid.Domain domain, IceEdge iceEdge) implements ModelSpec {

    /** Reads the sections (errors name the file, line and key). */
    static EbmSpec parse(ConfigNode root, Map<String, Integer> lines) {
        int cells = 90;
        EbmGrid.Domain domain = EbmGrid.Domain.HEMISPHERE;
        ConfigNode g = root.child("grid");
        if (g != null) {
            g.allowOnly("cells", "domain");
            cells = g.integer("cells", 90, 2, 100_000);
            domain = g.choice("domain", "hemisphere", "hemisphere", "globe").equals("globe") ? EbmGrid.Domain.GLOBE
                    : EbmGrid.Domain.HEMISPHERE;
            lines.put("grid.cells", g.line("cells"));
        }
        IceEdge edge = IceEdge.north();
        ConfigNode ice = root.child("ice");
        if (ice != null) {
            ice.allowOnly("albedoFeedback", "freezingTemperature", "width");
            if (!ice.flag("albedoFeedback", true)) {
                for (String key : new String[] {"freezingTemperature", "width"}) {
                    if (ice.has(key)) {
                        throw ice.error(key, "without the ice-albedo feedback there is no ice line; remove " + key
                                + " or set albedoFeedback: true");
                    }
                }
                edge = IceEdge.none();
            } else {
                edge = IceEdge.smooth(ice.number("freezingTemperature", -10, -100, 100, "degC"),
                        ice.number("width", 1, 1e-3, 50, "K"));
            }
        }
        return new EbmSpec(cells, domain, edge);
    }

    @Override
    public String family() {
        return EnergyBalanceFamily.KEY;
    }

    @Override
    public InitialPerturbation perturbation() {
        return InitialPerturbation.NONE;
    }

    /** A steady state has no initial state to perturb. */
    @Override
    public ModelSpec withPerturbation(InitialPerturbation p) {
        if (!p.isNone()) {
            throw new IllegalArgumentException("the energy balance model is solved for its steady state: it has no initial"
                    + " state to perturb");
        }
        return this;
    }

    /** The grid of cells. */
    public EbmGrid grid() {
        return EbmGrid.of(domain, cells);
    }

    /** The model. */
    public EnergyBalanceModel model() {
        return new EnergyBalanceModel(grid(), iceEdge);
    }

    /** The energy balance part of a scenario of this family. */
    public static EbmSpec of(Scenario s) {
        if (!(s.model() instanceof EbmSpec spec)) {
            throw new IllegalArgumentException(s.origin() + " is a scenario of the '" + s.model().family()
                    + "' family, not of the energy balance model");
        }
        return spec;
    }

    /**
     * North's (1975) parameters ({@link EbmParameters#NORTH_1975}) with the scenario's {@code parameters:}
     * values put in, checked by name, count and bounds.
     *
     * @throws ConfigException naming the scenario file, line and key
     */
    public static EbmParameters parameters(Scenario s) {
        EbmParameters p = EbmParameters.NORTH_1975;
        for (var e : s.parameterValues().entrySet()) {
            String key = "parameters." + e.getKey();
            Parameter declared = EbmParameters.DECLARED.stream().filter(d -> d.name().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new ConfigException(s.origin(), s.line(key), key, "unknown parameter; the energy balance"
                            + " model has " + EbmParameters.DECLARED.stream().map(Parameter::name).toList()));
            double[] v = e.getValue();
            if (v.length != 1) {
                throw new ConfigException(s.origin(), s.line(key), key, "expected 1 value, got " + v.length);
            }
            if (!(v[0] >= declared.lower() && v[0] <= declared.upper())) {
                throw new ConfigException(s.origin(), s.line(key), key, "value " + v[0] + " outside the bounds ["
                        + declared.lower() + ", " + declared.upper() + "] " + declared.units());
            }
            p = p.with(e.getKey(), v[0]);
        }
        return p;
    }
}
