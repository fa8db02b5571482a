package org.ferrel.io.scenario;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.ferrel.autodiff.Ops;
import org.ferrel.io.config.ConfigNode;
import org.ferrel.io.netcdf.RestartFile;

/**
 * A model family wired to the commands: what {@code ferrel run}, {@code calibrate} and {@code ensemble}
 * need of a kind of model, so that none of them names one. A scenario file chooses its family with
 * {@code model:} (default {@code shallow-water}); the family reads its own sections of the file (its
 * terms, initial state, vertical levels), names its output variables with their units, builds the
 * {@link BuiltModel} (a {@link org.ferrel.dycore.model.DynamicalModel} with its initial state and
 * declared parameters) and says which of its fields observations can see.
 *
 * <p>Families are found with {@link ServiceLoader} ({@code META-INF/services/org.ferrel.io.scenario.ModelFamily}),
 * so a module above {@code io} can add one. Each family lives in one package of its own:
 * {@code org.ferrel.io.scenario.shallowwater}, {@code org.ferrel.io.scenario.atmosphere}.
 */
public interface ModelFamily {

    /** The value of the scenario's {@code model:} key, e.g. {@code shallow-water}. */
    String key();

    /** One line for messages and the output's {@code source} attribute. */
    String description();

    /** The top-level scenario keys this family reads besides the common ones (e.g. terms, initial, levels). */
    List<String> sections();

    /** The keys of {@code dynamics:} this family reads besides timeStep, integrator and polarFilter. */
    List<String> dynamicsKeys();

    /** The time integrators {@code dynamics.integrator} may name (the first is the default). */
    default List<String> integrators() {
        return List.of("ssp-rk3", "rk4");
    }

    /** Every output variable a scenario may ask for. */
    List<String> outputVariables();

    /** The output variables when the scenario names none. */
    List<String> defaultOutputVariables();

    /**
     * Reads and checks the family's sections of a scenario file (errors name file, line and key).
     *
     * @param lines where the family records the line of each dotted key it reads, for later messages
     */
    ModelSpec parse(ConfigNode root, Map<String, Integer> lines);

    /**
     * Builds the model, its initial state and parameters (the scenario's {@code parameters:} values put in),
     * and checks the time step.
     *
     * @param restart a restart the run continues from, or null; a family may take static fields from it
     *                (so that an initial file is not read again)
     * @throws org.ferrel.io.config.ConfigException naming the scenario key that causes a problem
     */
    BuiltModel<?> build(Scenario s, Ops o, RestartFile.Restart restart);

    /** The family of a scenario's {@code model:} key. */
    static ModelFamily of(String key) {
        for (ModelFamily f : available()) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no model family '" + key + "'; known: " + keys());
    }

    /** The keys of the families on the class path, in a fixed order. */
    static List<String> keys() {
        return available().stream().map(ModelFamily::key).toList();
    }

    /** The families on the class path, sorted by key. */
    static List<ModelFamily> available() {
        return Holder.FAMILIES;
    }

    /** Loaded once per class loader. */
    final class Holder {
        private static final List<ModelFamily> FAMILIES = ServiceLoader.load(ModelFamily.class, ModelFamily.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).sorted(java.util.Comparator.comparing(ModelFamily::key)).toList();

        private Holder() {
        }
    }
}
