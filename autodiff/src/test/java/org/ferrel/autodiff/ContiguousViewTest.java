package org.ferrel.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.autodiff.primitives.Slice;
import org.junit.jupiter.api.Test;

/**
 * A tape over plain evaluation adds the cotangents of contiguous views (slices along the first
 * axis) into their input's adjoint in place; the gradients must be those of the general rule
 * (pad the cotangent with zeros, then add), whatever the order in which the views' cotangents arrive
 * and whether the input also has other uses.
 */
class ContiguousViewTest {
    private static final Eager OPS = Eager.serial();

    /** Slices of x (4 rows) used with weights, overlapping, twice, and next to a direct use of x. */
    private static Tensor loss(Ops o, Tensor x) {
        Tensor top = o.slice(x, 0, 0, 2);
        Tensor middle = o.slice(x, 0, 1, 3);
        Tensor last = o.slice(x, 0, 3, 4);
        Tensor a = o.sum(o.mul(o.square(top), 0.5));
        Tensor b = o.sum(o.mul(middle, o.sin(middle)));
        Tensor c = o.sum(o.mul(last, 3.0));
        Tensor d = o.sum(o.mul(o.slice(x, 0, 1, 3), 2.0));
        return o.add(o.add(a, b), o.add(c, o.add(d, o.sum(o.mul(x, x)))));
    }

    private static double[] analytic(double[] x, int rows, int cols) {
        double[] g = new double[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int k = i * cols + j;
                double v = x[k];
                double gk = 2 * v;
                if (i < 2) {
                    gk += v;
                }
                if (i >= 1 && i < 3) {
                    gk += Math.sin(v) + v * Math.cos(v) + 2.0;
                }
                if (i == 3) {
                    gk += 3.0;
                }
                g[k] = gk;
            }
        }
        return g;
    }

    @Test
    void viewCotangentsAccumulateInPlaceLikeTheGeneralRule() {
        Tensor x = GradientCheck.random(OPS, new Shape[] {Shape.of(4, 5)}, 11)[0];
        Tape tape = new Tape(OPS);
        Tensor xv = tape.variable(x);
        Tensor[] g = tape.gradient(loss(tape, xv), xv);
        assertArrayEquals(analytic(x.values(), 4, 5), g[0].values(), 1e-13);
        GradientCheck.assertDotProduct(GradientCheck.dotProduct(OPS, (o, in) -> new Tensor[] {loss(o, in[0])},
                new Tensor[] {x}, 12), 1e-12);
    }

    @Test
    void onlyRunsAlongTheFirstAxisAreViews() {
        assertEquals(10, new Slice(0, 2, 3).offset(Shape.of(4, 5)));
        assertEquals(-1, new Slice(1, 2, 3).offset(Shape.of(4, 5)));
        assertEquals(6, new Slice(1, 2, 3).offset(Shape.of(1, 4, 3)));
        assertEquals(-1, new Slice(-1, 0, 1).offset(Shape.of(4, 5)));
    }

    @Test
    void aSliceThatIsTheOnlyUseGetsZerosElsewhere() {
        Tensor x = GradientCheck.random(OPS, new Shape[] {Shape.of(3, 2)}, 13)[0];
        Tape tape = new Tape(OPS);
        Tensor xv = tape.variable(x);
        Tensor[] g = tape.gradient(tape.sum(tape.slice(xv, 0, 1, 2)), xv);
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0}, g[0].values(), 0.0);
    }
}
