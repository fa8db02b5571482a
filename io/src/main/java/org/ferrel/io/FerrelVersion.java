package org.ferrel.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Ferrel's version, from the build (written into output files and shown by {@code ferrel --version}). */
public final class FerrelVersion {
    public static final String VERSION = load();

    private FerrelVersion() {
    }

    private static String load() {
        try (InputStream in = FerrelVersion.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
