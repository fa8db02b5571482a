package org.ferrel.autodiff.exec;

/**
 * The execution seam: how a data-parallel loop is run. The arithmetic of every kernel lives in
 * static methods of {@code org.ferrel.autodiff.kernels}; a backend only decides which index
 * ranges run where. Results never depend on the backend: kernels write disjoint ranges and
 * reductions combine fixed-size blocks in a fixed order (see {@link #REDUCTION_BLOCK}).
 */
public interface Backend {
    /** Reductions sum blocks of this many elements and then the block sums in order. */
    int REDUCTION_BLOCK = 4096;

    /** Runs {@code kernel} over the index range {@code [0, n)}, possibly split into disjoint ranges. */
    default void forRange(int n, RangeKernel kernel) {
        forRange(n, 1, kernel);
    }

    /**
     * As {@link #forRange(int, RangeKernel)} for iterations that each do about {@code work}
     * element operations (a matrix row, a tridiagonal system), so that coarse loops are split too.
     */
    void forRange(int n, int work, RangeKernel kernel);

    /** Number of threads this backend may use. */
    int threads();

    static Backend serial() {
        return SerialBackend.INSTANCE;
    }

    /** A backend with its own pool of {@code threads} worker threads (1 means serial). */
    static Backend parallel(int threads) {
        return threads <= 1 ? SerialBackend.INSTANCE : new ParallelBackend(threads);
    }
}
