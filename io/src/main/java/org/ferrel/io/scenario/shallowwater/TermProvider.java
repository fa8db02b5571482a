package org.ferrel.io.scenario.shallowwater;

import java.util.List;
import java.util.ServiceLoader;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.TendencyTerm;
import org.ferrel.io.config.ConfigNode;

/**
 * A tendency term that a module above {@code io} (e.g. the parameterizations of {@code physics})
 * contributes to scenario files, under its own key in {@code terms:}. Implementations are found with
 * {@link ServiceLoader} ({@code META-INF/services/org.ferrel.io.scenario.TermProvider}), so a scenario
 * can name them whenever their module is on the class path, as it is for the {@code ferrel} command.
 */
public interface TermProvider {

    /** The key under {@code terms:}, e.g. {@code equilibriumRelaxation}. */
    String key();

    /**
     * Reads and checks the term's options (errors through {@link ConfigNode#error}, naming file,
     * line and key) and returns how to build the term once the grid and initial state are known.
     */
    Builder parse(ConfigNode options);

    /** Builds the term for a grid and the initial layer depth [ny * nx]. */
    @FunctionalInterface
    interface Builder {
        TendencyTerm build(LatLonGrid grid, double[] initialDepth);
    }

    /** The providers on the class path. */
    static List<TermProvider> available() {
        return ServiceLoader.load(TermProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
