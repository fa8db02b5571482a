package org.ferrel.autodiff.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ferrel.autodiff.Tensor;

/** Bitwise comparison of loop gradients. */
final class LoopAssertions {
    private LoopAssertions() {
    }

    static void assertBitwiseEqual(Tensor[] expected, Tensor[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double[] a = expected[i].values();
            double[] b = actual[i].values();
            assertEquals(a.length, b.length, what);
            for (int j = 0; j < a.length; j++) {
                assertEquals(Double.doubleToRawLongBits(a[j]), Double.doubleToRawLongBits(b[j]),
                        what + " [" + i + "][" + j + "]: " + a[j] + " vs " + b[j]);
            }
        }
    }

    static void assertBitwiseEqual(LoopGradient expected, LoopGradient actual) {
        assertBitwiseEqual(new Tensor[] {expected.cost()}, new Tensor[] {actual.cost()}, "cost");
        assertBitwiseEqual(expected.initialStateGradient(), actual.initialStateGradient(), "initial-state gradient");
        assertBitwiseEqual(expected.parameterGradient(), actual.parameterGradient(), "parameter gradient");
    }
}
