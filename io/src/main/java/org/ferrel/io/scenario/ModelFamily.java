package org.ferrel.io.scenario;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.ferrel.io.config.ConfigNode;

/**
 * A model family wired to the commands: what {@code ferrel run}, {@code calibrate} and {@code ensemble}
 * need of a kind of model, so that none of them names one. A scenario file chooses its family with
 * {@code model:} (default {@code shallow-water}); the family reads its own sections of the file and
 * says what {@code ferrel run} does with the scenario.
 *
 * <p>Two kinds of family: a {@link TimeSteppingFamily} builds a {@link BuiltModel} (a
 * {@link org.ferrel.dycore.model.DynamicalModel} on a lat-lon grid) that {@link ScenarioRunner} integrates
 * and calibration fits through time means; it reads the common sections grid, dynamics, run, output and
 * restart. A steady family (e.g. the energy balance model) reads only its own sections and runs by
 * solving for its steady state; how it is calibrated is wired next to it, above {@code io}.
 *
 * <p>Families are found with {@link ServiceLoader} ({@code META-INF/services/org.ferrel.io.scenario.ModelFamily}),
 * so a module above {@code io} can add one. Each family lives in one package of its own:
 * {@code org.ferrel.io.scenario.shallowwater}, {@code org.ferrel.io.scenario.atmosphere},
 * {@code org.ferrel.calibration.ebm}.
 */
public interface ModelFamily {

    /** The value of the scenario's {@code model:} key, e.g. {@code shallow-water}. */
    String key();

    /** One line for messages and the output's {@code source} attribute. */
    String description();

    /**
     * The top-level scenario keys this family reads besides name, description, model and parameters
     * (for a time-stepping family: besides the common sections too, e.g. terms, initial, levels).
     */
    List<String> sections();

    /**
     * Reads and checks the family's sections of a scenario file (errors name file, line and key).
     *
     * @param lines where the family records the line of each dotted key it reads, for later messages
     */
    ModelSpec parse(ConfigNode root, Map<String, Integer> lines);

    /** What {@code ferrel run} is about to do with a scenario of this family, in a few words (grid, steps, output). */
    String describeRun(Scenario s);

    /**
     * Runs a scenario of this family into {@code options.outputDirectory()} ({@code ferrel run}).
     *
     * @throws org.ferrel.io.config.ConfigException naming the scenario key that causes a problem
     * @throws ScenarioRunner.RunException when the directory holds another run and neither resume nor overwrite is asked
     */
    RunReport run(Scenario s, ScenarioRunner.Options options) throws IOException;

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
