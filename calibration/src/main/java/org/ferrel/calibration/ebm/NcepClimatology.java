package org.ferrel.calibration.ebm;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferrel.io.observations.GriddedObservation;
import org.ferrel.io.observations.ObservationException;
import org.ferrel.io.observations.ObservationReader;
import org.ferrel.physics.ebm.EbmGrid;

/**
 * Annual-mean zonal means of the NCEP/NCAR Reanalysis 1 long-term monthly means of the shared data
 * folder (see its SOURCES.md): the observations the energy balance model is compared with.
 *
 * <ul>
 *   <li>{@code air.sig995.mon.ltm.1981-2010.nc}: air temperature at sigma 0.995, °C, on the regular
 *       2.5° grid (73 latitudes, poles included): {@link #airLatitudes}, {@link #airTemperature};</li>
 *   <li>{@code skt.sfc}, {@code ulwrf.ntat}, {@code dswrf.ntat}, {@code uswrf.ntat} (1991-2020): skin
 *       temperature (°C), outgoing long-wave, incoming and reflected short-wave radiation at the top of
 *       the atmosphere (W m⁻²), on the T62 Gaussian grid (94 latitudes): {@link #latitudes} and the
 *       other four.</li>
 * </ul>
 * Annual means weight the 12 monthly means by the lengths of the months (31, 28.25, 31, 30, ... days
 * of a 365.25-day year); zonal means weight every longitude equally. Latitudes ascend. The absorbed
 * short-wave radiation is {@code dswrf - uswrf} and the co-albedo {@code 1 - uswrf / dswrf}, both of
 * annual zonal means (a ratio of means: monthly ratios are undefined in the polar night).
 *
 * <p>{@link #writeCsv}/{@link #readCsv} store the profiles (about 10 KB) so that tests and users
 * without the shared folder can use them: {@code calibration/src/test/resources/ebm/} holds the
 * output of {@link #read} on the shared files.
 */
