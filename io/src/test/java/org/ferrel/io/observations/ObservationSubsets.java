package org.ferrel.io.observations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

/**
 * Writes the small test subsets of {@code ../shared/data} kept in {@code src/test/resources/observations}
 * (see the README there). A subset keeps every {@code stride}-th entry of the named dimensions and all
 * entries of the others, copies the stored numbers unchanged (packed shorts stay packed shorts) with
 * every attribute of every kept variable and of the file, and is written as NetCDF-3 64-bit offset
 * (what NetCDF-Java 4.5.5 writes). Attributes that only describe NetCDF-4 storage ({@code _ChunkSizes},
 * {@code _NCProperties}, ...) are left out. Run by {@code ObservationSubsetsTest#writeSubsets}.
 */
final class ObservationSubsets {
    /** ERA-Interim: every 8th latitude (90 to -90 by 6 degrees) and longitude (0 to 354 by 6 degrees). */
    static final String ERAINT = "eraint_uvz_every8.nc";
    static final Map<String, Integer> ERAINT_STRIDES = Map.of("latitude", 8, "longitude", 8);
    /** NCEP skin temperature: every 4th Gaussian latitude and longitude, all 12 months, without valid_yr_count. */
    static final String SKT = "skt_every4.nc";
    static final Map<String, Integer> SKT_STRIDES = Map.of("lat", 4, "lon", 4);
    /** The NCEP air temperature file, copied whole (NetCDF-4, 408 KB). */
    static final String AIR = "air.sig995.mon.ltm.1981-2010.nc";

    private static final Set<String> STORAGE_ATTRIBUTES = Set.of("_ChunkSizes", "_NCProperties", "_Netcdf4Dimid",
            "_Storage", "_DeflateLevel", "_Shuffle", "_Endianness", "_NoFill");

    private ObservationSubsets() {
    }

    /** Writes all three into {@code target} from the files in {@code shared} (the shared data folder). */
    static void writeAll(Path shared, Path target) throws IOException {
        Files.createDirectories(target);
        subset(shared.resolve("eraint_uvz.nc"), target.resolve(ERAINT), ERAINT_STRIDES, Set.of(),
                "every 8th latitude and longitude of eraint_uvz.nc, stored shorts and attributes unchanged");
        subset(shared.resolve("skt.sfc.mon.ltm.1991-2020.nc"), target.resolve(SKT), SKT_STRIDES,
                Set.of("valid_yr_count"), "every 4th latitude and longitude of skt.sfc.mon.ltm.1991-2020.nc"
                        + " (NetCDF-4) as NetCDF-3, valid_yr_count left out, values and attributes unchanged");
        Files.copy(shared.resolve(AIR), target.resolve(AIR), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The section spec ({@code "0:1:1,0:240:8"}) that picks the subset's entries of a variable. */
    static String section(Variable v, Map<String, Integer> strides) {
        StringBuilder s = new StringBuilder();
        for (Dimension d : v.getDimensions()) {
            if (!s.isEmpty()) {
                s.append(',');
            }
            s.append("0:").append(d.getLength() - 1).append(':').append(strides.getOrDefault(d.getShortName(), 1));
        }
        return s.toString();
    }

    static void subset(Path source, Path target, Map<String, Integer> strides, Set<String> dropped, String note)
            throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (NetcdfFile in = NetcdfFile.open(source.toString())) {
            NetcdfFileWriter w = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, temporary.toString());
            try {
                w.setLargeFile(true);
                w.setFill(false);
                for (Dimension d : in.getDimensions()) {
                    int stride = strides.getOrDefault(d.getShortName(), 1);
                    w.addDimension(null, d.getShortName(), (d.getLength() + stride - 1) / stride);
                }
                List<Variable> kept = in.getVariables().stream().filter(v -> !dropped.contains(v.getShortName()))
                        .toList();
                Variable[] out = new Variable[kept.size()];
                for (int k = 0; k < out.length; k++) {
                    Variable v = kept.get(k);
                    out[k] = w.addVariable(null, v.getShortName(), v.getDataType(), v.getDimensionsString());
                    for (Attribute a : v.getAttributes()) {
                        if (!STORAGE_ATTRIBUTES.contains(a.getShortName())) {
                            out[k].addAttribute(a);
                        }
                    }
                }
                for (Attribute a : in.getGlobalAttributes()) {
                    if (!STORAGE_ATTRIBUTES.contains(a.getShortName())) {
                        w.addGroupAttribute(null, a);
                    }
                }
                w.addGroupAttribute(null, new Attribute("ferrel_subset", note + " (written by Ferrel's"
                        + " ObservationSubsets with NetCDF-Java 4.5.5)"));
                w.create();
                for (int k = 0; k < out.length; k++) {
                    Variable v = kept.get(k);
                    w.write(out[k], v.read(section(v, strides)).copy());
                }
            } finally {
                w.close();
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (InvalidRangeException e) {
            throw new IOException("cannot subset " + source + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
