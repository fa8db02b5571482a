package org.ferrel.calibration.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.ferrel.hybrid.train.NonFiniteLossException;
import org.junit.jupiter.api.Test;

/** What {@code ferrel train} reports when a trainer of hybrid-ml stops on a non-finite loss. */
class TrainingDivergedExceptionTest {
    @Test
    void countsEpochAndBatchFromOneAndKeepsTheLastGoodWeights() {
        NonFiniteLossException cause = new NonFiniteLossException(0, 4, Double.NaN, new double[][] {{1, 2}, {3}});
        TrainingDivergedException e = TrainingDivergedException.of("online", cause);
        assertEquals(1, e.epoch());
        assertEquals(5, e.batch());
        assertEquals("online training stopped: the loss is NaN at epoch 1, batch 5; the weights of the last good batch are kept",
                e.getMessage());
        assertArrayEquals(new double[] {1, 2}, e.lastGoodWeights()[0], 0.0);
        assertArrayEquals(new double[] {3}, e.lastGoodWeights()[1], 0.0);
        assertSame(cause, e.getCause());
    }
}
