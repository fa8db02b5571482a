package org.ferrel.autodiff;

import java.util.Arrays;

/**
 * Arrays given back by {@link Ops#recycle}, kept per thread for the next plain outputs of the same
 * size. A fresh array of a field's size costs its zeroing in memory the cache has not seen; a
 * recycled one was just written, so it is still in the cache, and the step's working set stays
 * small. Last in, first out; at most {@link #PER_SIZE} arrays of each of {@link #SIZES} sizes,
 * {@link #MAX_ELEMENTS} elements in all (64 MB per thread), and only arrays of at least
 * {@link #MIN_LENGTH} elements (smaller ones are cheap to allocate).
 */
final class BufferPool {
    static final int MIN_LENGTH = 1024;
    static final int PER_SIZE = 256;
    static final int SIZES = 8;
    static final long MAX_ELEMENTS = 8L << 20;

    private static final ThreadLocal<BufferPool> POOLS = ThreadLocal.withInitial(BufferPool::new);

    private final int[] lengths = new int[SIZES];
    private final double[][][] stacks = new double[SIZES][PER_SIZE][];
    private final int[] counts = new int[SIZES];
    private int used;
    private long held;

    static BufferPool current() {
        return POOLS.get();
    }

    /** A zero-filled array of {@code length} elements from this thread's pool or new. */
    static double[] zeros(int length) {
        return length < MIN_LENGTH ? new double[length] : current().take(length, true);
    }

    /** An array of {@code length} elements from this thread's pool (any contents) or new (zeros). */
    static double[] uninitialized(int length) {
        return length < MIN_LENGTH ? new double[length] : current().take(length, false);
    }

    /** An array of {@code length} elements, recycled when one is at hand and zeroed if {@code zero}. */
    double[] take(int length, boolean zero) {
        if (length >= MIN_LENGTH) {
            for (int s = 0; s < used; s++) {
                if (lengths[s] == length && counts[s] > 0) {
                    double[] a = stacks[s][--counts[s]];
                    stacks[s][counts[s]] = null;
                    held -= length;
                    if (zero) {
                        Arrays.fill(a, 0.0);
                    }
                    return a;
                }
            }
        }
        return new double[length];
    }

    /** Keeps {@code a} for reuse (ignored when small, already kept, or the pool is full). */
    void give(double[] a) {
        if (a.length < MIN_LENGTH || held + a.length > MAX_ELEMENTS) {
            return;
        }
        int s = 0;
        while (s < used && lengths[s] != a.length) {
            s++;
        }
        if (s == used) {
            if (used == SIZES) {
                return;
            }
            lengths[used++] = a.length;
        }
        double[][] stack = stacks[s];
        int n = counts[s];
        for (int i = 0; i < n; i++) {
            if (stack[i] == a) {
                return; // given twice: keeping it twice would hand one array out to two owners
            }
        }
        if (n < PER_SIZE) {
            stack[n] = a;
            counts[s] = n + 1;
            held += a.length;
        }
    }
}
