package org.ferrel.io.scenario;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.ferrel.autodiff.Ops;
import org.ferrel.io.config.Durations;
import org.ferrel.io.netcdf.RestartFile;

/**
 * A family whose model steps in time on a lat-lon grid: it reads the common sections grid, dynamics,
 * run, output and restart (see {@link ScenarioFile}), builds a {@link BuiltModel}, and
 * {@code ferrel run} integrates it with {@link ScenarioRunner} (output records, restarts, resume);
 * calibration fits it through the time means of its observable fields.
 */
public interface TimeSteppingFamily extends ModelFamily {

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
     * Builds the model, its initial state and parameters (the scenario's {@code parameters:} values put in),
     * and checks the time step.
     *
     * @param restart a restart the run continues from, or null; a family may take static fields from it
     *                (so that an initial file is not read again)
     * @throws org.ferrel.io.config.ConfigException naming the scenario key that causes a problem
     */
    BuiltModel<?> build(Scenario s, Ops o, RestartFile.Restart restart);

    @Override
    default String describeRun(Scenario s) {
        double dt = s.dynamics().timeStep();
        return String.format(Locale.ROOT, "%d x %d grid, %s steps, %s, output every %s", s.grid().toGrid().nx(),
                s.grid().toGrid().ny(), Double.isNaN(dt) ? "automatic" : Durations.format(dt), Durations.format(s.run().length()),
                Durations.format(s.output().interval()));
    }

    @Override
    default RunReport run(Scenario s, ScenarioRunner.Options options) throws IOException {
        return ScenarioRunner.run(s, options);
    }
}
