package org.ferrel.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Path;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/** Checks on NetCDF files written by the CLI, read back with NetCDF-Java. */
final class NetcdfAssertions {
    private NetcdfAssertions() {
    }

    static double[] read(NetcdfFile f, String name) throws IOException {
        Variable v = f.findVariable(name);
        assertNotNull(v, "variable " + name + " in " + f.getLocation());
        return (double[]) v.read().get1DJavaArray(double.class);
    }

    static String attribute(NetcdfFile f, String variable, String name) {
        Variable v = f.findVariable(variable);
        assertNotNull(v, "variable " + variable);
        assertNotNull(v.findAttribute(name), variable + ":" + name);
        return v.findAttribute(name).getStringValue();
    }

    /** Every variable of both files holds the same bits (global attributes such as history may differ). */
    static void assertSameData(Path a, Path b) throws IOException {
        try (NetcdfFile fa = NetcdfFile.open(a.toString()); NetcdfFile fb = NetcdfFile.open(b.toString())) {
            assertEquals(fa.getVariables().size(), fb.getVariables().size());
            for (Variable va : fa.getVariables()) {
                Variable vb = fb.findVariable(va.getFullName());
                assertNotNull(vb, va.getFullName());
                assertArrayEquals(va.getShape(), vb.getShape(), va.getFullName());
                double[] x = (double[]) va.read().get1DJavaArray(double.class);
                double[] y = (double[]) vb.read().get1DJavaArray(double.class);
                for (int i = 0; i < x.length; i++) {
                    if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) {
                        throw new AssertionError(va.getFullName() + "[" + i + "]: " + x[i] + " != " + y[i]);
                    }
                }
            }
        }
    }
}
