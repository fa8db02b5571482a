package org.ferrel.autodiff.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits loops of at least {@link #MIN_PARALLEL} element operations into disjoint ranges run by a
 * team: the calling thread and {@code threads - 1} worker threads. The hand-off is what matters for
 * array operations of tens of microseconds: workers that have just finished a loop spin (for
 * {@link #SPIN_NANOS}, when the team has no more threads than the machine has cores) waiting for the
 * next one instead of parking, and the caller claims ranges
 * itself instead of blocking, so a loop starts on all threads within about a microsecond. (A
 * fork-join pool, used before, costs tens of microseconds per loop: the caller parks and the
 * workers wake from parked; with it a second thread made the shallow-water model slower.)
 *
 * <p>Results do not depend on the team: ranges are fixed by {@code n} and the number of chunks, and
 * every index is computed by exactly one thread. Teams are shared by thread count within the JVM; a
 * loop started while the team is busy (by another thread, or nested inside a running range) runs on
 * its caller alone.
 */
final class ParallelBackend implements Backend {
    /** Loops shorter than this (in element operations) run on the caller alone. */
    static final int MIN_PARALLEL = 1 << 14;
    /** How long an idle worker spins for the next loop before it parks. */
    static final long SPIN_NANOS = 200_000;

    private static final Map<Integer, Team> TEAMS = new ConcurrentHashMap<>();

    private final int threads;
    private final Team team;

    ParallelBackend(int threads) {
        this.threads = threads;
        this.team = TEAMS.computeIfAbsent(threads, Team::new);
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
        int chunks = (int) Math.min(Math.min(threads * 4L, n), Math.max(2, total / (MIN_PARALLEL / 4)));
        if (!team.run(new Job(kernel, n, chunks))) {
            kernel.run(0, n);
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

    /** One loop: fixed chunks claimed by whichever thread of the team comes first. */
    private static final class Job {
        final RangeKernel kernel;
        final int n;
        final int chunks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger remaining;
        volatile Throwable failure;

        Job(RangeKernel kernel, int n, int chunks) {
            this.kernel = kernel;
            this.n = n;
            this.chunks = chunks;
            this.remaining = new AtomicInteger(chunks);
        }

        void work() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    kernel.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    remaining.decrementAndGet();
                }
            }
        }
    }

    /** The worker threads of one thread count, and the job they are on. */
    private static final class Team {
        private final Thread[] workers;
        private final AtomicBoolean busy = new AtomicBoolean();
        /** Idle workers spin only when the team fits the machine; otherwise they would take the caller's core. */
        private final long spinNanos;
        private volatile Job job;

        Team(int threads) {
            spinNanos = threads <= Runtime.getRuntime().availableProcessors() ? SPIN_NANOS : 0;
            workers = new Thread[threads - 1];
            for (int w = 0; w < workers.length; w++) {
                workers[w] = Thread.ofPlatform().daemon().name("ferrel-parallel-" + threads + "-" + w).start(this::serve);
            }
        }

        /** Runs the job with the caller taking part; false if the team is busy (the caller runs it alone). */
        boolean run(Job j) {
            if (!busy.compareAndSet(false, true)) {
                return false;
            }
            try {
                job = j;
                for (Thread w : workers) {
                    LockSupport.unpark(w);
                }
                j.work();
                while (j.remaining.get() > 0) {
                    Thread.onSpinWait();
                }
            } finally {
                busy.set(false);
            }
            Throwable t = j.failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
            return true;
        }

        private void serve() {
            Job done = null;
            while (true) {
                Job j = job;
                if (j != done) {
                    j.work();
                    done = j;
                    continue;
                }
                long until = System.nanoTime() + spinNanos;
                while ((j = job) == done && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                if (j == done) {
                    LockSupport.parkNanos(this, 10_000_000L);
                }
            }
        }
    }
}
