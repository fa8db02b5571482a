package org.ferrel.io.config;

/**
 * A configuration file that cannot be used: the message names the file, the line, the key and
 * what was expected, e.g. {@code case5.yaml:12: dynamics.timeStep: expected a duration such as
 * "450 s" or "6 hours", got "fast"}.
 */
public final class ConfigException extends RuntimeException {
    private final String file;
    private final int line;
    private final String key;
    private final String problem;

    /**
     * @param file the file's name as the user gave it
     * @param line 1-based line, or 0 when unknown
     * @param key  the dotted key path, or "" for the whole file
     */
    public ConfigException(String file, int line, String key, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
        this.file = file;
        this.line = line;
        this.key = key;
        this.problem = problem;
    }

    /** What is wrong, without the file, line and key. */
    public String problem() {
        return problem;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String key() {
        return key;
    }
}
