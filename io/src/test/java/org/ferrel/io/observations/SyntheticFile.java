package org.ferrel.io.observations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

/** Small NetCDF-3 files written with NetCDF-Java for the reader's tests. */
final class SyntheticFile {
    private record Dim(String name, int length) {
    }

    private record Var(String name, DataType type, String dims, Object data, List<Attribute> attributes) {
    }

    private final List<Dim> dims = new ArrayList<>();
    private final List<Var> vars = new ArrayList<>();

    /** A dimension without a coordinate variable. */
    SyntheticFile dimension(String name, int length) {
        dims.add(new Dim(name, length));
        return this;
    }

    /** A dimension with its double coordinate variable and string attributes given as name, value pairs. */
    SyntheticFile coordinate(String name, double[] values, String... attributes) {
        dims.add(new Dim(name, values.length));
        return variable(name, DataType.DOUBLE, name, values, strings(attributes));
    }

    /** A variable; {@code data} is a flat Java array of the type's primitive in the dimensions' order. */
    SyntheticFile variable(String name, DataType type, String dimensions, Object data, Attribute... attributes) {
        vars.add(new Var(name, type, dimensions, data, List.of(attributes)));
        return this;
    }

    static Attribute[] strings(String... pairs) {
        Attribute[] a = new Attribute[pairs.length / 2];
        for (int k = 0; k < a.length; k++) {
            a[k] = new Attribute(pairs[2 * k], pairs[2 * k + 1]);
        }
        return a;
    }

    Path write(Path file) throws IOException {
        NetcdfFileWriter w = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, file.toString());
        try {
            w.setLargeFile(true);
            w.setFill(false);
            for (Dim d : dims) {
                w.addDimension(null, d.name(), d.length());
            }
            List<Variable> made = new ArrayList<>();
            for (Var v : vars) {
                Variable x = w.addVariable(null, v.name(), v.type(), v.dims());
                for (Attribute a : v.attributes()) {
                    x.addAttribute(a);
                }
                made.add(x);
            }
            w.create();
            for (int k = 0; k < vars.size(); k++) {
                Var v = vars.get(k);
                w.write(made.get(k), Array.factory(v.type(), made.get(k).getShape(), v.data()));
            }
        } catch (InvalidRangeException e) {
            throw new IOException(e);
        } finally {
            w.close();
        }
        return file;
    }
}
