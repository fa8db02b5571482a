package org.ferrel.autodiff.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The parallel backend covers every index exactly once, splitting only loops worth splitting. */
class ParallelBackendTest {
    @Test
    void largeLoopsAreSplitIntoDisjointRangesCoveringEverything() {
        Backend backend = Backend.parallel(4);
        int n = 1 << 20;
        int[] hits = new int[n];
        ConcurrentLinkedQueue<int[]> ranges = new ConcurrentLinkedQueue<>();
        backend.forRange(n, (from, to) -> {
            ranges.add(new int[] {from, to});
            for (int i = from; i < to; i++) {
                hits[i]++;
            }
        });
        assertTrue(ranges.size() > 1, "split into " + ranges.size() + " ranges");
        for (int h : hits) {
            assertEquals(1, h);
        }
    }

    @Test
    void smallLoopsRunInOneRange() {
        ConcurrentLinkedQueue<int[]> ranges = new ConcurrentLinkedQueue<>();
        Backend.parallel(4).forRange(10_000, (from, to) -> ranges.add(new int[] {from, to}));
        assertEquals(1, ranges.size());
        // coarse iterations count their work: 64 rows of 12 * 512 operations are split
        ConcurrentLinkedQueue<int[]> rows = new ConcurrentLinkedQueue<>();
        Backend.parallel(4).forRange(64, 12 * 512, (from, to) -> rows.add(new int[] {from, to}));
        assertTrue(rows.size() > 1);
    }
}
