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
 * Streams a run's output into one CF-1.8 NetCDF-3 file (64-bit offset): one record per output
 * time along the unlimited {@code time} dimension, fields as {@code name(time, lat, lon)} at the
 * cell centres in double precision, scalar series as {@code name(time)}. Memory does not grow
 * with the number of records.
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
    private final List<VariableInfo> series;
    private final boolean timeBounds;
    private final Variable time;
    private final Variable bounds;
    private final Variable[] fieldVariables;
    private final Variable[] seriesVariables;
    private int records;
    private boolean finished;

    /** The layout of an output file. */
    public record Layout(LatLonGrid grid, List<VariableInfo> fields, List<VariableInfo> series, List<StaticField> staticFields,
                         TimeAxis timeAxis, boolean timeBounds, Map<String, String> globalAttributes) {
        public Layout {
            fields = List.copyOf(fields);
            series = List.copyOf(series);
            staticFields = List.copyOf(staticFields);
            globalAttributes = Map.copyOf(globalAttributes);
        }
    }

    /** A field that does not change in time (e.g. the topography), written once as {@code name(lat, lon)}. */
    public record StaticField(VariableInfo info, double[] values) {
    }

    private LatLonRecordWriter(Path finalFile, Path partFile, NetcdfFileWriter writer, Layout layout) {
        this.finalFile = finalFile;
        this.partFile = partFile;
        this.writer = writer;
        this.nx = layout.grid().nx();
        this.ny = layout.grid().ny();
        this.fields = layout.fields();
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

    /** Starts a new output file (replacing any partial file of an earlier attempt). */
    public static LatLonRecordWriter create(Path finalFile, Layout layout) throws IOException {
        Path part = partFileOf(finalFile);
        Files.createDirectories(part.getParent());
        Files.deleteIfExists(part);
        return new LatLonRecordWriter(finalFile.toAbsolutePath(), part, define(part, layout), layout);
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
        Path part = partFileOf(finalFile);
        if (keepRecords == 0) {
            return create(finalFile, layout);
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
            checkLayout(w, layout, part);
        } catch (IOException e) {
            w.close();
            throw e;
        }
        LatLonRecordWriter out = new LatLonRecordWriter(finalFile.toAbsolutePath(), part, w, layout);
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

    private static void checkLayout(NetcdfFileWriter w, Layout layout, Path part) throws IOException {
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
            if (shape.length != 3 || shape[1] != layout.grid().ny() || shape[2] != layout.grid().nx()) {
                throw new IOException("the partial output " + part + " has another grid than the scenario's "
                        + layout.grid().nx() + " x " + layout.grid().ny());
            }
        }
    }

    private static NetcdfFileWriter define(Path part, Layout layout) throws IOException {
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
            for (VariableInfo f : layout.fields()) {
                describe(w.addVariable(null, f.name(), DataType.DOUBLE, "time lat lon"), f);
            }
            for (StaticField f : layout.staticFields()) {
                describe(w.addVariable(null, f.info().name(), DataType.DOUBLE, "lat lon"), f.info());
            }
            for (VariableInfo f : layout.series()) {
                describe(w.addVariable(null, f.name(), DataType.DOUBLE, "time"), f);
            }
            w.create();
            LatLonCoordinates.write(w, grid);
            for (StaticField f : layout.staticFields()) {
                if (f.values().length != nx * ny) {
                    throw new IllegalArgumentException("static field '" + f.info().name() + "' has " + f.values().length
                            + " values, the grid needs " + nx * ny);
                }
                w.write(w.findVariable(f.info().name()), Array.factory(DataType.DOUBLE, new int[] {ny, nx}, f.values().clone()));
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

    private static void describe(Variable v, VariableInfo f) {
        v.addAttribute(new Attribute("units", f.units()));
        v.addAttribute(new Attribute("long_name", f.longName()));
        if (f.standardName() != null) {
            v.addAttribute(new Attribute("standard_name", f.standardName()));
        }
        if (f.cellMethods() != null) {
            v.addAttribute(new Attribute("cell_methods", f.cellMethods()));
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
        try {
            int r = records;
            writer.write(this.time, new int[] {r}, Array.factory(DataType.DOUBLE, new int[] {1}, new double[] {time}));
            if (timeBounds) {
                writer.write(bounds, new int[] {r, 0},
                        Array.factory(DataType.DOUBLE, new int[] {1, 2}, new double[] {intervalStart, time}));
            }
            for (int k = 0; k < fieldVariables.length; k++) {
                if (fieldValues[k].length != nx * ny) {
                    throw new IllegalArgumentException("field '" + fields.get(k).name() + "' has " + fieldValues[k].length
                            + " values, the grid needs " + nx * ny);
                }
                writer.write(fieldVariables[k], new int[] {r, 0, 0},
                        Array.factory(DataType.DOUBLE, new int[] {1, ny, nx}, fieldValues[k].clone()));
            }
            for (int k = 0; k < seriesVariables.length; k++) {
                writer.write(seriesVariables[k], new int[] {r},
                        Array.factory(DataType.DOUBLE, new int[] {1}, new double[] {seriesValues[k]}));
            }
            records++;
        } catch (InvalidRangeException e) {
            throw new IOException("cannot write record " + records + " of " + partFile + ": " + e.getMessage(), e);
        }
    }

    /** Writes everything so far to disk, record count included, and forces it to the device. */
    public void flush() throws IOException {
        writer.flush();
        org.ferrel.io.files.AtomicFiles.sync(partFile);
    }

    /** Closes the file and renames it to its final name: the output is complete. */
    public void commit() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        writer.close();
        org.ferrel.io.files.AtomicFiles.commit(partFile, finalFile);
    }

    /** Closes the partial file and deletes it. */
    public void abandon() throws IOException {
        if (!finished) {
            finished = true;
            writer.close();
        }
        Files.deleteIfExists(partFile);
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
