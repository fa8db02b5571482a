package org.ferrel.io.netcdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFile;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

/**
 * Restart files: everything needed to continue a run bit for bit, in one NetCDF-3 file — the
 * prognostic state at its own C-grid locations (not interpolated), every model parameter by name,
 * the step and time, the number of output records written up to it, and the scenario's text and
 * digest so that a resume can check it continues the same scenario. Written atomically.
 */
public final class RestartFile {
    /** Version of the layout, stored as the global attribute {@code ferrel_restart_version}. */
    public static final int VERSION = 1;

    private RestartFile() {
    }

    /** A named array: a scalar parameter has shape [], a field [ny, nx]. */
    public record NamedArray(String name, String units, int[] shape, double[] values) {
    }

    /**
     * One restart point.
     *
     * @param step           steps done
     * @param time           simulated seconds since the start
     * @param outputRecords  output records written up to and including this time
     * @param scenarioDigest SHA-256 of the scenario text
     * @param scenarioText   the scenario file's text
     * @param state          the prognostic fields h, u, v, each [ny, nx] at its own location
     * @param parameters     every model parameter, in model order
     */
    public record Restart(long step, double time, int outputRecords, String scenarioDigest, String scenarioText,
                          List<NamedArray> state, List<NamedArray> parameters) {
        public Restart {
            state = List.copyOf(state);
            parameters = List.copyOf(parameters);
        }

        public NamedArray stateField(String name) {
            return state.stream().filter(a -> a.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("restart has no state field '" + name + "'"));
        }
    }

    /** The restart file name for a step, zero-padded so that names sort by step. */
    public static String fileName(long step) {
        return String.format(java.util.Locale.ROOT, "restart_%010d.nc", step);
    }

    /** The restart with the largest step in a folder, or null when there is none. */
    public static Path latest(Path folder) throws IOException {
        List<Path> all = all(folder);
        return all.isEmpty() ? null : all.getLast();
    }

    /** The restart files of a folder, by increasing step (empty when the folder does not exist). */
    public static List<Path> all(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches("restart_[0-9]{10}\\.nc"))
                    .sorted(java.util.Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /** Writes a restart file atomically (temporary sibling, then rename). */
    public static void write(Path file, Restart r) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = org.ferrel.io.files.AtomicFiles.temporarySibling(target);
        try {
            NetcdfFileWriter w = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, temporary.toString());
            try {
                w.setLargeFile(true);
                w.setFill(false);
                int ny = r.state().get(0).shape()[0];
                int nx = r.state().get(0).shape()[1];
                w.addDimension(null, "y", ny);
                w.addDimension(null, "x", nx);
                List<Variable> vars = new ArrayList<>();
                List<NamedArray> arrays = new ArrayList<>();
                for (NamedArray a : r.state()) {
                    Variable v = w.addVariable(null, a.name(), DataType.DOUBLE, "y x");
                    v.addAttribute(new Attribute("units", a.units()));
                    vars.add(v);
                    arrays.add(a);
                }
                int k = 0;
                for (NamedArray a : r.parameters()) {
                    String dims;
                    if (a.shape().length == 0) {
                        dims = "";
                    } else if (a.shape().length == 2 && a.shape()[0] == ny && a.shape()[1] == nx) {
                        dims = "y x";
                    } else {
                        // a parameter of its own shape (e.g. basis coefficients): a dimension per axis
                        StringBuilder d = new StringBuilder();
                        for (int axis = 0; axis < a.shape().length; axis++) {
                            String name = "parameter_" + k + "_n" + axis;
                            w.addDimension(null, name, a.shape()[axis]);
                            d.append(axis > 0 ? " " : "").append(name);
                        }
                        dims = d.toString();
                    }
                    Variable v = w.addVariable(null, "parameter_" + k++, DataType.DOUBLE, dims);
                    v.addAttribute(new Attribute("parameter_name", a.name()));
                    v.addAttribute(new Attribute("units", a.units()));
                    vars.add(v);
                    arrays.add(a);
                }
                w.addGroupAttribute(null, new Attribute("title", "Ferrel restart file"));
                w.addGroupAttribute(null, new Attribute("ferrel_restart_version", VERSION));
                w.addGroupAttribute(null, new Attribute("step", Long.toString(r.step())));
                w.addGroupAttribute(null, new Attribute("time_seconds", r.time()));
                w.addGroupAttribute(null, new Attribute("output_records", r.outputRecords()));
                w.addGroupAttribute(null, new Attribute("scenario_digest", r.scenarioDigest()));
                w.addGroupAttribute(null, new Attribute("scenario", r.scenarioText()));
                w.addGroupAttribute(null, new Attribute("parameters", r.parameters().size()));
                w.create();
                for (int i = 0; i < vars.size(); i++) {
                    NamedArray a = arrays.get(i);
                    w.write(vars.get(i), Array.factory(DataType.DOUBLE, a.shape(), a.values().clone()));
                }
            } finally {
                w.close();
            }
            org.ferrel.io.files.AtomicFiles.commit(temporary, target);
        } catch (InvalidRangeException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads a restart file.
     *
     * @throws IOException naming the file and what is wrong (missing, not NetCDF, not a Ferrel restart, another version)
     */
    public static Restart read(Path file) throws IOException {
        NetcdfFile f;
        try {
            f = NetcdfFiles.open(file).file();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        try (f) {
            Attribute version = f.findGlobalAttribute("ferrel_restart_version");
            if (version == null) {
                throw new IOException(file + ": not a Ferrel restart file (no global attribute ferrel_restart_version)");
            }
            if (version.getNumericValue().intValue() != VERSION) {
                throw new IOException(file + ": restart version " + version.getNumericValue() + ", this Ferrel reads version " + VERSION);
            }
            List<NamedArray> state = new ArrayList<>();
            for (String name : new String[] {"h", "u", "v"}) {
                state.add(readArray(f, file, name, name));
            }
            int n = f.findGlobalAttribute("parameters").getNumericValue().intValue();
            List<NamedArray> parameters = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                Variable v = f.findVariable("parameter_" + k);
                if (v == null) {
                    throw new IOException(file + ": variable parameter_" + k + " is missing");
                }
                parameters.add(readArray(f, file, "parameter_" + k, v.findAttribute("parameter_name").getStringValue()));
            }
            return new Restart(Long.parseLong(f.findGlobalAttribute("step").getStringValue()),
                    f.findGlobalAttribute("time_seconds").getNumericValue().doubleValue(),
                    f.findGlobalAttribute("output_records").getNumericValue().intValue(),
                    f.findGlobalAttribute("scenario_digest").getStringValue(),
                    f.findGlobalAttribute("scenario").getStringValue(), state, parameters);
        } catch (RuntimeException e) {
            throw new IOException(file + ": damaged restart file (" + e + ")", e);
        }
    }

    private static NamedArray readArray(NetcdfFile f, Path file, String variable, String name) throws IOException {
        Variable v = f.findVariable(variable);
        if (v == null) {
            throw new IOException(file + ": variable '" + variable + "' is missing");
        }
        Attribute units = v.findAttribute("units");
        return new NamedArray(name, units == null ? "" : units.getStringValue(), v.getShape(),
                (double[]) v.read().get1DJavaArray(double.class));
    }
}
