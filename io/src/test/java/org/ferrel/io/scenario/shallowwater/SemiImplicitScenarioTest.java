package org.ferrel.io.scenario.shallowwater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Eager;
import org.ferrel.dycore.model.DynamicalModel;
import org.ferrel.dycore.model.State;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioFile;
import org.ferrel.io.scenario.ScenarioModels;
import org.junit.jupiter.api.Test;

/** The semi-implicit step chosen in a scenario file: a longer automatic step, the same flow as the explicit run. */
class SemiImplicitScenarioTest {
    private static final String CASE2 = """
            name: c2
            grid: {resolution: 5.625}
            dynamics: {integrator: INTEGRATOR}
            initial: {case: williamson2}
            run: {length: 1 day}
            output: {interval: 12 hours}
            """;

    private final Eager o = Eager.serial();

    private State run(Scenario s) {
        ShallowWaterSetup b = (ShallowWaterSetup) ScenarioModels.build(s, o);
        return b.model().run(o, b.initial(), b.parameters(), (int) s.steps(), DynamicalModel.Observer.none());
    }

    @Test
    void theSemiImplicitStepTakesLongerStepsAndFollowsTheExplicitRun() {
        Scenario explicit = ScenarioModels.resolveTimeStep(ScenarioFile.parse(CASE2.replace("INTEGRATOR", "ssp-rk3"), "e.yaml"), o);
        Scenario implicit = ScenarioModels.resolveTimeStep(ScenarioFile.parse(CASE2.replace("INTEGRATOR", "imex-sil3"), "i.yaml"), o);
        assertTrue(implicit.dynamics().timeStep() >= 2 * explicit.dynamics().timeStep(),
                implicit.dynamics().timeStep() + " s against " + explicit.dynamics().timeStep() + " s");
        ShallowWaterSetup built = (ShallowWaterSetup) ScenarioModels.build(implicit, o);
        assertEquals("imex-sil3", built.model().integrator().name());
        double[] a = run(explicit).h().values();
        double[] b = run(implicit).h().values();
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        assertTrue(worst < 1.0, "largest depth difference after a day: " + worst + " m");
    }

    @Test
    void referenceDepthOnlyWithTheSemiImplicitStepAndNotForTheAtmosphere() {
        ConfigException depth = assertThrows(ConfigException.class, () -> ScenarioFile.parse(
                CASE2.replace("integrator: INTEGRATOR", "integrator: rk4, referenceDepth: 6000"), "x.yaml"));
        assertTrue(depth.getMessage().contains("dynamics.referenceDepth"), depth.getMessage());
        Scenario given = ScenarioFile.parse(CASE2.replace("integrator: INTEGRATOR", "integrator: imex-sil3, referenceDepth: 8000"),
                "x.yaml");
        assertEquals(8000.0, ShallowWaterFamily.spec(given).referenceDepth());
        ConfigException atmosphere = assertThrows(ConfigException.class, () -> ScenarioFile.parse("""
                name: a
                model: atmosphere
                dynamics: {integrator: imex-sil3}
                """, "a.yaml"));
        assertTrue(atmosphere.getMessage().contains("dynamics.integrator"), atmosphere.getMessage());
    }
}
