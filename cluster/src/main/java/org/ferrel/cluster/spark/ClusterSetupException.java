package org.ferrel.cluster.spark;

/**
 * A campaign that cannot start as asked (unreachable master, output directory not writable or
 * holding another ensemble): found before any member starts. A bad input, exit code 3 of the CLI.
 */
public final class ClusterSetupException extends IllegalArgumentException {
    public ClusterSetupException(String message) {
        super(message);
    }
}
