package org.ferrel.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values of the primitives, and the loud failures that misuse must meet. */
class InterpreterTest {
    private final Eager ops = Eager.serial();

    @Test
    void broadcastingFollowsNumpy() {
        Tensor a = ops.constant(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor row = ops.vector(10, 20, 30);
        Tensor column = ops.constant(new double[] {100, 200}, 2, 1);
        assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, a.add(row).values());
        assertArrayEquals(new double[] {101, 102, 103, 204, 205, 206}, a.add(column).values());
        assertArrayEquals(new double[] {110, 120, 130, 210, 220, 230}, column.add(row).values());
        assertArrayEquals(new double[] {-1, 0, 1, 2, 3, 4}, a.sub(2).values());
        assertArrayEquals(new double[] {5, 7, 9}, a.sum(0).values());
        assertArrayEquals(new double[] {6, 15}, a.sum(1).values());
        assertEquals(21.0, a.sum().item());
    }

    @Test
    void layoutOperationsMoveValuesAsDocumented() {
        Tensor x = ops.vector(1, 2, 3, 4, 5);
        assertArrayEquals(new double[] {5, 1, 2, 3, 4}, x.roll(0, 1).values(), "roll(1)[i] = x[i-1]");
        assertArrayEquals(new double[] {2, 3, 4, 5, 1}, x.roll(0, -1).values());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, x.shift(0, 1).values(), "shift fills with zeros");
        assertArrayEquals(new double[] {3, 4, 5, 0, 0}, x.shift(0, -2).values());
        assertArrayEquals(new double[] {2, 3}, x.slice(0, 1, 3).values());
        Tensor m = ops.constant(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, m.transpose().values());
        assertArrayEquals(new double[] {0, 1, 2, 3, 0, 0, 4, 5, 6, 0}, ops.pad(m, 1, 1, 1).values());
        assertEquals(Shape.of(2, 5), ops.concat(1, m, ops.zeros(Shape.of(2, 2))).shape());
    }

    @Test
    void linearAlgebraSolves() {
        Tensor a = ops.constant(new double[] {4, 1, 0, 1, 3, 1, 0, 1, 2}, 3, 3);
        Tensor x = ops.vector(1, -2, 3);
        Tensor b = a.matmul(x.reshape(3, 1)).reshape(3);
        assertArrayEquals(x.values(), ops.solve(a, b).values(), 1e-14);
        Tensor bt = a.transpose().matmul(x.reshape(3, 1)).reshape(3);
        assertArrayEquals(x.values(), ops.solveTransposed(a, bt).values(), 1e-14);
        // the same matrix as bands: lower[i] multiplies x[i-1], upper[i] multiplies x[i+1]
        Tensor lower = ops.vector(0, 1, 1);
        Tensor diagonal = ops.vector(4, 3, 2);
        Tensor upper = ops.vector(1, 1, 0);
        assertArrayEquals(x.values(), ops.solveTridiagonal(lower, diagonal, upper, b).values(), 1e-14);
        Tensor nonSymmetric = ops.constant(new double[] {4, 2, 0, 1, 3, 5, 0, 1, 6}, 3, 3);
        Tensor bn = nonSymmetric.transpose().matmul(x.reshape(3, 1)).reshape(3);
        assertArrayEquals(x.values(), ops.solveTridiagonalTransposed(ops.vector(0, 1, 1), ops.vector(4, 3, 6),
                ops.vector(2, 5, 0), bn).values(), 1e-14);
        ArithmeticException singular = assertThrows(ArithmeticException.class,
                () -> ops.solve(ops.zeros(Shape.of(2, 2)), ops.vector(1, 1)));
        assertTrue(singular.getMessage().contains("singular"));
    }

    @Test
    void shapeMismatchNamesOperationAndBothShapes() {
        Tensor a = ops.zeros(Shape.of(3, 4));
        Tensor b = ops.zeros(Shape.of(5));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> a.add(b));
        assertEquals("add: shapes [3, 4] and [5] do not match", e.getMessage());
        ShapeMismatchException m = assertThrows(ShapeMismatchException.class, () -> a.matmul(a));
        assertTrue(m.getMessage().contains("[3, 4]") && m.getMessage().contains("matmul"), m.getMessage());
        ShapeMismatchException r = assertThrows(ShapeMismatchException.class, () -> a.reshape(5, 2));
        assertTrue(r.getMessage().contains("[3, 4]") && r.getMessage().contains("[5, 2]"), r.getMessage());
    }

    @Test
    void reversingATapeTwiceFails() {
        Tape tape = new Tape(ops);
        Tensor x = tape.variable(ops.vector(1, 2));
        Tensor loss = x.square().sum();
        tape.gradient(loss, x);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tape.gradient(loss, x));
        assertTrue(e.getMessage().contains("already reversed"), e.getMessage());
    }

    @Test
    void usingAValueOfAReversedTapeFailsButReadingItWorks() {
        Tape tape = new Tape(ops);
        Tensor x = tape.variable(ops.vector(1, 2));
        Tensor y = x.mul(x);
        Tensor[] g = tape.gradient(y.sum(), x);
        assertArrayEquals(new double[] {2, 4}, g[0].values());
        assertArrayEquals(new double[] {1, 4}, y.values(), "recorded values stay readable");
        assertThrows(IllegalStateException.class, () -> y.add(y));
        Tape other = new Tape(ops);
        assertThrows(IllegalStateException.class, () -> other.add(other.variable(ops.scalar(1)), y));
        assertThrows(IllegalArgumentException.class, () -> ops.add(y, y));
    }

    @Test
    void tensorsOfAnUnrelatedTapeAreRejected() {
        Tape first = new Tape(ops);
        Tape second = new Tape(ops);
        Tensor a = first.variable(ops.scalar(1));
        Tensor b = second.variable(ops.scalar(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(e.getMessage().contains("Tape#"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ops.mul(a, ops.scalar(2)));
    }

    @Test
    void plainConstantsEnterATapeAsConstants() {
        Tape tape = new Tape(ops);
        Tensor x = tape.variable(ops.vector(1, 2, 3));
        Tensor weights = ops.vector(2, 0, -1);
        Tensor[] g = tape.gradient(x.mul(weights).sum(), x);
        assertArrayEquals(new double[] {2, 0, -1}, g[0].values());
    }

    @Test
    void unreachedInputsGetZeroGradients() {
        Tape tape = new Tape(ops);
        Tensor x = tape.variable(ops.vector(1, 2));
        Tensor unused = tape.variable(ops.vector(3, 4, 5));
        Tensor[] g = tape.gradient(x.sum(), x, unused);
        assertArrayEquals(new double[] {0, 0, 0}, g[1].values());
    }

    @Test
    void gradientOfANonScalarIsRefused() {
        Tape tape = new Tape(ops);
        Tensor x = tape.variable(ops.vector(1, 2));
        assertThrows(ShapeMismatchException.class, () -> tape.gradient(x.mul(2.0), x));
    }

    @Test
    void recordingCostsOneNodePerArrayOperation() {
        Tape tape = new Tape(ops);
        Tensor x = tape.variable(ops.zeros(Shape.of(100_000)));
        Tensor y = x.sin().mul(x).add(1.0).sum();
        assertEquals(5, tape.nodeCount(), "variable + sin + mul + addScalar + sum, whatever the array size");
        Tape.Traffic traffic = tape.traffic();
        assertEquals(4, traffic.operations());
        assertEquals(5 * 100_000L, traffic.elementsRead(), "sin 1 input, mul 2, addScalar 1, sum 1");
        assertEquals(3 * 100_000L + 1, traffic.elementsWritten());
        tape.gradient(y, x);
        assertEquals(0, tape.nodeCount(), "a reversed tape frees its nodes");
    }

    @Test
    void forwardModeCarriesTangents() {
        Dual dual = new Dual(ops);
        Tensor x = dual.variable(ops.vector(1, 2), ops.vector(1, 0));
        Tensor y = x.square().mul(3.0);
        assertArrayEquals(new double[] {3, 12}, dual.primal(y).values());
        assertArrayEquals(new double[] {6, 0}, dual.tangent(y).values());
        Tensor c = dual.add(dual.scalar(1), dual.scalar(2));
        assertArrayEquals(new double[] {0}, dual.tangent(c).values(), "constants have zero tangents");
    }
}
