package org.ferrel.io.netcdf;

import java.io.IOException;
import java.nio.file.Path;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

/**
 * Small CF files written with NetCDF-Java for the tests, with values given by formulas so that
 * tests compute the expected statistics and pixels independently of the reader.
 */
public final class SampleFiles {
    public static final int NT = 3;
    public static final int NZ = 2;
    public static final int NY = 4;
    public static final int NX = 6;
    public static final double[] LAT = {-67.5, -22.5, 22.5, 67.5};
    public static final double[] LON = {0, 60, 120, 180, 240, 300};
    public static final double[] TIME = {0, 31, 60};
    public static final double H_FILL = -999;
    public static final short TP_FILL = -32767;

    private SampleFiles() {
    }

    /** h in metres; a fill value at (j = 1, i = 2) of every step. Straddles zero at t = 0, positive after. */
    public static boolean hMissing(int j, int i) {
        return j == 1 && i == 2;
    }

    public static double h(int t, int j, int i) {
        return 1000.0 * t + 10.0 * j + i - 25;
    }

    /** tp: stored as short s = 10 t + 6 j + i, physical 100 + 0.5 s; fill at (3, 5). */
    public static boolean tpMissing(int j, int i) {
        return j == 3 && i == 5;
    }

    public static double tp(int t, int j, int i) {
        return 100 + 0.5 * (10 * t + 6 * j + i);
    }

    /** q at level k. */
    public static double q(int t, int k, int j, int i) {
        return 100.0 * k + 6 * j + i + 0.25 * t;
    }

