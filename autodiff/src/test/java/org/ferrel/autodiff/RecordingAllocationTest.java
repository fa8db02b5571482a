package org.ferrel.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.ferrel.autodiff.loop.Step;
import org.ferrel.autodiff.testsystems.Lorenz96;
import org.junit.jupiter.api.Test;

/**
 * Recording costs per array operation, not per element: the bytes a recorded step allocates are
 * its output arrays (8 bytes per element per operation) plus a constant per operation, never an
 * object per element. Measured with the JVM's per-thread allocation counter (bytes, not time).
 */
class RecordingAllocationTest {

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().threadId());
    }

    /** Bytes allocated to record one RK4 step of Lorenz-96 with n variables (composite tendency). */
    private static long bytesPerRecordedStep(int n) {
        Eager eager = Eager.serial();
        Step step = Lorenz96.rungeKutta4(0.005, false);
        Tensor x0 = eager.vector(Lorenz96.initialState(n, 8.0, 0, 0.005));
        Tensor f = eager.scalar(8.0);
        for (int warm = 0; warm < 3; warm++) {
            Tape t = new Tape(eager);
            step.apply(t, 0, new Tensor[] {t.variable(x0)}, new Tensor[] {t.variable(f)});
        }
        long before = allocatedBytes();
        Tape tape = new Tape(eager);
        step.apply(tape, 0, new Tensor[] {tape.variable(x0)}, new Tensor[] {tape.variable(f)});
        long bytes = allocatedBytes() - before;
        assertTrue(tape.nodeCount() > 30, "the step records its array operations: " + tape.nodeCount());
        return bytes;
    }

    @Test
    void recordedStepAllocatesOnlyArraysAndPerOperationBookkeeping() {
        long small = bytesPerRecordedStep(10_000);
        long large = bytesPerRecordedStep(20_000);
        Tape probe = new Tape(Eager.serial());
        Lorenz96.rungeKutta4(0.005, false).apply(probe, 0,
                new Tensor[] {probe.variable(Eager.serial().zeros(Shape.of(8)))},
                new Tensor[] {probe.variable(Eager.serial().scalar(8.0))});
        int operations = probe.nodeCount();
        // 10,000 more elements cost at most 8 bytes each per recorded operation (the output arrays)
        double perElementPerOperation = (double) (large - small) / (10_000.0 * operations);
        assertTrue(perElementPerOperation <= 8.5,
                "extra bytes per element per operation: " + perElementPerOperation + " (" + operations + " operations)");
        // and the part that does not grow with the arrays (extrapolated to zero elements) is a small
        // constant per operation
        double fixedPerOperation = (2.0 * small - large) / operations;
        assertTrue(fixedPerOperation < 2_000, "bytes of bookkeeping per operation: " + fixedPerOperation);
    }
}
