package org.ferrel.cluster.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ferrel.cluster.TestFiles;
import org.ferrel.io.netcdf.Netcdf4Library;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.ma2.DataType;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFile;

/** Each member's output says which member it is and what it was run with, numbers as numeric attributes. */
class MemberAttributesTest {
    @TempDir
    Path dir;

    @Test
    void aMembersFileHoldsItsIdSeedParametersAndPerturbationAsNumbers() throws IOException {
        Ensemble e = EnsembleFile.read(TestFiles.ensemble(dir.resolve("in"), """
                members: 4
                seed: 7
                sampling:
                  method: latin-hypercube
                  parameters:
                    - {name: drag.rate, min: 1e-7, max: 5e-6}
                    - {name: gravity, min: 9.5, max: 10}
                perturbation: {amplitude: 20, correlationLength: 2e6}
                """));
        Path out = dir.resolve("out");
        Member m = e.members().get(2);
        MemberResult r = MemberRun.run(MemberTask.of(e, m, out.toString()));
        assertEquals(false, r.failed(), r.toString());
        try (NetcdfFile f = NetcdfFile.open(out.resolve("member-0002.nc").toString())) {
            assertNumber(f, "ensemble_member", DataType.INT, 2);
            assertNumber(f, "ensemble_seed", DataType.INT, 7);
            assertEquals("drag.rate gravity", f.findGlobalAttribute("ensemble_parameters").getStringValue());
            assertNumber(f, "drag.rate", DataType.DOUBLE, m.values()[0]);
            assertNumber(f, "gravity", DataType.DOUBLE, m.values()[1]);
            assertNumber(f, "ensemble_perturbation_amplitude", DataType.DOUBLE, 20);
            assertNumber(f, "ensemble_perturbation_correlation_length", DataType.DOUBLE, 2e6);
            // a 64-bit seed: no NetCDF-3 attribute type holds it, so it is text, exact
            assertEquals(Long.toString(m.perturbationSeed()), f.findGlobalAttribute("ensemble_perturbation_seed").getStringValue());
            assertEquals("ferrel ensemble: member-0002 of the scenario tiny", f.findGlobalAttribute("history").getStringValue());
        }
    }

    @Test
    void withoutPerturbationThereAreNoPerturbationAttributes() throws IOException {
        Ensemble e = EnsembleFile.read(TestFiles.ensemble(dir.resolve("in"), """
                sampling:
                  method: grid
                  parameters:
                    - {name: drag.rate, min: 1e-7, max: 5e-6, count: 2}
                """));
        Path out = dir.resolve("out");
        SerialEnsemble.runMembers(e, out.toString());
        try (NetcdfFile f = NetcdfFile.open(out.resolve("member-0001.nc").toString())) {
            assertNumber(f, "ensemble_member", DataType.INT, 1);
            assertNumber(f, "drag.rate", DataType.DOUBLE, 5e-6);
            for (String name : List.of("ensemble_perturbation_amplitude", "ensemble_perturbation_correlation_length",
                    "ensemble_perturbation_seed")) {
                assertNull(f.findGlobalAttribute(name), name);
            }
        }
    }

    @Test
    void aNetcdf4MemberKeepsItsNumericAttributes() throws IOException {
        Assumptions.assumeTrue(Netcdf4Library.check().present(), "NetCDF-4 output needs the NetCDF-C library");
        Path in = java.nio.file.Files.createDirectories(dir.resolve("in"));
        java.nio.file.Files.writeString(in.resolve("scenario.yaml"), TestFiles.SCENARIO.replace("variables: [h, u]}",
                "variables: [h, u], format: netcdf4, precision: float32}"));
        java.nio.file.Path file = java.nio.file.Files.writeString(in.resolve("ensemble.yaml"), "name: test\nscenario: scenario.yaml\n"
                + "members: 2\nseed: 3\nsampling:\n  method: latin-hypercube\n  parameters:\n"
                + "    - {name: drag.rate, min: 1e-7, max: 5e-6}\n");
        Ensemble e = EnsembleFile.read(file);
        Path out = dir.resolve("out");
        SerialEnsemble.runMembers(e, out.toString());
        try (NetcdfFile f = NetcdfFile.open(out.resolve("member-0001.nc").toString())) {
            assertEquals(DataType.FLOAT, f.findVariable("h").getDataType(), "a NetCDF-4 file of floats");
            assertNumber(f, "ensemble_member", DataType.INT, 1);
            assertNumber(f, "ensemble_seed", DataType.INT, 3);
            assertNumber(f, "drag.rate", DataType.DOUBLE, e.members().get(1).values()[0]);
        }
    }

    private static void assertNumber(NetcdfFile f, String name, DataType type, double expected) {
        Attribute a = f.findGlobalAttribute(name);
        assertEquals(type, a == null ? null : a.getDataType(), name);
        assertEquals(expected, a.getNumericValue().doubleValue(), 0.0, name);
    }
}
