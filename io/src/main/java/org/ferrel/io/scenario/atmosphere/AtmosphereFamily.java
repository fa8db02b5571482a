package org.ferrel.io.scenario.atmosphere;

import java.util.List;
import java.util.Map;
import org.ferrel.autodiff.Ops;
import org.ferrel.io.config.ConfigNode;
import org.ferrel.io.netcdf.RestartFile;
import org.ferrel.io.scenario.TimeSteppingFamily;
import org.ferrel.io.scenario.ModelSpec;
import org.ferrel.io.scenario.Scenario;

/**
 * The atmosphere family ({@code model: atmosphere}): the dry hydrostatic primitive equations in
 * sigma on the lat-lon C-grid ({@link org.ferrel.dycore.primitive.AtmosphereModel}), with Held-Suarez
 * forcing and hyperdiffusion as terms; sections {@code levels}, {@code terms}, {@code initial}
 * ({@link AtmosphereSpec}). Output: u, v, temperature and geopotential height on the sigma levels,
 * surface pressure, surface geopotential. Observable: temperature, u, v and geopotential height at a
 * sigma or pressure level, and surface pressure.
 */
public final class AtmosphereFamily implements TimeSteppingFamily {
    public static final String KEY = "atmosphere";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String description() {
        return "dry hydrostatic primitive equations in sigma on the lat-lon C-grid";
    }

    @Override
    public List<String> sections() {
        return List.of("levels", "terms", "initial");
    }

    @Override
    public List<String> dynamicsKeys() {
        return List.of();
    }

    @Override
    public List<String> outputVariables() {
        return AtmosphereSetup.OUTPUT;
    }

    @Override
    public List<String> defaultOutputVariables() {
        return List.of("u", "v", "temperature", "surface_pressure");
    }

    @Override
    public ModelSpec parse(ConfigNode root, Map<String, Integer> lines) {
        return AtmosphereSpec.parse(root, lines);
    }

    @Override
    public AtmosphereSetup build(Scenario s, Ops o, RestartFile.Restart restart) {
        return AtmosphereSetup.build(s, o);
    }

    /** The atmosphere part of a scenario of this family. */
    public static AtmosphereSpec spec(Scenario s) {
        if (!(s.model() instanceof AtmosphereSpec spec)) {
            throw new IllegalArgumentException(s.origin() + " is a scenario of the '" + s.model().family()
                    + "' family, not of the atmosphere");
        }
        return spec;
    }
}
