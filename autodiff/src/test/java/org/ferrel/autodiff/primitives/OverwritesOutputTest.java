package org.ferrel.autodiff.primitives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.exec.Backend;
import org.junit.jupiter.api.Test;

/**
 * Primitives that declare {@link Primitive#overwritesOutput} get recycled arrays with old contents:
 * evaluating into an array full of NaN must give exactly what evaluating into zeros gives, for
 * every operation, with and without broadcasting, serially and on a parallel backend.
 */
class OverwritesOutputTest {
    private static final Shape FIELD = Shape.of(160, 128);

    private static double[] values(Shape s, long seed) {
        Random r = new Random(seed);
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.1 + r.nextDouble();
        }
        return v;
    }

    private static void check(Primitive p, Backend backend, Shape... shapes) {
        assertTrue(p.overwritesOutput(), p.name());
        double[][] in = new double[shapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            in[i] = values(shapes[i], 17 + i);
        }
        Shape out = p.outputShape(shapes);
        double[] zeros = new double[out.size()];
        p.evaluate(backend, in, shapes, zeros, out);
        double[] stale = new double[out.size()];
        Arrays.fill(stale, Double.NaN);
        p.evaluate(backend, in, shapes, stale, out);
        assertArrayEquals(zeros, stale, 0.0, p.name() + " " + Arrays.toString(shapes));
    }

    @Test
    void everyDeclaredPrimitiveWritesEveryElement() {
        for (Backend backend : List.of(Backend.serial(), Backend.parallel(3))) {
            List<Primitive> unary = new ArrayList<>();
            for (Unary.Op op : Unary.Op.values()) {
                unary.add(new Unary(op));
            }
            unary.add(new Scale(2.5));
            unary.add(new AddScalar(-1.5));
            for (Primitive p : unary) {
                check(p, backend, FIELD);
            }
            for (Binary.Op op : Binary.Op.values()) {
                Binary b = new Binary(op);
                check(b, backend, FIELD, FIELD);
                check(b, backend, FIELD, Shape.SCALAR);
                check(b, backend, Shape.SCALAR, FIELD);
                check(b, backend, FIELD, Shape.of(160, 1));
                check(b, backend, Shape.of(1, 128), FIELD);
            }
            check(new AddScaled(0.25), backend, FIELD, FIELD);
            check(new LinearCombination(0.5, 2), backend, FIELD, FIELD);
            check(new LinearCombination(0.75, 0.25, 3), backend, FIELD, FIELD, FIELD);
            check(new LinearCombination(1, 2, 3, 4), backend, FIELD, FIELD, FIELD, FIELD);
        }
    }
}
