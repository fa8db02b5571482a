package org.ferrel.io.scenario.shallowwater;

import java.util.List;
import java.util.Map;
import org.ferrel.autodiff.Ops;
import org.ferrel.io.config.ConfigNode;
import org.ferrel.io.netcdf.RestartFile;
import org.ferrel.io.scenario.TimeSteppingFamily;
import org.ferrel.io.scenario.ModelSpec;
import org.ferrel.io.scenario.Scenario;

/**
 * The shallow-water family ({@code model: shallow-water}, the default): one fluid layer on the
 * lat-lon C-grid with tendency terms ({@code terms:}) and a built-in or file initial state
 * ({@code initial:}), see {@link ShallowWaterSpec}; output variables {@link OutputFields}; observable
 * fields surface, depth, u, v.
 */
public final class ShallowWaterFamily implements TimeSteppingFamily {
    public static final String KEY = "shallow-water";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String description() {
        return "shallow-water dynamical core on the lat-lon C-grid";
    }

    @Override
    public List<String> sections() {
        return List.of("terms", "initial");
    }

    @Override
    public List<String> dynamicsKeys() {
        return List.of("gravity", "referenceDepth");
    }

    /** SSP-RK3, RK4, and the semi-implicit SIL3 (Whitaker and Kar 2013) with implicit gravity waves. */
    @Override
    public List<String> integrators() {
        return List.of("ssp-rk3", "rk4", ShallowWaterSpec.SEMI_IMPLICIT);
    }

    @Override
    public List<String> outputVariables() {
        return OutputFields.NAMES;
    }

    @Override
    public List<String> defaultOutputVariables() {
        return List.of("h", "u", "v", "vorticity", "surface");
    }

    @Override
    public ModelSpec parse(ConfigNode root, Map<String, Integer> lines) {
        return ShallowWaterSpec.parse(root, lines);
    }

    @Override
    public ShallowWaterSetup build(Scenario s, Ops o, RestartFile.Restart restart) {
        return ShallowWaterSetup.build(s, o, restart == null ? null : ShallowWaterSetup.fieldsOf(restart));
    }

    /** The shallow-water part of a scenario of this family. */
    public static ShallowWaterSpec spec(Scenario s) {
        if (!(s.model() instanceof ShallowWaterSpec spec)) {
            throw new IllegalArgumentException(s.origin() + " is a scenario of the '" + s.model().family()
                    + "' family, not of the shallow-water model");
        }
        return spec;
    }
}
