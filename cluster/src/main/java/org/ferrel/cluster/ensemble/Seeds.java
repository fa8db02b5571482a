package org.ferrel.cluster.ensemble;

/** Independent seeds derived from an ensemble's seed, a member and a stream (SplitMix64 finalizer). */
public final class Seeds {
    private Seeds() {
    }

    /** The seed of stream {@code stream} of member {@code member} (-1: not a member's). */
    public static long of(long seed, int member, int stream) {
        return mix(mix(mix(seed) ^ (member + 0x9E3779B97F4A7C15L)) ^ (stream * 0xBF58476D1CE4E5B9L + 1));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
