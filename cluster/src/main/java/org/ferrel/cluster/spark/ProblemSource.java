package org.ferrel.cluster.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ferrel.calibration.optim.LeastSquaresProblem;

/**
 * How an executor gets the calibration problem its tasks evaluate: a problem holds a model, its
 * observations and arrays, so it is rebuilt where it runs from something small (a campaign file's
 * text) rather than shipped. Sources are values: equal sources build equal problems, and each JVM
 * builds a source's problem once ({@link #problem}).
 */
public interface ProblemSource extends Serializable {

    /** Builds the problem (called once per JVM and source). */
    LeastSquaresProblem build();

    /** The problem of a source on this JVM, built on first use. Problems must be thread-safe. */
    static LeastSquaresProblem problem(ProblemSource source) {
        return Cache.PROBLEMS.computeIfAbsent(source, ProblemSource::build);
    }

    /** The problems built on this JVM. */
    final class Cache {
        private static final Map<ProblemSource, LeastSquaresProblem> PROBLEMS = new ConcurrentHashMap<>();

        private Cache() {
        }
    }
}