    /**
     * sample.nc: time (unlimited, days since 2000-01-01: 2000-01-01, 2000-02-01, 2000-03-01), level (850, 500
     * hPa), lat (4, ascending), lon (6, 0..300); variables h(time, lat, lon) double with _FillValue,
     * tp(time, lat, lon) packed short, q(time, level, lat, lon) float, ub(lat, lon) unsigned byte with a fill,
     * vr(lat, lon) float with valid_min/valid_max, series(time).
     */
    public static Path sample(Path dir) throws IOException {
        Path file = dir.resolve("sample.nc");
        NetcdfFileWriter w = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, file.toString());
        try {
            w.setLargeFile(true);
            w.addUnlimitedDimension("time");
            w.addDimension(null, "level", NZ);
            w.addDimension(null, "lat", NY);
            w.addDimension(null, "lon", NX);
            Variable time = w.addVariable(null, "time", DataType.DOUBLE, "time");
            time.addAttribute(new Attribute("units", "days since 2000-01-01 00:00:00"));
            time.addAttribute(new Attribute("calendar", "standard"));
            time.addAttribute(new Attribute("standard_name", "time"));
            time.addAttribute(new Attribute("axis", "T"));
            Variable level = w.addVariable(null, "level", DataType.DOUBLE, "level");
            level.addAttribute(new Attribute("units", "hPa"));
            level.addAttribute(new Attribute("positive", "down"));
            Variable lat = w.addVariable(null, "lat", DataType.DOUBLE, "lat");
            lat.addAttribute(new Attribute("units", "degrees_north"));
            lat.addAttribute(new Attribute("standard_name", "latitude"));
            Variable lon = w.addVariable(null, "lon", DataType.DOUBLE, "lon");
            lon.addAttribute(new Attribute("units", "degrees_east"));
            lon.addAttribute(new Attribute("standard_name", "longitude"));
            Variable h = w.addVariable(null, "h", DataType.DOUBLE, "time lat lon");
            h.addAttribute(new Attribute("units", "m"));
            h.addAttribute(new Attribute("long_name", "layer depth anomaly"));
            h.addAttribute(new Attribute("_FillValue", H_FILL));
            Variable tp = w.addVariable(null, "tp", DataType.SHORT, "time lat lon");
            tp.addAttribute(new Attribute("units", "K"));
            tp.addAttribute(new Attribute("long_name", "packed temperature"));
            tp.addAttribute(new Attribute("standard_name", "air_temperature"));
            tp.addAttribute(new Attribute("scale_factor", 0.5f));
            tp.addAttribute(new Attribute("add_offset", 100f));
            tp.addAttribute(new Attribute("_FillValue", TP_FILL));
            tp.addAttribute(new Attribute("missing_value", (short) 32767));
            Variable q = w.addVariable(null, "q", DataType.FLOAT, "time level lat lon");
            q.addAttribute(new Attribute("units", "g/kg"));
            q.addAttribute(new Attribute("long_name", "specific humidity"));
            Variable ub = w.addVariable(null, "ub", DataType.BYTE, "lat lon");
            ub.addAttribute(new Attribute("_Unsigned", "true"));
            ub.addAttribute(new Attribute("_FillValue", (byte) -1));
            Variable vr = w.addVariable(null, "vr", DataType.FLOAT, "lat lon");
            vr.addAttribute(new Attribute("valid_min", 0f));
            vr.addAttribute(new Attribute("valid_max", 10f));
            Variable series = w.addVariable(null, "series", DataType.DOUBLE, "time");
            series.addAttribute(new Attribute("units", "1"));
            w.addGroupAttribute(null, new Attribute("Conventions", "CF-1.8"));
            w.addGroupAttribute(null, new Attribute("title", "sample for tests"));
            w.create();

            w.write(time, Array.factory(DataType.DOUBLE, new int[] {NT}, TIME.clone()));
            w.write(level, Array.factory(DataType.DOUBLE, new int[] {NZ}, new double[] {850, 500}));
            w.write(lat, Array.factory(DataType.DOUBLE, new int[] {NY}, LAT.clone()));
            w.write(lon, Array.factory(DataType.DOUBLE, new int[] {NX}, LON.clone()));
            double[] hv = new double[NT * NY * NX];
            short[] tv = new short[NT * NY * NX];
            float[] qv = new float[NT * NZ * NY * NX];
            for (int t = 0; t < NT; t++) {
                for (int j = 0; j < NY; j++) {
                    for (int i = 0; i < NX; i++) {
                        int k = (t * NY + j) * NX + i;
                        hv[k] = hMissing(j, i) ? H_FILL : h(t, j, i);
                        tv[k] = tpMissing(j, i) ? TP_FILL : (short) (10 * t + 6 * j + i);
                        for (int z = 0; z < NZ; z++) {
                            qv[((t * NZ + z) * NY + j) * NX + i] = (float) q(t, z, j, i);
                        }
                    }
                }
            }
            w.write(h, Array.factory(DataType.DOUBLE, new int[] {NT, NY, NX}, hv));
            w.write(tp, Array.factory(DataType.SHORT, new int[] {NT, NY, NX}, tv));
            w.write(q, Array.factory(DataType.FLOAT, new int[] {NT, NZ, NY, NX}, qv));
            byte[] bv = new byte[NY * NX];
            float[] rv = new float[NY * NX];
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    bv[j * NX + i] = i == 5 ? (byte) -1 : (byte) (200 + i);
                    rv[j * NX + i] = 3 * i - 1;
                }
            }
            w.write(ub, Array.factory(DataType.BYTE, new int[] {NY, NX}, bv));
            w.write(vr, Array.factory(DataType.FLOAT, new int[] {NY, NX}, rv));
            w.write(series, Array.factory(DataType.DOUBLE, new int[] {NT}, new double[] {1, 2, 3}));
        } catch (InvalidRangeException e) {
            throw new IOException(e);
        } finally {
            w.close();
        }
        return file;
    }

    public static final double[] FLIPPED_LAT = {67.5, 22.5, -22.5, -67.5};
    public static final double[] FLIPPED_LON = {-157.5, -112.5, -67.5, -22.5, 22.5, 67.5, 112.5, 157.5};

    /** w(lon, lat) = 10 c + r + 1 (c: longitude index, r: latitude index), positive; latitudes descending. */
    public static double w(int c, int r) {
        return 10.0 * c + r + 1;
    }

    /**
     * flipped.nc: w(lon, lat) in K, dimensions in the order (lon, lat), latitudes north to south, longitudes
     * -157.5..157.5; no time.
     */
    public static Path flipped(Path dir) throws IOException {
        Path file = dir.resolve("flipped.nc");
        NetcdfFileWriter wr = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, file.toString());
        try {
            wr.addDimension(null, "x", FLIPPED_LON.length);
            wr.addDimension(null, "y", FLIPPED_LAT.length);
            Variable lon = wr.addVariable(null, "x", DataType.FLOAT, "x");
            lon.addAttribute(new Attribute("units", "degree_east"));
            Variable lat = wr.addVariable(null, "y", DataType.FLOAT, "y");
            lat.addAttribute(new Attribute("units", "degree_north"));
            Variable v = wr.addVariable(null, "w", DataType.DOUBLE, "x y");
            v.addAttribute(new Attribute("units", "K"));
            wr.create();
            float[] lo = new float[FLIPPED_LON.length];
            for (int i = 0; i < lo.length; i++) {
                lo[i] = (float) FLIPPED_LON[i];
            }
            float[] la = new float[FLIPPED_LAT.length];
            for (int j = 0; j < la.length; j++) {
                la[j] = (float) FLIPPED_LAT[j];
            }
            wr.write(lon, Array.factory(DataType.FLOAT, new int[] {lo.length}, lo));
            wr.write(lat, Array.factory(DataType.FLOAT, new int[] {la.length}, la));
            double[] vals = new double[lo.length * la.length];
            for (int c = 0; c < lo.length; c++) {
                for (int r = 0; r < la.length; r++) {
                    vals[c * la.length + r] = w(c, r);
                }
            }
            wr.write(v, Array.factory(DataType.DOUBLE, new int[] {lo.length, la.length}, vals));
        } catch (InvalidRangeException e) {
            throw new IOException(e);
        } finally {
            wr.close();
        }
        return file;
    }
}
