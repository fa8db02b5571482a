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
 * digest so that a resume can check it continues the same scenario. Written atomically, with CF-1.8
 * metadata (long names, units, the latitudes and longitudes of each field's C-grid points) and a
 * SHA-256 checksum of everything a resume uses (global attribute {@value #CHECKSUM_ATTRIBUTE}),
 * verified when the file is read, so that a restart damaged on disk is refused instead of used.
 */
public final class RestartFile {
    /**
     * Version of the layout, stored as the global attribute {@code ferrel_restart_version}: 2 adds the
     * checksum and the CF metadata; files of version 1 (no checksum) are still read, unverified.
     */
    public static final int VERSION = 2;
    /** The global attribute holding the SHA-256 checksum (hexadecimal) of the restart's contents. */
    public static final String CHECKSUM_ATTRIBUTE = "data_sha256";

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
     * @param state          the prognostic fields (h, u, v; or u, v, temperature, surface_pressure), each [ny, nx] or [nz, ny, nx] at its own location
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
                int[] first = r.state().get(0).shape();
                int ny = first[first.length - 2];
                int nx = first[first.length - 1];
                w.addDimension(null, "y", ny);
                w.addDimension(null, "x", nx);
                int nz = 0;
                for (NamedArray a : r.state()) {
                    if (a.shape().length == 3) {
                        if (nz != 0 && nz != a.shape()[0]) {
                            throw new IllegalArgumentException("state fields on " + nz + " and " + a.shape()[0] + " levels");
                        }
                        nz = a.shape()[0];
                    }
                }
                if (nz > 0) {
                    w.addDimension(null, "z", nz);
                }
                List<Variable> vars = new ArrayList<>();
                List<NamedArray> arrays = new ArrayList<>();
                // CF coordinates of the C-grid points: centres (h, parameters on the grid), east faces (u), north faces (v)
                double[][] axes = {new double[ny], new double[ny], new double[nx], new double[nx]};
                for (int j = 0; j < ny; j++) {
                    axes[0][j] = -90 + (j + 0.5) * 180.0 / ny;
                    axes[1][j] = -90 + (j + 1) * 180.0 / ny;
                }
                for (int i = 0; i < nx; i++) {
                    axes[2][i] = i * 360.0 / nx;
                    axes[3][i] = (i + 0.5) * 360.0 / nx;
                }
                String[][] axisInfo = {{"lat", "y", "latitude", "latitude of the cell centres", "degrees_north"},
                        {"lat_v", "y", "latitude", "latitude of the north faces (v points; the last row is the north pole)", "degrees_north"},
                        {"lon", "x", "longitude", "longitude of the cell centres", "degrees_east"},
                        {"lon_u", "x", "longitude", "longitude of the east faces (u points)", "degrees_east"}};
                List<Variable> axisVars = new ArrayList<>();
                for (String[] a : axisInfo) {
                    Variable v = w.addVariable(null, a[0], DataType.DOUBLE, a[1]);
                    v.addAttribute(new Attribute("standard_name", a[2]));
                    v.addAttribute(new Attribute("long_name", a[3]));
                    v.addAttribute(new Attribute("units", a[4]));
                    axisVars.add(v);
                }
                for (NamedArray a : r.state()) {
                    Variable v = w.addVariable(null, a.name(), DataType.DOUBLE, a.shape().length == 3 ? "z y x" : "y x");
                    v.addAttribute(new Attribute("long_name", STATE_LONG_NAMES.getOrDefault(a.name(), a.name())));
                    v.addAttribute(new Attribute("units", a.units()));
                    v.addAttribute(new Attribute("coordinates", switch (a.name()) {
                        case "u" -> "lat lon_u";
                        case "v" -> "lat_v lon";
                        default -> "lat lon";
                    }));
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
                    v.addAttribute(new Attribute("long_name", "model parameter " + a.name()));
                    v.addAttribute(new Attribute("units", a.units()));
                    if (dims.equals("y x")) {
                        v.addAttribute(new Attribute("coordinates", "lat lon"));
                    }
                    vars.add(v);
                    arrays.add(a);
                }
                w.addGroupAttribute(null, new Attribute("Conventions", "CF-1.8"));
                w.addGroupAttribute(null, new Attribute("title", "Ferrel restart file"));
                w.addGroupAttribute(null, new Attribute("source", "Ferrel " + org.ferrel.io.FerrelVersion.VERSION));
                w.addGroupAttribute(null, new Attribute("comment", "the prognostic state at its own C-grid points (u at the east"
                        + " faces, v at the north faces, the other fields at the cell centres; z counts levels from the top) and every"
                        + " model parameter"
                        + " (parameter_K, named by its parameter_name) at step " + r.step() + "; " + CHECKSUM_ATTRIBUTE
                        + " is the SHA-256 of the step, time, output records, scenario and every state and parameter value"));
                w.addGroupAttribute(null, new Attribute("ferrel_restart_version", VERSION));
                w.addGroupAttribute(null, new Attribute("step", Long.toString(r.step())));
                w.addGroupAttribute(null, new Attribute("time_seconds", r.time()));
                w.addGroupAttribute(null, new Attribute("output_records", r.outputRecords()));
                w.addGroupAttribute(null, new Attribute("scenario_digest", r.scenarioDigest()));
                w.addGroupAttribute(null, new Attribute("scenario", r.scenarioText()));
                w.addGroupAttribute(null, new Attribute("parameters", r.parameters().size()));
                w.addGroupAttribute(null, new Attribute("state", String.join(" ", r.state().stream().map(NamedArray::name).toList())));
                w.addGroupAttribute(null, new Attribute(CHECKSUM_ATTRIBUTE, checksum(r)));
                w.create();
                for (int a = 0; a < axisVars.size(); a++) {
                    w.write(axisVars.get(a), Array.factory(DataType.DOUBLE, new int[] {axes[a].length}, axes[a]));
                }
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
            int layout = version.getNumericValue().intValue();
            if (layout != 1 && layout != VERSION) {
                throw new IOException(file + ": restart version " + version.getNumericValue() + ", this Ferrel reads versions 1 and "
                        + VERSION);
            }
            List<NamedArray> state = new ArrayList<>();
            Attribute names = f.findGlobalAttribute("state");   // absent in files of the shallow-water model only
            for (String name : names == null ? new String[] {"h", "u", "v"} : names.getStringValue().split(" ")) {
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
            Restart r = new Restart(Long.parseLong(f.findGlobalAttribute("step").getStringValue()),
                    f.findGlobalAttribute("time_seconds").getNumericValue().doubleValue(),
                    f.findGlobalAttribute("output_records").getNumericValue().intValue(),
                    f.findGlobalAttribute("scenario_digest").getStringValue(),
                    f.findGlobalAttribute("scenario").getStringValue(), state, parameters);
            if (layout >= 2) {
                Attribute written = f.findGlobalAttribute(CHECKSUM_ATTRIBUTE);
                if (written == null || !written.isString()) {
                    throw new IOException(file + ": damaged restart file: the global attribute " + CHECKSUM_ATTRIBUTE + " is missing");
                }
                if (!written.getStringValue().equals(checksum(r))) {
                    throw new IOException(file + ": damaged restart file: its data do not match the SHA-256 checksum ("
                            + CHECKSUM_ATTRIBUTE + ") written with it");
                }
            }
            return r;
        } catch (RuntimeException e) {
            throw new IOException(file + ": damaged restart file (" + e + ")", e);
        }
    }

    private static final java.util.Map<String, String> STATE_LONG_NAMES = java.util.Map.of("h", "fluid layer depth",
            "u", "eastward velocity at the east faces", "v", "northward velocity at the north faces",
            "temperature", "air temperature at the layer midpoints", "surface_pressure", "surface air pressure");

    /**
     * SHA-256 (hexadecimal) of everything a restart holds that a resume uses: step, time, output
     * records, scenario digest and text, and every state and parameter array (name, units, shape and
     * the values' IEEE 754 bits), in file order.
     */
    public static String checksum(Restart r) {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8);
        java.util.function.Consumer<String> text = t -> {
            byte[] bytes = t.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sha.update(b.clear().putInt(bytes.length).array(), 0, 4);
            sha.update(bytes);
        };
        text.accept("ferrel restart");
        sha.update(b.clear().putLong(r.step()).array());
        sha.update(b.clear().putLong(Double.doubleToRawLongBits(r.time())).array());
        sha.update(b.clear().putInt(r.outputRecords()).array(), 0, 4);
        text.accept(r.scenarioDigest());
        text.accept(r.scenarioText());
        for (List<NamedArray> group : List.of(r.state(), r.parameters())) {
            sha.update(b.clear().putInt(group.size()).array(), 0, 4);
            for (NamedArray a : group) {
                text.accept(a.name());
                text.accept(a.units());
                sha.update(b.clear().putInt(a.shape().length).array(), 0, 4);
                for (int d : a.shape()) {
                    sha.update(b.clear().putInt(d).array(), 0, 4);
                }
                java.nio.ByteBuffer values = java.nio.ByteBuffer.allocate(8 * a.values().length);
                for (double x : a.values()) {
                    values.putLong(Double.doubleToRawLongBits(x));
                }
                sha.update(values.array());
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
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