public record NcepClimatology(double[] airLatitudes, double[] airTemperature, double[] latitudes,
                              double[] skinTemperature, double[] outgoingLongwave, double[] insolation,
                              double[] reflectedShortwave) {

    public static final String AIR_FILE = "air.sig995.mon.ltm.1981-2010.nc";
    public static final String SKIN_FILE = "skt.sfc.mon.ltm.1991-2020.nc";
    public static final String OLR_FILE = "ulwrf.ntat.mon.ltm.1991-2020.nc";
    public static final String INSOLATION_FILE = "dswrf.ntat.mon.ltm.1991-2020.nc";
    public static final String REFLECTED_FILE = "uswrf.ntat.mon.ltm.1991-2020.nc";

    /** The CSV of {@link #writeCsv} for the 2.5° grid. */
    public static final String AIR_CSV = "ncep_air_zonal_annual.csv";
    /** The CSV of {@link #writeCsv} for the T62 Gaussian grid. */
    public static final String GAUSSIAN_CSV = "ncep_t62_zonal_annual.csv";

    /** Days of each month in a 365.25-day year, the weights of the annual mean. */
    static final double[] MONTH_DAYS = {31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    /** Which observed temperature stands for the model's surface temperature. */
    public enum Temperature {
        /** Air temperature at sigma 0.995 (the lowest model level, about 40 m), 2.5° grid. */
        SURFACE_AIR,
        /** Skin (surface radiative) temperature, T62 grid. */
        SKIN
    }

    public NcepClimatology {
        requireSameLength("air", airLatitudes, airTemperature);
        for (double[] v : new double[][] {skinTemperature, outgoingLongwave, insolation, reflectedShortwave}) {
            requireSameLength("T62", latitudes, v);
        }
    }

    private static void requireSameLength(String what, double[] latitudes, double[] values) {
        if (latitudes.length != values.length) {
            throw new IllegalArgumentException("NCEP climatology (" + what + "): " + latitudes.length + " latitudes but "
                    + values.length + " values");
        }
    }

    /** Reads the five files of the shared data folder and reduces them to annual zonal means. */
    public static NcepClimatology read(Path dataDirectory) throws IOException {
        GriddedObservation air = ObservationReader.read(dataDirectory.resolve(AIR_FILE), "air");
        GriddedObservation skt = ObservationReader.read(dataDirectory.resolve(SKIN_FILE), "skt");
        GriddedObservation olr = ObservationReader.read(dataDirectory.resolve(OLR_FILE), "ulwrf");
        GriddedObservation down = ObservationReader.read(dataDirectory.resolve(INSOLATION_FILE), "dswrf");
        GriddedObservation up = ObservationReader.read(dataDirectory.resolve(REFLECTED_FILE), "uswrf");
        for (GriddedObservation g : List.of(olr, down, up)) {
            if (!java.util.Arrays.equals(g.latitudes(), skt.latitudes())) {
                throw new ObservationException(g.file() + ": latitudes differ from those of " + skt.file());
            }
        }
        return new NcepClimatology(air.latitudes(), zonalMean(annualMean(air), air.ny(), air.nx()), skt.latitudes(),
                zonalMean(annualMean(skt), skt.ny(), skt.nx()), zonalMean(annualMean(olr), olr.ny(), olr.nx()),
                zonalMean(annualMean(down), down.ny(), down.nx()), zonalMean(annualMean(up), up.ny(), up.nx()));
    }

    /** The annual mean [ny][nx] of 12 monthly means, weighted by the month lengths. */
    public static double[] annualMean(GriddedObservation g) {
        if (g.nt() != 12) {
            throw new IllegalArgumentException(g.file() + " (" + g.variable() + "): expected 12 monthly means, found "
                    + g.nt() + " records");
        }
        int size = g.ny() * g.nx();
        double[] mean = new double[size];
        double total = 0;
        for (double d : MONTH_DAYS) {
            total += d;
        }
        for (int t = 0; t < 12; t++) {
            double[] field = g.field(t);
            double w = MONTH_DAYS[t] / total;
            for (int k = 0; k < size; k++) {
                mean[k] += w * field[k];
            }
        }
        for (int k = 0; k < size; k++) {
            if (!Double.isFinite(mean[k])) {
                throw new IllegalArgumentException(g.file() + " (" + g.variable() + "): missing value at row "
                        + k / g.nx() + ", column " + k % g.nx());
            }
        }
        return mean;
    }

    /** The mean over longitudes of each row of a [ny][nx] field. */
    public static double[] zonalMean(double[] field, int ny, int nx) {
        double[] z = new double[ny];
        for (int j = 0; j < ny; j++) {
            double s = 0;
            for (int i = 0; i < nx; i++) {
                s += field[j * nx + i];
            }
            z[j] = s / nx;
        }
        return z;
    }

    /** Absorbed short-wave radiation {@code dswrf - uswrf} on the T62 latitudes, W m⁻². */
    public double[] absorbedShortwave() {
        double[] a = new double[latitudes.length];
        for (int j = 0; j < a.length; j++) {
            a[j] = insolation[j] - reflectedShortwave[j];
        }
        return a;
    }

    /** Co-albedo {@code 1 - uswrf / dswrf} on the T62 latitudes. */
    public double[] coAlbedo() {
        double[] a = new double[latitudes.length];
        for (int j = 0; j < a.length; j++) {
            a[j] = 1.0 - reflectedShortwave[j] / insolation[j];
        }
        return a;
    }

    /** The cos-latitude-weighted mean of a zonal-mean profile (the global mean). */
    public static double globalMean(double[] latitudes, double[] zonal) {
        double s = 0;
        double w = 0;
        for (int j = 0; j < latitudes.length; j++) {
            double c = Math.max(0.0, Math.cos(Math.toRadians(latitudes[j])));
            s += c * zonal[j];
            w += c;
        }
        return s / w;
    }

    /** The air temperature linearly interpolated in latitude to the T62 latitudes. */
    public double[] airTemperatureOnGaussianLatitudes() {
        double[] out = new double[latitudes.length];
        for (int j = 0; j < latitudes.length; j++) {
            out[j] = interpolate(airLatitudes, airTemperature, latitudes[j]);
        }
        return out;
    }

    private static double interpolate(double[] x, double[] y, double at) {
        int k = 0;
        while (k < x.length - 2 && x[k + 1] < at) {
            k++;
        }
        double w = (at - x[k]) / (x[k + 1] - x[k]);
        return y[k] + w * (y[k + 1] - y[k]);
    }

    // ---- onto the energy balance model's cells ----

    /**
     * The observations averaged over the cells of an energy balance grid: each observed latitude row
     * stands for the band between the midpoints to its neighbours (the poles closing the first and
     * last), and a cell's value is the area-weighted (in x = sin(latitude)) mean of the bands it
     * overlaps. On a {@link EbmGrid.Domain#HEMISPHERE} grid, each cell is the mean of its northern and
     * southern mirror images (equal areas): the observations are averaged over the hemispheres. On
     * a {@link EbmGrid.Domain#GLOBE} grid the two hemispheres stay apart. The co-albedo of a cell is
     * its absorbed over its incoming short-wave radiation.
     */
    public EbmObservations onGrid(EbmGrid grid, Temperature temperature) {
        double[] t = temperature == Temperature.SURFACE_AIR ? toCells(airLatitudes, airTemperature, grid)
                : toCells(latitudes, skinTemperature, grid);
        String source = temperature == Temperature.SURFACE_AIR ? "NCEP R1 air.sig995 1981-2010" : "NCEP R1 skt 1991-2020";
        return new EbmObservations(grid, source, t, toCells(latitudes, outgoingLongwave, grid),
                toCells(latitudes, insolation, grid), toCells(latitudes, absorbedShortwave(), grid));
    }

    /** Conservative averaging of a latitude profile onto the cells of a grid (see {@link #onGrid}). */
    public static double[] toCells(double[] latitudes, double[] values, EbmGrid grid) {
        int ny = latitudes.length;
        double[] edges = new double[ny + 1];
        edges[0] = -1.0;
        edges[ny] = 1.0;
        for (int j = 1; j < ny; j++) {
            edges[j] = Math.sin(Math.toRadians(0.5 * (latitudes[j - 1] + latitudes[j])));
        }
        double[] faces = grid.faces();
        double[] out = new double[grid.cellCount()];
        boolean hemisphere = grid.domain() == EbmGrid.Domain.HEMISPHERE;
        for (int i = 0; i < out.length; i++) {
            double a = faces[i];
            double b = faces[i + 1];
            double v = bandAverage(edges, values, a, b);
            out[i] = hemisphere ? 0.5 * (v + bandAverage(edges, values, -b, -a)) : v;
        }
        return out;
    }

    private static double bandAverage(double[] edges, double[] values, double a, double b) {
        double s = 0;
        for (int j = 0; j < values.length; j++) {
            double overlap = Math.min(b, edges[j + 1]) - Math.max(a, edges[j]);
            if (overlap > 0) {
                s += overlap * values[j];
            }
        }
        return s / (b - a);
    }

    // ---- CSV ----

    /**
     * Writes the two profiles as CSV ({@link #AIR_CSV}, {@link #GAUSSIAN_CSV}) into a directory, each
     * to a temporary name renamed when complete. Numbers are written in full (shortest round-trip
     * form), so {@link #readCsv} gives back exactly these values.
     */
    public void writeCsv(Path directory) {
        try {
            Files.createDirectories(directory);
            write(directory.resolve(AIR_CSV), List.of(
                    "# NCEP/NCAR Reanalysis 1 air temperature at sigma 0.995, long-term monthly means 1981-2010",
                    "# (NOAA PSL; file air.sig995.mon.ltm.1981-2010.nc of the project's shared data, see its SOURCES.md):",
                    "# annual mean (months weighted by their lengths) of the zonal mean, on the 2.5 degree latitudes.",
                    "# Written by org.ferrel.calibration.ebm.NcepClimatology.writeCsv.",
                    "latitude_deg,air_degC"), airLatitudes, airTemperature);
            write(directory.resolve(GAUSSIAN_CSV), List.of(
                    "# NCEP/NCAR Reanalysis 1 long-term monthly means 1991-2020 on the T62 Gaussian grid (NOAA PSL; files",
                    "# skt.sfc, ulwrf.ntat, dswrf.ntat, uswrf.ntat .mon.ltm.1991-2020.nc of the project's shared data, see",
                    "# its SOURCES.md): annual means (months weighted by their lengths) of the zonal means. skt: skin",
                    "# temperature; ulwrf: outgoing long-wave, dswrf: incoming short-wave, uswrf: reflected short-wave",
                    "# radiation at the top of the atmosphere. Written by org.ferrel.calibration.ebm.NcepClimatology.writeCsv.",
                    "latitude_deg,skt_degC,ulwrf_W_m-2,dswrf_W_m-2,uswrf_W_m-2"),
                    latitudes, skinTemperature, outgoingLongwave, insolation, reflectedShortwave);
        } catch (IOException e) {
            throw new UncheckedIOException("NCEP climatology: cannot write CSV into " + directory, e);
        }
    }

    private static void write(Path file, List<String> header, double[]... columns) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (String h : header) {
                w.write(h);
                w.write('\n');
            }
            for (int j = 0; j < columns[0].length; j++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < columns.length; c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    line.append(columns[c][j]);
                }
                w.write(line.toString());
                w.write('\n');
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads the two CSV files of {@link #writeCsv} from a directory. */
    public static NcepClimatology readCsv(Path directory) throws IOException {
        double[][] air = read(directory.resolve(AIR_CSV), 2);
        double[][] t62 = read(directory.resolve(GAUSSIAN_CSV), 5);
        return new NcepClimatology(air[0], air[1], t62[0], t62[1], t62[2], t62[3], t62[4]);
    }

    private static double[][] read(Path file, int columns) throws IOException {
        List<double[]> rows = new ArrayList<>();
        boolean header = false;
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                header = true;
                continue;
            }
            String[] parts = line.split(",");
            if (parts.length != columns) {
                throw new IOException(file + ", line " + lineNumber + ": expected " + columns + " columns, found "
                        + parts.length);
            }
            double[] row = new double[columns];
            for (int c = 0; c < columns; c++) {
                try {
                    row[c] = Double.parseDouble(parts[c].trim());
                } catch (NumberFormatException e) {
                    throw new IOException(file + ", line " + lineNumber + ", column " + (c + 1) + ": not a number: '"
                            + parts[c] + "'", e);
                }
            }
            rows.add(row);
        }
        double[][] out = new double[columns][rows.size()];
        for (int j = 0; j < rows.size(); j++) {
            for (int c = 0; c < columns; c++) {
                out[c][j] = rows.get(j)[c];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "NcepClimatology(%d air latitudes, %d T62 latitudes)", airLatitudes.length,
                latitudes.length);
    }
}
