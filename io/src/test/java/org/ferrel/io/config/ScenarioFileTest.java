package org.ferrel.io.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ferrel.io.netcdf.OutputEncoding;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFileTest {

    private static ConfigException fails(String yaml) {
        return assertThrows(ConfigException.class, () -> ScenarioFile.parse(yaml, "s.yaml"));
    }

    @Test
    void builtInDefaultIsWilliamsonCase5() {
        Scenario s = ScenarioFile.builtInDefault();
        assertEquals("williamson5", s.name());
        assertEquals("williamson5", org.ferrel.io.scenario.shallowwater.ShallowWaterFamily.spec(s).initial().builtIn());
        assertEquals(2.8125, s.grid().resolution());
        assertEquals(450.0, s.dynamics().timeStep());
        assertEquals(15 * 86400.0, s.run().length());
        assertEquals(2880, s.steps());
        assertEquals(48, s.stepsPerOutput());
        assertEquals(192, s.stepsPerRestart());
    }

    @Test
    void defaultsFillMissingSections() {
        Scenario s = ScenarioFile.parse("name: x\n", "s.yaml");
        assertEquals(2.8125, s.grid().resolution());
        assertTrue(Double.isNaN(s.dynamics().timeStep()), "automatic time step");
        assertEquals(45.0, s.dynamics().polarFilterLatitude());
        assertEquals("ssp-rk3", s.dynamics().integrator());
        assertEquals(List.of("h", "u", "v", "vorticity", "surface"), s.output().variables());
        assertEquals("snapshot", s.output().statistic());
        assertEquals(86400.0, s.restart().interval());
        assertEquals("2000-01-01T00:00:00", s.run().start());
        assertTrue(org.ferrel.io.scenario.shallowwater.ShallowWaterFamily.spec(s).terms().isEmpty());
    }

    @Test
    void readsEverySection() {
        Scenario s = ScenarioFile.parse("""
                name: jet
                description: a jet
                grid: {resolution: 1.40625}
                dynamics: {gravity: 9.81, timeStep: 2 min, integrator: rk4, polarFilter: none}
                terms:
                  hyperdiffusion: {coefficient: 1e14, depth: true, polarScalingLatitude: 60}
                  drag: {rate: 1e-6}
                  relaxation: {timeScale: 5 days}
                  implicitMeridionalDiffusion: {coefficient: 1e4}
                initial: {case: williamson2, alpha: 45}
                run: {length: 2 days, start: 1979-01-01T06:00:00}
                output: {interval: 1 h, variables: [h, vorticity], statistic: mean}
                restart: {interval: 12 hours}
                """, "s.yaml");
        assertEquals(120.0, s.dynamics().timeStep());
        assertTrue(Double.isNaN(s.dynamics().polarFilterLatitude()));
        assertEquals(4, org.ferrel.io.scenario.shallowwater.ShallowWaterFamily.spec(s).terms().size());
        assertEquals(new org.ferrel.io.scenario.shallowwater.ShallowWaterSpec.HyperdiffusionSpec(1e14, true, 60), org.ferrel.io.scenario.shallowwater.ShallowWaterFamily.spec(s).terms().get(0));
        assertEquals(new org.ferrel.io.scenario.shallowwater.ShallowWaterSpec.RelaxationSpec(5 * 86400.0), org.ferrel.io.scenario.shallowwater.ShallowWaterFamily.spec(s).terms().get(2));
        assertEquals(45.0, org.ferrel.io.scenario.shallowwater.ShallowWaterFamily.spec(s).initial().alpha());
        assertEquals(List.of("h", "vorticity"), s.output().variables());
        assertEquals("mean", s.output().statistic());
        assertEquals(1440, s.steps());
    }

    @Test
    void unknownKeyNamesFileLineKeyAndSuggestion() {
        ConfigException e = fails("name: x\ngrid:\n  resolutoin: 2.8125\n");
        assertEquals("s.yaml", e.file());
        assertEquals(3, e.line());
        assertEquals("grid.resolutoin", e.key());
        assertTrue(e.getMessage().startsWith("s.yaml:3: grid.resolutoin: unknown key (did you mean 'resolution'?)"), e.getMessage());
    }

    @Test
    void wrongTypeAndRange() {
        ConfigException type = fails("name: x\ndynamics:\n  gravity: strong\n");
        assertEquals("s.yaml:3: dynamics.gravity: expected a number [m/s^2], got \"strong\"", type.getMessage());
        ConfigException range = fails("name: x\ndynamics:\n  gravity: 1000\n");
        assertEquals("s.yaml:3: dynamics.gravity: expected a value between 0.01 and 100 [m/s^2], got 1000", range.getMessage());
        ConfigException mapping = fails("name: x\ngrid: 2.8\n");
        assertEquals("s.yaml:2: grid: expected a mapping of keys to values, got \"2.8\"", mapping.getMessage());
        ConfigException list = fails("name: x\noutput:\n  variables: h\n");
        assertTrue(list.getMessage().startsWith("s.yaml:3: output.variables: expected a list"), list.getMessage());
    }

    @Test
    void durationsNeedKnownUnits() {
        ConfigException e = fails("name: x\nrun:\n  length: 15 fortnights\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("unknown time unit \"fortnights\""), e.getMessage());
        assertEquals(86400.0 * 1.5, Durations.seconds("1.5 days"));
        assertEquals(450.0, Durations.seconds("450"));
        assertEquals(1800.0, Durations.seconds("30 min"));
        assertEquals("15 days", Durations.format(15 * 86400));
        assertEquals("6 h", Durations.format(6 * 3600));
    }

    @Test
    void intervalsMustFallOnSteps() {
        ConfigException out = fails("name: x\ndynamics: {timeStep: 450 s}\noutput:\n  interval: 1000 s\n");
        assertEquals("output.interval", out.key());
        assertEquals(4, out.line());
        ConfigException restart = fails("name: x\noutput: {interval: 6 hours}\nrestart:\n  interval: 8 hours\n");
        assertTrue(restart.getMessage().contains("whole multiple of the output interval (6 h)"), restart.getMessage());
    }

    @Test
    void otherMistakes() {
        assertEquals("s.yaml: name: required: a short name for the output folder and files, e.g. name: case5",
                fails("grid: {resolution: 2.8125}\n").getMessage().replaceFirst(":\\d+:", ":"));
        assertTrue(fails("name: x\nname: y\n").getMessage().contains("given twice (first on line 1)"));
        assertTrue(fails("name: x\ninitial: {case: williamson9}\n").getMessage().contains("(did you mean 'williamson2'?)"));
        assertTrue(fails("name: x\ninitial: {case: williamson5, file: a.nc}\n").getMessage().contains("exactly one of 'case'"));
        assertTrue(fails("name: x\noutput: {variables: [h, pressure]}\n").getMessage().contains("unknown name \"pressure\""));
        assertTrue(fails("name: x\ngrid: {resolution: 7}\n").getMessage().contains("divides 180 degrees"));
        assertTrue(fails("name: ../x\n").getMessage().contains("expected 1 to 100 letters, digits"));
        assertTrue(fails("name: " + "x".repeat(101) + "\n").getMessage().contains("expected 1 to 100 letters"));
        assertEquals("s.yaml:2: initial.file: expected the path of a NetCDF file", fails("name: x\ninitial: {file: }\n").getMessage());
        assertEquals("s.yaml:2: initial.variables.h: expected a name, got nothing",
                fails("name: x\ninitial: {file: a.nc, variables: {h: }}\n").getMessage());
        assertTrue(fails("name: x\ninitial: {file: a.nc, alpha: 3}\n").getMessage().contains("not an initial file"));
        assertTrue(fails("name: x\ndynamics: {gravity: 9.8d}\n").getMessage().contains("expected a number"));
        assertTrue(fails("name: x\ndynamics: {gravity: 0x1p3}\n").getMessage().contains("expected a number"));
        assertTrue(fails("name: x\nrun: {start: 2000-01-01T00:00:30.5}\n").getMessage().contains("whole seconds"));
        assertTrue(fails("name: x\ninitial: {file: a.nc, time: 99999999999}\n").getMessage().contains("expected first, last"));
        ConfigException tail = fails("name: x\nrun: {length: 27 hours}\noutput: {interval: 6 hours}\nrestart: {interval: 6 hours}\n");
        assertEquals("run.length", tail.key());
        assertTrue(tail.getMessage().contains("so that the run ends on an output time"), tail.getMessage());
        ConfigException yaml = fails("name: x\ngrid: {resolution: 2.8\n");
        assertTrue(yaml.getMessage().startsWith("s.yaml:3: not valid YAML"), yaml.getMessage());
        assertEquals("s.yaml: the file is empty", fails("").getMessage());
    }

    @Test
    void outputEncodingKeysAreChecked() {
        OutputEncoding d = ScenarioFile.parse("name: x\n", "s.yaml").output().encoding();
        assertEquals(OutputEncoding.DEFAULT, d);
        assertEquals(OutputEncoding.DEFAULT, ScenarioFile.parse("name: x\noutput: {format: netcdf3-64bit}\n", "s.yaml").output().encoding());
        OutputEncoding e = ScenarioFile.parse("name: x\noutput:\n  format: netcdf4\n  precision: float32\n  keepBits: 10\n"
                + "  deflateLevel: 6\n  shuffle: false\n", "s.yaml").output().encoding();
        assertEquals(new OutputEncoding(OutputEncoding.Precision.FLOAT32, 10, OutputEncoding.Format.NETCDF4, 6, false), e);
        OutputEncoding n4 = ScenarioFile.parse("name: x\noutput: {format: netcdf4}\n", "s.yaml").output().encoding();
        assertEquals(4, n4.deflateLevel());
        assertTrue(n4.shuffle());
        assertEquals(OutputEncoding.Precision.FLOAT64, n4.precision());
        assertEquals(OutputEncoding.NO_ROUNDING, n4.keepBits());
        assertEquals(52, ScenarioFile.parse("name: x\noutput: {keepBits: 52}\n", "s.yaml").output().encoding().keepBits());
        assertEquals(OutputEncoding.NO_ROUNDING,
                ScenarioFile.parse("name: x\noutput: {keepBits: none}\n", "s.yaml").output().encoding().keepBits());

        assertEquals("s.yaml:3: output.format: expected one of netcdf3, netcdf4, netcdf3-64bit, got \"netcdf5\" (did you mean 'netcdf3'?)",
                fails("name: x\noutput:\n  format: netcdf5\n").getMessage());
        assertEquals("s.yaml:3: output.precision: expected one of float64, float32, got \"double\"",
                fails("name: x\noutput:\n  precision: double\n").getMessage());
        assertEquals("s.yaml:4: output.keepBits: expected 0 to 23 mantissa bits for float32 (its mantissa has 23), got 30",
                fails("name: x\noutput:\n  precision: float32\n  keepBits: 30\n").getMessage());
        assertEquals("s.yaml:3: output.keepBits: expected 0 to 52 mantissa bits for float64 (its mantissa has 52), got -1",
                fails("name: x\noutput:\n  keepBits: -1\n").getMessage());
        assertEquals("s.yaml:3: output.keepBits: expected a number of mantissa bits, 0 to 52 for float64, or none, got \"ten\"",
                fails("name: x\noutput:\n  keepBits: ten\n").getMessage());
        assertEquals("s.yaml:3: output.deflateLevel: only NetCDF-4 output is compressed; add 'format: netcdf4' to the output"
                + " section, or remove deflateLevel", fails("name: x\noutput:\n  deflateLevel: 5\n").getMessage());
        assertTrue(fails("name: x\noutput:\n  format: netcdf3\n  shuffle: true\n").getMessage()
                .startsWith("s.yaml:4: output.shuffle: only NetCDF-4 output is compressed"));
        ConfigException level = fails("name: x\noutput:\n  format: netcdf4\n  deflateLevel: 0\n");
        assertTrue(level.getMessage().startsWith("s.yaml:4: output.deflateLevel: "), level.getMessage());
        assertTrue(level.getMessage().contains("1") && level.getMessage().contains("9"), level.getMessage());
        assertTrue(fails("name: x\noutput:\n  format: netcdf4\n  shuffle: yes please\n").getMessage()
                .startsWith("s.yaml:4: output.shuffle: expected true or false"));
        ConfigException typo = fails("name: x\noutput:\n  keepbits: 3\n");
        assertTrue(typo.getMessage().startsWith("s.yaml:3: output.keepbits: unknown key (did you mean 'keepBits'?)"), typo.getMessage());
    }

    @Test
    void parameterValuesReplaceDefaultsAndAreChecked() {
        Scenario s = ScenarioFile.parse("name: x\ngrid: {resolution: 11.25}\ndynamics: {timeStep: 30 min}\n"
                + "terms: {drag: {rate: 1e-6}}\nparameters:\n  drag.rate: 3e-6\n  gravity: 9.8\n", "s.yaml");
        assertEquals(3e-6, s.parameterValues().get("drag.rate")[0]);
        var model = org.ferrel.io.scenario.shallowwater.ShallowWaterSetup.build(s, org.ferrel.autodiff.Eager.serial());
        assertEquals(3e-6, model.model().values(model.parameters()).get("drag.rate").item());
        assertEquals(9.8, model.model().values(model.parameters()).get("gravity").item());
        ConfigException unknown = assertThrows(ConfigException.class, () -> org.ferrel.io.scenario.shallowwater.ShallowWaterSetup.build(
                ScenarioFile.parse("name: x\ndynamics: {timeStep: 30 min}\ngrid: {resolution: 11.25}\nparameters:\n  drag.rat: 1\n",
                        "s.yaml"), org.ferrel.autodiff.Eager.serial()));
        assertTrue(unknown.getMessage().startsWith("s.yaml:5: parameters.drag.rat: unknown parameter; the model has [gravity,"),
                unknown.getMessage());
        ConfigException size = assertThrows(ConfigException.class, () -> org.ferrel.io.scenario.shallowwater.ShallowWaterSetup.build(
                ScenarioFile.parse("name: x\ndynamics: {timeStep: 30 min}\ngrid: {resolution: 11.25}\nparameters:\n  gravity: [1, 2]\n",
                        "s.yaml"), org.ferrel.autodiff.Eager.serial()));
        assertTrue(size.getMessage().contains("expected 1 value"), size.getMessage());
        ConfigException bounds = assertThrows(ConfigException.class, () -> org.ferrel.io.scenario.shallowwater.ShallowWaterSetup.build(
                ScenarioFile.parse("name: x\ndynamics: {timeStep: 30 min}\ngrid: {resolution: 11.25}\nparameters:\n  gravity: -1\n",
                        "s.yaml"), org.ferrel.autodiff.Eager.serial()));
        assertTrue(bounds.getMessage().contains("outside the bounds"), bounds.getMessage());
    }

    @Test
    void aTermWithoutOptionsTakesItsDefaults() {
        Scenario s = ScenarioFile.parse("name: x\nterms:\n  drag:\n  hyperdiffusion: {}\n", "s.yaml");
        assertEquals(new org.ferrel.io.scenario.shallowwater.ShallowWaterSpec.DragSpec(1e-6), org.ferrel.io.scenario.shallowwater.ShallowWaterFamily.spec(s).terms().get(0));
        assertEquals(new org.ferrel.io.scenario.shallowwater.ShallowWaterSpec.HyperdiffusionSpec(1e15, false, 45), org.ferrel.io.scenario.shallowwater.ShallowWaterFamily.spec(s).terms().get(1));
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioFile.read(p));
        assertEquals(p + ": no such file", e.getMessage());
        Files.writeString(dir.resolve("ok.yaml"), "name: fine\n");
        assertEquals(dir.resolve("ok.yaml").toString(), ScenarioFile.read(dir.resolve("ok.yaml")).origin());
    }
}
