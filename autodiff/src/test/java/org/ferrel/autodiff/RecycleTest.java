package org.ferrel.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Ops#recycle}: plain outputs reuse given-back arrays, zero-filled; tapes and duals ignore it. */
class RecycleTest {
    private static final Shape FIELD = Shape.of(64, 32);

    private static Tensor ramp(Ops o, double scale) {
        double[] v = new double[FIELD.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * (i + 1);
        }
        return o.constant(FIELD, v);
    }

    @Test
    void aRecycledArrayHoldsTheNextOutputOfItsSize() {
        Eager o = Eager.serial();
        Tensor a = ramp(o, 1);
        Tensor dead = o.mul(a, 2.0);
        double[] storage = Eager.data(dead);
        o.recycle(dead);
        Tensor next = o.add(a, a);
        assertSame(storage, Eager.data(next), "the next output of the same size takes the recycled array");
        assertArrayEquals(Eager.data(o.mul(a, 2.0)), next.values(), 0.0);
        Tensor other = o.mul(a, 3.0);
        assertNotSame(storage, Eager.data(other), "an array is handed out once");
    }

    @Test
    void recycledArraysAreZeroedBeforeReuse() {
        Eager o = Eager.serial();
        Tensor a = ramp(o, 1);
        Tensor dead = o.mul(a, 7.0);
        double[] storage = Eager.data(dead);
        o.recycle(dead);
        // a shift leaves its first row as the zeros the output arrived with: stale values would show
        Tensor shifted = o.shift(a, 0, 1);
        assertSame(storage, Eager.data(shifted));
        double[] v = shifted.values();
        for (int i = 0; i < 32; i++) {
            assertEquals(0.0, v[i]);
        }
        for (int k = 32; k < v.length; k++) {
            assertEquals(k - 32 + 1, v[k]);
        }
    }

    @Test
    void recyclingTwiceDoesNotHandOneArrayToTwoOwners() {
        Eager o = Eager.serial();
        Tensor a = ramp(o, 1);
        Tensor dead = o.mul(a, 2.0);
        o.recycle(dead, dead);
        o.recycle(dead);
        Tensor x = o.mul(a, 3.0);
        Tensor y = o.mul(a, 4.0);
        assertNotSame(Eager.data(x), Eager.data(y));
        assertEquals(3.0, x.values()[0]);
        assertEquals(4.0, y.values()[0]);
    }

    @Test
    void tapesAndDualsKeepTheirValues() {
        Eager e = Eager.serial();
        Tape tape = new Tape(e);
        Tensor x = tape.variable(ramp(e, 1));
        Tensor y = tape.mul(x, x);
        double[] before = tape.value(y).values().clone();
        tape.recycle(y);
        tape.mul(x, 5.0);
        assertArrayEquals(before, tape.value(y).values(), 0.0);
        Tensor g = tape.gradient(tape.sum(y), x)[0];
        assertArrayEquals(e.mul(ramp(e, 1), 2.0).values(), g.values(), 0.0);

        Dual d = new Dual(e);
        Tensor dx = d.variable(ramp(e, 1), ramp(e, 0.5));
        Tensor dy = d.mul(dx, dx);
        double[] tangent = d.tangent(dy).values().clone();
        d.recycle(dy);
        d.mul(dx, 9.0);
        assertArrayEquals(tangent, d.tangent(dy).values(), 0.0);
    }

    @Test
    void smallArraysAndForeignTensorsAreIgnored() {
        Eager o = Eager.serial();
        Eager other = Eager.serial();
        Tensor small = o.vector(1, 2, 3);
        o.recycle(small, null);
        Tensor foreign = other.mul(ramp(other, 1), 2.0);
        o.recycle(foreign);
        assertNotSame(Eager.data(foreign), Eager.data(o.mul(ramp(o, 1), 2.0)));
        assertArrayEquals(new double[] {1, 2, 3}, small.values(), 0.0);
    }

    /** y = 3 (4 x) + 2 x, loss = sum y^2: 4 x feeds only a weighted sum, so recycling it is safe. */
    private static Tensor[] gradient(Eager e, boolean recycle) {
        Tape tape = new Tape(e);
        Tensor x = tape.variable(ramp(e, 0.01));
        Tensor scaled = tape.mul(x, 4.0);
        Tensor y = tape.linearCombination(new double[] {3, 2}, scaled, x);
        if (recycle) {
            double[] storage = Eager.data(tape.value(scaled));
            tape.recycle(scaled);
            // the freed array holds the next output of that size at once
            assertSame(storage, Eager.data(tape.value(tape.mul(x, 7.0))));
        }
        Tensor loss = tape.sum(tape.mul(y, y));
        return tape.gradient(loss, x);
    }

    @Test
    void aTapeRecyclesValuesThatOnlyLinearRulesRead() {
        Eager e = Eager.serial();
        Tensor[] reference = gradient(e.withoutArrayReuse(), false);
        Tensor[] recycled = gradient(e, true);
        assertArrayEquals(reference[0].values(), recycled[0].values(), 0.0);

        Tape tape = new Tape(e);
        Tensor x = tape.variable(ramp(e, 1));
        Tensor scaled = tape.mul(x, 2.0);
        Tensor viaLinear = tape.mul(scaled, 2.0);
        double[] kept = tape.value(scaled).values();
        Tensor product = tape.mul(scaled, x); // a product's rule reads its operands: scaled must stay
        tape.recycle(scaled);
        tape.mul(x, 9.0);
        assertArrayEquals(kept, tape.value(scaled).values(), 0.0);
        IllegalStateException misuse = assertThrows(IllegalStateException.class, () -> {
            Tensor t = tape.mul(x, 5.0);
            Tensor u = tape.mul(t, 2.0);
            tape.recycle(t);
            tape.add(t, u);
        });
        assertTrue(misuse.getMessage().contains("recycled"), misuse.getMessage());
        assertTrue(viaLinear.size() == product.size());
    }
}
