package org.ferrel.autodiff.exec;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** One instance per thread, a fresh one for a re-entered call, and the thread's one again after release. */
class ThreadScratchTest {
    @Test
    void reentryGetsAFreshInstanceAndReleaseGivesTheThreadsOneBack() throws Exception {
        ThreadScratch<double[]> scratch = new ThreadScratch<>(() -> new double[4]);
        double[] first = scratch.acquire();
        double[] nested = scratch.acquire();
        assertNotSame(first, nested, "a re-entered call must not share the running call's arrays");
        scratch.release(nested);
        assertNotSame(first, scratch.acquire(), "releasing the fresh one leaves the thread's one taken");
        scratch.release(first);
        assertSame(first, scratch.acquire());
        scratch.release(first);

        AtomicReference<double[]> other = new AtomicReference<>();
        Thread t = new Thread(() -> other.set(scratch.acquire()));
        t.start();
        t.join();
        assertNotSame(first, other.get(), "each thread has its own instance");
    }
}
