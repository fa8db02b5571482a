package org.ferrel.autodiff.exec;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Splits loops of at least {@link #MIN_PARALLEL} element operations into disjoint ranges run on a
 * fork-join pool of its own. Smaller loops run on the caller: the hand-off to the pool costs tens of
 * microseconds, more than they do (measured: with a threshold of 16,384 the shallow-water model at
 * 2.8 degrees ran two times slower on two threads than on one).
 */
final class ParallelBackend implements Backend {
    /** Loops shorter than this run serially. */
    static final int MIN_PARALLEL = 1 << 18;

    private final ForkJoinPool pool;
    private final int threads;

    ParallelBackend(int threads) {
        this.threads = threads;
        this.pool = new ForkJoinPool(threads, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false);
    }

    @Override
    public void forRange(int n, int work, RangeKernel kernel) {
        long total = (long) n * Math.max(1, work);
        if (total < MIN_PARALLEL || n < 2) {
            if (n > 0) {
                kernel.run(0, n);
            }
            return;
        }
        int chunks = (int) Math.min(Math.min(threads * 4L, n), Math.max(1, total / (MIN_PARALLEL / 4)));
        ForkJoinTask<?> task = new Chunks(kernel, n, chunks, 0, chunks);
        if (ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == pool) {
            task.invoke();
        } else {
            pool.invoke(task);
        }
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public String toString() {
        return "parallel(" + threads + ")";
    }

    private static final class Chunks extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient RangeKernel kernel;
        private final int n;
        private final int chunks;
        private final int lo;
        private final int hi;

        Chunks(RangeKernel kernel, int n, int chunks, int lo, int hi) {
            this.kernel = kernel;
            this.n = n;
            this.chunks = chunks;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                long from = (long) n * lo / chunks;
                long to = (long) n * (lo + 1) / chunks;
                kernel.run((int) from, (int) to);
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Chunks(kernel, n, chunks, lo, mid), new Chunks(kernel, n, chunks, mid, hi));
        }
    }
}
