package org.ferrel.io.netcdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ferrel.dycore.grid.LatLonGrid;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

/**
 * Streams a run's output into one CF-1.8 NetCDF file: one record per output time along the
 * unlimited {@code time} dimension, fields as {@code name(time, lat, lon)} at the cell centres,
 * scalar series as {@code name(time)}. Memory does not grow with the number of records.
 *
 * <p>The {@link OutputEncoding} says how fields are stored: double (default) or single precision,
 * optionally bit-rounded ({@link BitRounding}); coordinates, time and the scalar series are always
 * double precision. The partial file is always NetCDF-3 (64-bit offset), which NetCDF-Java writes
 * and reopens in place, so an interrupted run resumes from it; for NetCDF-4 output, {@link #commit}
 * copies the complete file into a compressed NetCDF-4 file ({@link Netcdf4Copy}, through the
 * NetCDF-C library) and renames that to the final name. (An HDF5 file being written is not safe to
 * continue after its process was killed, a NetCDF-3 file is.)
 *
 * <p>While the run goes on, the file is {@code .NAME.part} next to its final name; {@link #commit}
 * closes it and renames it to the final name, so a file under the final name is always complete.
 * {@link #flush} makes the records written so far durable (a restart point); {@link #resume}
 * continues an interrupted partial file in place from one of those points.
 */
public final class LatLonRecordWriter implements AutoCloseable {
    private final Path finalFile;
    private final Path partFile;
    private final NetcdfFileWriter writer;
    private final int nx;
    private final int ny;
    private final List<VariableInfo> fields;
    private final Layout layout;
    private final List<VariableInfo> series;
    private final OutputEncoding encoding;
    private final boolean timeBounds;
    private final Variable time;
    private final Variable bounds;
    private final Variable[] fieldVariables;
    private final Variable[] seriesVariables;
    private int records;
    private boolean finished;
    private long writeNanos;

    /**
     * The layout of an output file.
     *
     * @param globalAttributes text, or numbers ({@link Integer}, {@link Double}) written as numeric attributes
     * @param vertical the vertical axis of fields on levels, or null when every field is two-dimensional
     * @param layered  names of the fields on the vertical axis: {@code name(time, lev, lat, lon)}, [nz * ny * nx] values
     */
    public record Layout(LatLonGrid grid, List<VariableInfo> fields, List<VariableInfo> series, List<StaticField> staticFields,
                         TimeAxis timeAxis, boolean timeBounds, Map<String, ?> globalAttributes, VerticalAxis vertical,
                         java.util.Set<String> layered) {
        public Layout {
            fields = List.copyOf(fields);
            series = List.copyOf(series);
            staticFields = List.copyOf(staticFields);
            globalAttributes = Map.copyOf(globalAttributes);
            layered = java.util.Set.copyOf(layered);
            if (vertical == null && !layered.isEmpty()) {
                throw new IllegalArgumentException("fields on levels " + layered + " need a vertical axis");
            }
        }

        /** A layout of two-dimensional fields only. */
        public Layout(LatLonGrid grid, List<VariableInfo> fields, List<VariableInfo> series, List<StaticField> staticFields,
                      TimeAxis timeAxis, boolean timeBounds, Map<String, ?> globalAttributes) {
            this(grid, fields, series, staticFields, timeAxis, timeBounds, globalAttributes, null, java.util.Set.of());
        }

        /** Values per record of a field: nz * ny * nx on levels, ny * nx otherwise. */
        int valuesOf(VariableInfo f) {
            int n = grid.nx() * grid.ny();
            return layered.contains(f.name()) ? vertical.values().length * n : n;
        }
    }

