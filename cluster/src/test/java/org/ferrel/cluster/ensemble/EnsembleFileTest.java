package org.ferrel.cluster.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.ferrel.cluster.TestFiles;
import org.ferrel.io.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleFileTest {
    @TempDir
    Path dir;

    private String error(String body) throws IOException {
        Path file = TestFiles.ensemble(dir, body);
        return assertThrows(ConfigException.class, () -> EnsembleFile.read(file)).getMessage().replace(dir + "/", "");
    }

    @Test
    void readsALatinHypercubeWithPerturbations() throws IOException {
        Ensemble e = EnsembleFile.read(TestFiles.ensemble(dir, TestFiles.LHS));
        assertEquals(6, e.memberCount());
        assertEquals(6, e.members().size());
        assertEquals(20.0, e.perturbation().amplitude());
        assertEquals("drag.rate", e.members().get(3).names().getFirst());
    }

    @Test
    void anUnknownParameterIsNamedWithTheModelsParameters() throws IOException {
        assertEquals("ensemble.yaml:7: sampling.parameters[0].name: unknown parameter 'drag.rat'; the scenario's model has "
                + "[gravity, drag.rate, hyperdiffusion.coefficient]", error("""
                members: 4
                sampling:
                  method: latin-hypercube
                  parameters:
                    - {name: drag.rat, min: 1e-7, max: 2e-6}
                """));
    }

    @Test
    void anInvertedRangeIsRefused() throws IOException {
        assertEquals("ensemble.yaml:7: sampling.parameters[0].max: expected max > min (2.0E-6), got 1.0E-7: the range of 'drag.rate'"
                + " is empty or inverted", error("""
                members: 4
                sampling:
                  method: latin-hypercube
                  parameters:
                    - {name: drag.rate, min: 2e-6, max: 1e-7}
                """));
    }

    @Test
    void anEmptyRangeIsRefused() throws IOException {
        assertEquals("ensemble.yaml:7: sampling.parameters[0].max: expected max > min (1.0E-6), got 1.0E-6: the range of 'drag.rate'"
                + " is empty or inverted", error("""
                sampling:
                  method: grid
                  parameters:
                    - {name: drag.rate, min: 1e-6, max: 1e-6, count: 3}
                """.replace("sampling:", "seed: 1\nsampling:")));
    }

    @Test
    void aRangeOutsideTheParametersBoundsIsRefused() throws IOException {
        assertEquals("ensemble.yaml:7: sampling.parameters[0].max: expected a value between 0 and 0.001 [1/s], got 0.5",
                error("""
                members: 4
                sampling:
                  method: latin-hypercube
                  parameters:
                    - {name: drag.rate, min: 0, max: 0.5}
                """));
    }

    @Test
    void aGridTakesItsMemberCountFromTheCounts() throws IOException {
        assertEquals("ensemble.yaml:3: members: a grid sweep has one member per combination (3); remove members or choose"
                + " another method", error("""
                members: 4
                sampling:
                  method: grid
                  parameters:
                    - {name: drag.rate, min: 1e-7, max: 2e-6, count: 3}
                """));
    }

    @Test
    void anEnsembleInWhichNothingVariesIsRefused() throws IOException {
        assertEquals("ensemble.yaml:1: members: required: the number of members (1 to 100000)", error("seed: 3\n"));
        assertEquals("ensemble.yaml:1: sampling: nothing varies between members: give a sampling method with parameters, or a"
                + " perturbation", error("members: 3\n"));
    }
}
