package org.ferrel.io.scenario;

import java.nio.file.Path;

/** What {@code ferrel run} reports of a finished run, whatever the model family. */
public interface RunReport {

    /** The complete output file. */
    Path output();

    /** One line on what the run did (records, simulated time, wall time), or empty when it had nothing to do. */
    String summary();
}