    /**
     * A vertical coordinate variable {@code name(name)} with its CF attributes (units, standard_name,
     * positive, formula_terms, ...), and scalar variables its formula terms name (e.g. {@code ptop}).
     */
    public record VerticalAxis(String name, double[] values, Map<String, String> attributes, Map<String, Double> scalars) {
        public VerticalAxis {
            values = values.clone();
            attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
            scalars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scalars));
        }
    }

    /** A field that does not change in time (e.g. the topography), written once as {@code name(lat, lon)}. */
    public record StaticField(VariableInfo info, double[] values) {
    }

    private LatLonRecordWriter(Path finalFile, Path partFile, NetcdfFileWriter writer, Layout layout, OutputEncoding encoding) {
        this.encoding = encoding;
        this.finalFile = finalFile;
        this.partFile = partFile;
        this.writer = writer;
        this.nx = layout.grid().nx();
        this.ny = layout.grid().ny();
        this.fields = layout.fields();
        this.layout = layout;
        this.series = layout.series();
        this.timeBounds = layout.timeBounds();
        this.time = writer.findVariable("time");
        this.bounds = timeBounds ? writer.findVariable("time_bnds") : null;
        this.fieldVariables = fields.stream().map(f -> writer.findVariable(f.name())).toArray(Variable[]::new);
        this.seriesVariables = series.stream().map(f -> writer.findVariable(f.name())).toArray(Variable[]::new);
    }

    /** The partial file's name for a final file: a hidden sibling, so the final rename is atomic. */
    public static Path partFileOf(Path finalFile) {
        Path f = finalFile.toAbsolutePath();
        return f.resolveSibling("." + f.getFileName() + ".part");
    }

    /** The temporary name of the NetCDF-4 copy made by {@link #commit}. */
    static Path netcdf4PartOf(Path finalFile) {
        Path f = finalFile.toAbsolutePath();
        String name = f.getFileName().toString();
        String stem = name.endsWith(".nc") ? name.substring(0, name.length() - 3) : name;
        return f.resolveSibling("." + stem + ".netcdf4.nc.part");
    }

    /** Starts a new NetCDF-3 output file of doubles (replacing any partial file of an earlier attempt). */
    public static LatLonRecordWriter create(Path finalFile, Layout layout) throws IOException {
        return create(finalFile, layout, OutputEncoding.DEFAULT);
    }

    /**
     * Starts a new output file (replacing any partial file of an earlier attempt).
     *
     * @param encoding precision, rounding and format of the fields; for {@link OutputEncoding.Format#NETCDF4} the
     *                 caller has checked {@link Netcdf4Library#check()}
     */
    public static LatLonRecordWriter create(Path finalFile, Layout layout, OutputEncoding encoding) throws IOException {
        Path part = partFileOf(finalFile);
        Files.createDirectories(part.getParent());
        Files.deleteIfExists(part);
        Files.deleteIfExists(netcdf4PartOf(finalFile));
        return new LatLonRecordWriter(finalFile.toAbsolutePath(), part, define(part, layout, encoding), layout, encoding);
    }

    /**
     * Continues an interrupted output in place: the partial file is reopened and the next record is
     * written at index {@code keepRecords}. Records up to there were flushed before the restart the
     * run resumes from; records written after it (possibly half-written when the run was killed) are
     * overwritten by the resumed run, which writes the same values. Nothing is copied, so resuming
     * costs the same whatever the length of the run, and a resume that is itself killed leaves the
     * file as resumable as before.
     *
     * @throws IOException naming the file when the partial output is missing, unreadable, of another
     *                     layout, or holds fewer records than the restart expects
     */
    public static LatLonRecordWriter resume(Path finalFile, Layout layout, int keepRecords) throws IOException {
        return resume(finalFile, layout, keepRecords, OutputEncoding.DEFAULT);
    }

    /** {@link #resume(Path, Layout, int)} of an output with the given encoding. */
    public static LatLonRecordWriter resume(Path finalFile, Layout layout, int keepRecords, OutputEncoding encoding)
            throws IOException {
        Path part = partFileOf(finalFile);
        if (keepRecords == 0) {
            return create(finalFile, layout, encoding);
        }
        int available = recordsIn(part);
        if (available < keepRecords) {
            throw new IOException("the partial output " + part + " holds " + available + " records, the restart expects at least "
                    + keepRecords);
        }
        NetcdfFileWriter w;
        try {
            w = NetcdfFileWriter.openExisting(part.toString());
        } catch (IOException | RuntimeException e) {
            throw new IOException("the partial output " + part + " cannot be reopened: " + e.getMessage(), e);
        }
        try {
            checkLayout(w, layout, part, encoding);
        } catch (IOException e) {
            w.close();
            throw e;
        }
        LatLonRecordWriter out = new LatLonRecordWriter(finalFile.toAbsolutePath(), part, w, layout, encoding);
        out.records = keepRecords;
        return out;
    }

    /**
     * The number of records the partial output file {@code part} holds (0 when there is none).
     *
     * @throws IOException when the file exists but is not a readable NetCDF file
     */
    public static int recordsIn(Path part) throws IOException {
        if (!Files.exists(part)) {
            return 0;
        }
        try (NetcdfFile in = NetcdfFiles.open(part).file()) {
            Dimension t = in.findDimension("time");
            return t == null ? 0 : t.getLength();
        }
    }

    private static void checkLayout(NetcdfFileWriter w, Layout layout, Path part, OutputEncoding encoding) throws IOException {
        List<String> names = new java.util.ArrayList<>(List.of("time", "lat", "lon"));
        layout.fields().forEach(f -> names.add(f.name()));
        layout.series().forEach(f -> names.add(f.name()));
        layout.staticFields().forEach(f -> names.add(f.info().name()));
        if (layout.timeBounds()) {
            names.add("time_bnds");
        }
        for (String name : names) {
            if (w.findVariable(name) == null) {
                throw new IOException("the partial output " + part + " has no variable '" + name
                        + "': it was written by another scenario or version");
            }
        }
        if (!layout.fields().isEmpty()) {
            int[] shape = w.findVariable(layout.fields().get(0).name()).getShape();
            int dims = layout.layered().contains(layout.fields().get(0).name()) ? 4 : 3;
            if (shape.length != dims || shape[dims - 2] != layout.grid().ny() || shape[dims - 1] != layout.grid().nx()) {
                throw new IOException("the partial output " + part + " has another grid than the scenario's "
                        + layout.grid().nx() + " x " + layout.grid().ny());
            }
            DataType stored = w.findVariable(layout.fields().get(0).name()).getDataType();
            if (stored != fieldType(encoding)) {
                throw new IOException("the partial output " + part + " holds " + stored + " fields, the scenario asks for "
                        + fieldType(encoding));
            }
        }
    }

    private static DataType fieldType(OutputEncoding encoding) {
        return encoding.precision() == OutputEncoding.Precision.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
    }

    /** One field's values as stored: rounded to the encoding's precision and kept bits. */
    private static Array stored(OutputEncoding encoding, int[] shape, double[] values) {
        if (encoding.precision() == OutputEncoding.Precision.FLOAT32) {
            return Array.factory(DataType.FLOAT, shape, BitRounding.toFloat(values, encoding.keepBits()));
        }
        return Array.factory(DataType.DOUBLE, shape, BitRounding.rounded(values, encoding.keepBits()));
    }

    private static NetcdfFileWriter define(Path part, Layout layout, OutputEncoding encoding) throws IOException {
        LatLonGrid grid = layout.grid();
        int nx = grid.nx();
        int ny = grid.ny();
        NetcdfFileWriter w = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, part.toString());
        boolean ok = false;
        try {
            w.setLargeFile(true);
            w.setFill(false);
            w.addUnlimitedDimension("time");
            LatLonCoordinates.define(w, grid, layout.globalAttributes());
            Variable time = w.addVariable(null, "time", DataType.DOUBLE, "time");
            time.addAttribute(new Attribute("units", layout.timeAxis().units()));
            time.addAttribute(new Attribute("calendar", TimeAxis.CALENDAR));
            time.addAttribute(new Attribute("standard_name", "time"));
            time.addAttribute(new Attribute("long_name", "time"));
            time.addAttribute(new Attribute("axis", "T"));
            if (layout.timeBounds()) {
                time.addAttribute(new Attribute("bounds", "time_bnds"));
                w.addVariable(null, "time_bnds", DataType.DOUBLE, "time nv");
            }
            VerticalAxis vertical = layout.vertical();
            if (vertical != null) {
                w.addDimension(null, vertical.name(), vertical.values().length);
                Variable lev = w.addVariable(null, vertical.name(), DataType.DOUBLE, vertical.name());
                vertical.attributes().forEach((k, v) -> lev.addAttribute(new Attribute(k, v)));
                for (String scalar : vertical.scalars().keySet()) {
                    Variable sv = w.addVariable(null, scalar, DataType.DOUBLE, "");
                    sv.addAttribute(new Attribute("units", "Pa"));
                }
            }
            for (VariableInfo f : layout.fields()) {
                String dims = layout.layered().contains(f.name()) ? "time " + vertical.name() + " lat lon" : "time lat lon";
                describe(w.addVariable(null, f.name(), fieldType(encoding), dims), f, encoding);
            }
            for (StaticField f : layout.staticFields()) {
                describe(w.addVariable(null, f.info().name(), fieldType(encoding), "lat lon"), f.info(), encoding);
            }
            for (VariableInfo f : layout.series()) {
                describe(w.addVariable(null, f.name(), DataType.DOUBLE, "time"), f, OutputEncoding.DEFAULT);
            }
            w.create();
            LatLonCoordinates.write(w, grid);
            if (vertical != null) {
                w.write(w.findVariable(vertical.name()), Array.factory(DataType.DOUBLE, new int[] {vertical.values().length},
                        vertical.values()));
                for (var e : vertical.scalars().entrySet()) {
                    w.write(w.findVariable(e.getKey()), Array.factory(DataType.DOUBLE, new int[0], new double[] {e.getValue()}));
                }
            }
            for (StaticField f : layout.staticFields()) {
                if (f.values().length != nx * ny) {
                    throw new IllegalArgumentException("static field '" + f.info().name() + "' has " + f.values().length
                            + " values, the grid needs " + nx * ny);
                }
                w.write(w.findVariable(f.info().name()), stored(encoding, new int[] {ny, nx}, f.values()));
            }
            ok = true;
            return w;
        } catch (InvalidRangeException e) {
            throw new IOException("cannot write " + part + ": " + e.getMessage(), e);
        } finally {
            if (!ok) {
                w.close();
                Files.deleteIfExists(part);
            }
        }
    }

    private static void describe(Variable v, VariableInfo f, OutputEncoding encoding) {
        v.addAttribute(new Attribute("units", f.units()));
        v.addAttribute(new Attribute("long_name", f.longName()));
        if (f.standardName() != null) {
            v.addAttribute(new Attribute("standard_name", f.standardName()));
        }
        if (f.cellMethods() != null) {
            v.addAttribute(new Attribute("cell_methods", f.cellMethods()));
        }
        if (encoding.rounds()) {
            v.addAttribute(new Attribute("ferrel_keep_bits", encoding.keepBits()));
            v.addAttribute(new Attribute("comment", "bit-rounded: mantissa rounded to " + encoding.keepBits()
                    + " bits (round to nearest, ties to even), relative error at most 2^-" + (encoding.keepBits() + 1)));
        }
    }

    /** Records written so far. */
    public int records() {
        return records;
    }

    public Path finalFile() {
        return finalFile;
    }

    public Path partFile() {
        return partFile;
    }

    /**
     * Appends one record.
     *
     * @param time          seconds since the axis reference
     * @param intervalStart start of the interval the record stands for (used when the layout has time bounds)
     * @param fieldValues   one [ny * nx] array per field, in layout order
     * @param seriesValues  one value per scalar series, in layout order
     */
    public void append(double time, double intervalStart, double[][] fieldValues, double[] seriesValues) throws IOException {
        if (finished) {
            throw new IllegalStateException("output " + finalFile + " is already closed");
        }
        if (fieldValues.length != fields.size() || seriesValues.length != series.size()) {
            throw new IllegalArgumentException("expected " + fields.size() + " fields and " + series.size() + " series");
        }
        long t0 = System.nanoTime();
        try {
            int r = records;
            writer.write(this.time, new int[] {r}, Array.factory(DataType.DOUBLE, new int[] {1}, new double[] {time}));
            if (timeBounds) {
                writer.write(bounds, new int[] {r, 0},
                        Array.factory(DataType.DOUBLE, new int[] {1, 2}, new double[] {intervalStart, time}));
            }
            for (int k = 0; k < fieldVariables.length; k++) {
                int expected = layout.valuesOf(fields.get(k));
                if (fieldValues[k].length != expected) {
                    throw new IllegalArgumentException("field '" + fields.get(k).name() + "' has " + fieldValues[k].length
                            + " values, the grid needs " + expected);
                }
                if (expected == nx * ny) {
                    writer.write(fieldVariables[k], new int[] {r, 0, 0}, stored(encoding, new int[] {1, ny, nx}, fieldValues[k]));
                } else {
                    int nz = expected / (nx * ny);
                    writer.write(fieldVariables[k], new int[] {r, 0, 0, 0}, stored(encoding, new int[] {1, nz, ny, nx},
                            fieldValues[k]));
                }
            }
            for (int k = 0; k < seriesVariables.length; k++) {
                writer.write(seriesVariables[k], new int[] {r},
                        Array.factory(DataType.DOUBLE, new int[] {1}, new double[] {seriesValues[k]}));
            }
            records++;
        } catch (InvalidRangeException e) {
            throw new IOException("cannot write record " + records + " of " + partFile + ": " + e.getMessage(), e);
        } finally {
            writeNanos += System.nanoTime() - t0;
        }
    }

    /** Writes everything so far to disk, record count included, and forces it to the device. */
    public void flush() throws IOException {
        long t0 = System.nanoTime();
        writer.flush();
        org.ferrel.io.files.AtomicFiles.sync(partFile);
        writeNanos += System.nanoTime() - t0;
    }

    /**
     * Wall time spent writing so far [s]: appending records, flushing them to the disk and, for NetCDF-4,
     * the compressed copy made by {@link #commit} (not the computation of the values).
     */
    public double writeSeconds() {
        return writeNanos * 1e-9;
    }

    /**
     * Closes the file and renames it to its final name: the output is complete. For NetCDF-4 output the
     * complete NetCDF-3 file is first copied into a compressed NetCDF-4 file under a temporary name, which
     * is renamed to the final name; the partial file is removed after that.
     */
    public void commit() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        long t0 = System.nanoTime();
        writer.close();
        if (encoding.format() == OutputEncoding.Format.NETCDF4) {
            Path nc4 = netcdf4PartOf(finalFile);
            Netcdf4Copy.copy(partFile, nc4, encoding);
            org.ferrel.io.files.AtomicFiles.commit(nc4, finalFile);
            Files.deleteIfExists(partFile);
        } else {
            org.ferrel.io.files.AtomicFiles.commit(partFile, finalFile);
        }
        writeNanos += System.nanoTime() - t0;
    }

    /** The encoding of the fields. */
    public OutputEncoding encoding() {
        return encoding;
    }

    /** Closes the partial file and deletes it. */
    public void abandon() throws IOException {
        if (!finished) {
            finished = true;
            writer.close();
        }
        Files.deleteIfExists(partFile);
        Files.deleteIfExists(netcdf4PartOf(finalFile));
    }

    /** Closes the partial file and keeps it under its partial name (an interrupted run, to be resumed). */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            writer.close();
        }
    }
}
