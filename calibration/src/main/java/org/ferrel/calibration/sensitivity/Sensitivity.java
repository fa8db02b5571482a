package org.ferrel.calibration.sensitivity;

import java.util.Map;
import org.ferrel.io.scenario.ObservedLevel;
import org.ferrel.io.scenario.Scenario;

/**
 * A sensitivity study as read from a YAML file by {@link SensitivityFile}: which model (a scenario)
 * and which scalar diagnostic of its run, whose adjoint sensitivity to the initial fields and to
 * every parameter (fields and scalars) is wanted.
 *
 * <p>The diagnostic is the area-weighted mean of one observable field of the scenario's family over a
 * region, averaged over the last {@code window} seconds of the run:
 * <pre>
 *   J = (1/n) sum_{k = N-n+1..N} sum_{i in R} a_i f_i(x_k) / sum_{i in R} a_i
 * </pre>
 *
 * @param name        names the output folder
 * @param origin      the file, for messages
 * @param text        the file's text
 * @param scenario    the model's scenario
 * @param field       the diagnostic's field (one of the family's observable fields)
 * @param level       its level, or {@link ObservedLevel#NONE}
 * @param region      the region of the area mean
 * @param window      the time mean covers the last {@code window} seconds of the run
 * @param checkpoints snapshots of the binomial checkpoint schedule of the adjoint run
 * @param lines       line of each dotted key, for errors found after parsing
 */
public record Sensitivity(String name, String origin, String text, Scenario scenario, String field, ObservedLevel level,
                          Region region, double window, int checkpoints, Map<String, Integer> lines) {

    public Sensitivity {
        lines = Map.copyOf(lines);
    }

    public int line(String key) {
        return lines.getOrDefault(key, 0);
    }

    /**
     * A latitude-longitude box [degrees]; {@code west > east} wraps through 0 degrees east.
     *
     * @param south southern edge, -90 to 90
     * @param north northern edge, above south
     * @param west  western edge, 0 to 360 (or -180 to 180)
     * @param east  eastern edge
     */
    public record Region(double south, double north, double west, double east) {
        public static final Region GLOBE = new Region(-90, 90, 0, 360);

        /** Whether a cell centre [degrees] lies in the box. */
        public boolean contains(double latitude, double longitude) {
            if (latitude < south || latitude > north) {
                return false;
            }
            if (east - west >= 360) {
                return true;
            }
            double offset = ((longitude - west) % 360 + 360) % 360;
            double width = ((east - west) % 360 + 360) % 360;
            return offset <= width;
        }

        @Override
        public String toString() {
            return this.equals(GLOBE) ? "the globe" : String.format(java.util.Locale.ROOT, "%s to %s N, %s to %s E", south, north,
                    west, east);
        }
    }
}
