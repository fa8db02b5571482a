package org.ferrel.io.netcdf;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The NetCDF-C library (libnetcdf) through which NetCDF-Java 4.5.5 writes NetCDF-4 files (its
 * {@code Nc4Iosp}, over JNA). It is found, in this order, at
 * <ol>
 *   <li>the system property {@value #PROPERTY} or the environment variable {@value #ENVIRONMENT}: the
 *       library file itself, or a folder holding {@code libnetcdf.so[.N]} ({@code libnetcdf[.N].dylib},
 *       {@code netcdf.dll}); only there;</li>
 *   <li>otherwise JNA's search for {@code netcdf}: {@code jna.library.path} and the system's library
 *       folders, where JNA also takes a versioned {@code libnetcdf.so.19} (Debian's {@code libnetcdf19}
 *       without the {@code -dev} package).</li>
 * </ol>
 * The answer is found once per JVM (NetCDF-Java loads the library once).
 */
public final class Netcdf4Library {
    /** System property naming the library file or its folder. */
    public static final String PROPERTY = "ferrel.netcdf.library";
    /** Environment variable naming the library file or its folder (the property wins). */
    public static final String ENVIRONMENT = "FERREL_NETCDF_LIBRARY";
    /** What to install where the library is missing. */
    public static final String INSTALL_HINT = "install the NetCDF-C library (Debian/Ubuntu: apt-get install libnetcdf19;"
            + " Fedora: dnf install netcdf; macOS: brew install netcdf), or set " + ENVIRONMENT + " to libnetcdf's path";

    private static final Pattern LIBRARY_NAME = Pattern.compile("libnetcdf\\.so(\\.[0-9]+)*|libnetcdf(\\.[0-9]+)*\\.dylib|netcdf\\.dll");

    /**
     * Whether NetCDF-4 can be written.
     *
     * @param present whether the library was loaded
     * @param detail  where it was looked for or found (for messages)
     */
    public record Availability(boolean present, String detail) {
    }

    private static Availability availability;

    private Netcdf4Library() {
    }

    /** Finds and loads the library (once per JVM). */
    public static synchronized Availability check() {
        if (availability == null) {
            availability = load();
        }
        return availability;
    }

    private static Availability load() {
        String configured = System.getProperty(PROPERTY);
        String source = "-D" + PROPERTY;
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT);
            source = ENVIRONMENT;
        }
        String folder = null;
        String name = null;
        String where;
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath();
            Path file;
            if (Files.isDirectory(p)) {
                file = libraryIn(p);
                if (file == null) {
                    return new Availability(false, "no libnetcdf in " + p + " (" + source + ")");
                }
            } else if (Files.isRegularFile(p)) {
                file = p;
            } else {
                return new Availability(false, p + " (" + source + ") does not exist");
            }
            folder = file.getParent().toString();
            name = file.toString();
            where = file + " (" + source + ")";
        } else {
            where = "the system's library folders and jna.library.path";
        }
        try {
            boolean present = quietly(folder, name);
            return present ? new Availability(true, "libnetcdf from " + where)
                    : new Availability(false, "libnetcdf not found in " + where);
        } catch (Throwable e) { // JNA without a native part for this platform, a library that is not libnetcdf, ...
            return new Availability(false, "libnetcdf from " + where + " could not be loaded: " + e);
        }
    }

    private static Path libraryIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(f -> LIBRARY_NAME.matcher(f.getFileName().toString()).matches())
                    .filter(Files::isRegularFile).sorted().toList();
            return found.isEmpty() ? null : found.getLast();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /**
     * Loads the library through NetCDF-Java, which prints what it loaded to System.out: that line
     * is kept out of the command's standard output (the path of the output file only).
     */
    private static boolean quietly(String folder, String name) {
        PrintStream out = System.out;
        synchronized (System.class) {
            System.setOut(new PrintStream(new ByteArrayOutputStream()));
            try {
                if (name != null) {
                    ucar.nc2.jni.netcdf.Nc4Iosp.setLibraryAndPath(folder, name);
                }
                return ucar.nc2.jni.netcdf.Nc4Iosp.isClibraryPresent();
            } finally {
                System.setOut(out);
            }
        }
    }
}
