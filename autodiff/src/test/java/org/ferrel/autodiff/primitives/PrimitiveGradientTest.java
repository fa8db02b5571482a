package org.ferrel.autodiff.primitives;

import static org.ferrel.autodiff.check.GradientCheck.assertDirectional;
import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.ferrel.autodiff.check.GradientCheck.assertTaylorRate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.autodiff.testsystems.Lorenz96;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The gradient-check kit applied to every primitive operation and rule: dot-product test
 * (relative error at most 1e-13), Taylor test (rate 2 +- 0.1 over 4 decades) and a central finite
 * difference, each through forward mode, reverse mode and plain evaluation of the same code.
 */
class PrimitiveGradientTest {
    private static final Eager OPS = Eager.serial();

    /** A named function of some inputs at a given point. */
    private record Case(String name, Derivatives.Function f, Tensor[] x) {
    }

    private static Tensor random(long seed, int... dims) {
        return GradientCheck.random(OPS, new Shape[] {Shape.of(dims)}, seed)[0];
    }

    /** Entries with |x| in [0.5, 1.5): away from the kinks of abs, relu, max. */
    private static Tensor awayFromZero(long seed, int... dims) {
        Shape s = Shape.of(dims);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            double m = 0.5 + rnd.nextDouble();
            v[i] = rnd.nextBoolean() ? m : -m;
        }
        return OPS.constant(s, v);
    }

    private static Tensor positive(long seed, int... dims) {
        return OPS.add(OPS.abs(awayFromZero(seed, dims)), 0.0);
    }

    /** A diagonally dominant tridiagonal set of bands for shape dims. */
    private static Tensor[] bands(long seed, int... dims) {
        Tensor lower = random(seed, dims);
        Tensor upper = random(seed + 1, dims);
        Tensor diagonal = OPS.add(positive(seed + 2, dims), 3.0);
        return new Tensor[] {lower, diagonal, upper};
    }

    private static Tensor wellConditioned(long seed, int n) {
        double[] a = random(seed, n, n).values();
        for (int i = 0; i < n; i++) {
            a[i * n + i] += n + 1.0;
        }
        return OPS.constant(a, n, n);
    }

    private static Case unary(String name, java.util.function.BiFunction<Ops, Tensor, Tensor> f, Tensor x) {
        return new Case(name, (o, in) -> new Tensor[] {f.apply(o, in[0])}, new Tensor[] {x});
    }

    private static Case binary(String name, java.util.function.BiFunction<Ops, Tensor[], Tensor> f, Tensor a, Tensor b) {
        return new Case(name, (o, in) -> new Tensor[] {f.apply(o, in)}, new Tensor[] {a, b});
    }

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // element-wise binary, with every broadcasting pattern
        int[][][] patterns = {{{3, 4}, {3, 4}}, {{3, 4}, {}}, {{}, {3, 4}}, {{3, 4}, {4}}, {{3, 1}, {1, 4}}, {{2, 3, 4}, {3, 1}}};
        long seed = 1;
        for (int[][] p : patterns) {
            String shapes = Shape.of(p[0]) + "," + Shape.of(p[1]);
            c.add(binary("add " + shapes, (o, in) -> o.add(in[0], in[1]), random(seed++, p[0]), random(seed++, p[1])));
            c.add(binary("sub " + shapes, (o, in) -> o.sub(in[0], in[1]), random(seed++, p[0]), random(seed++, p[1])));
            c.add(binary("mul " + shapes, (o, in) -> o.mul(in[0], in[1]), random(seed++, p[0]), random(seed++, p[1])));
            c.add(binary("div " + shapes, (o, in) -> o.div(in[0], in[1]), random(seed++, p[0]), awayFromZero(seed++, p[1])));
            c.add(binary("maximum " + shapes, (o, in) -> o.maximum(in[0], in[1]), random(seed++, p[0]), random(seed++, p[1])));
            c.add(binary("minimum " + shapes, (o, in) -> o.minimum(in[0], in[1]), random(seed++, p[0]), random(seed++, p[1])));
        }
        // element-wise unary
        c.add(unary("neg", Ops::neg, random(40, 5, 3)));
        c.add(unary("exp", Ops::exp, random(41, 5, 3)));
        c.add(unary("log", Ops::log, positive(42, 5, 3)));
        c.add(unary("sin", Ops::sin, random(43, 5, 3)));
        c.add(unary("cos", Ops::cos, random(44, 5, 3)));
        c.add(unary("tanh", Ops::tanh, random(45, 5, 3)));
        c.add(unary("sqrt", Ops::sqrt, positive(46, 5, 3)));
        c.add(unary("square", Ops::square, random(47, 5, 3)));
        c.add(unary("abs", Ops::abs, awayFromZero(48, 5, 3)));
        c.add(unary("relu", Ops::relu, awayFromZero(49, 5, 3)));
        c.add(unary("sigmoid", Ops::sigmoid, random(50, 5, 3)));
        c.add(unary("softplus", Ops::softplus, random(51, 5, 3)));
        c.add(unary("pow 2.5", (o, x) -> o.pow(x, 2.5), positive(52, 5, 3)));
        c.add(unary("pow -1.5", (o, x) -> o.pow(x, -1.5), positive(53, 5, 3)));
        c.add(unary("scale", (o, x) -> o.mul(x, -1.7), random(54, 5, 3)));
        c.add(unary("addScalar", (o, x) -> o.add(x, 0.3), random(55, 5, 3)));
        c.add(binary("addScaled", (o, in) -> o.addScaled(in[0], in[1], -0.7), random(56, 5, 3), random(57, 5, 3)));
        c.add(binary("linearCombination 2", (o, in) -> o.linearCombination(new double[] {0.75, -2.5}, in[0], in[1]),
                random(158, 5, 3), random(159, 5, 3)));
        c.add(new Case("linearCombination 3", (o, in) -> new Tensor[] {o.linearCombination(new double[] {1.0 / 3, 2.0 / 3,
                0.4}, in)}, new Tensor[] {random(166, 4, 6), random(167, 4, 6), random(168, 4, 6)}));
        c.add(new Case("linearCombination 4", (o, in) -> new Tensor[] {o.linearCombination(new double[] {1.0, -0.5, 2.0,
                1.0}, in)}, new Tensor[] {random(169, 7), random(170, 7), random(171, 7), random(172, 7)}));
        // reductions and broadcasting
        c.add(unary("sum", Ops::sum, random(60, 4, 5)));
        c.add(unary("sum large (blocked)", Ops::sum, random(61, 10_000)));
        c.add(unary("sum axis 0", (o, x) -> o.sum(x, 0), random(62, 3, 4, 5)));
        c.add(unary("sum axis 1", (o, x) -> o.sum(x, 1), random(63, 3, 4, 5)));
        c.add(unary("sum axis -1", (o, x) -> o.sum(x, -1), random(64, 3, 4, 5)));
        c.add(unary("mean", Ops::mean, random(65, 3, 4)));
        c.add(unary("sumTo [4]", (o, x) -> o.sumTo(x, Shape.of(4)), random(66, 3, 4)));
        c.add(unary("sumTo [3,1]", (o, x) -> o.sumTo(x, Shape.of(3, 1)), random(67, 2, 3, 4)));
        c.add(unary("broadcastTo", (o, x) -> o.broadcastTo(x, Shape.of(2, 3, 4)), random(68, 3, 1)));
        // layout
        c.add(unary("reshape", (o, x) -> o.reshape(x, Shape.of(6, 2)), random(70, 3, 4)));
        c.add(unary("slice", (o, x) -> o.slice(x, 1, 1, 3), random(71, 3, 4, 2)));
        c.add(unary("pad", (o, x) -> o.pad(x, 0, 2, 1), random(72, 3, 4)));
        c.add(unary("roll +1", (o, x) -> o.roll(x, 1, 1), random(73, 3, 4)));
        c.add(unary("roll -2", (o, x) -> o.roll(x, 0, -2), random(74, 5, 2)));
        c.add(unary("shift +1", (o, x) -> o.shift(x, -1, 1), random(75, 3, 4)));
        c.add(unary("shift -2", (o, x) -> o.shift(x, 0, -2), random(76, 5, 3)));
        c.add(binary("concat", (o, in) -> o.concat(1, in[0], in[1]), random(77, 2, 3), random(78, 2, 5)));
        c.add(binary("stack", (o, in) -> o.stack(in[0], in[1]), random(79, 2, 3), random(80, 2, 3)));
        c.add(unary("transpose", Ops::transpose, random(81, 3, 5)));
        // linear algebra
        c.add(binary("matmul", (o, in) -> o.matmul(in[0], in[1]), random(90, 3, 4), random(91, 4, 5)));
        c.add(binary("matmul A^T", (o, in) -> o.matmul(in[0], true, in[1], false), random(92, 4, 3), random(93, 4, 5)));
        c.add(binary("matmul B^T", (o, in) -> o.matmul(in[0], false, in[1], true), random(94, 3, 4), random(95, 5, 4)));
        c.add(binary("matmul A^T B^T", (o, in) -> o.matmul(in[0], true, in[1], true), random(96, 4, 3), random(97, 5, 4)));
        Tensor[] b = bands(100, 3, 6);
        c.add(new Case("solveTridiagonal", (o, in) -> new Tensor[] {o.solveTridiagonal(in[0], in[1], in[2], in[3])},
                new Tensor[] {b[0], b[1], b[2], random(104, 3, 6)}));
        c.add(new Case("solveTridiagonalTransposed",
                (o, in) -> new Tensor[] {o.solveTridiagonalTransposed(in[0], in[1], in[2], in[3])},
                new Tensor[] {b[0], b[1], b[2], random(105, 3, 6)}));
        c.add(binary("solve vector", (o, in) -> o.solve(in[0], in[1]), wellConditioned(110, 5), random(111, 5)));
        c.add(binary("solve matrix", (o, in) -> o.solve(in[0], in[1]), wellConditioned(112, 5), random(113, 5, 3)));
        c.add(binary("solveTransposed", (o, in) -> o.solveTransposed(in[0], in[1]), wellConditioned(114, 5), random(115, 5, 2)));
        CsrMatrix interpolation = CsrMatrix.fromTriplets(3, 6, new int[] {0, 0, 1, 1, 2, 2, 2},
                new int[] {0, 1, 2, 3, 3, 4, 5}, new double[] {0.25, 0.75, 0.5, 0.5, 0.1, 0.6, 0.3});
        c.add(unary("sparse multiply", (o, x) -> o.multiply(interpolation, x), random(120, 6)));
        // a user-registered rule (fused kernel with hand-written tangent and adjoint kernels)
        c.add(binary("fused Lorenz-96 tendency", (o, in) -> o.bind(Lorenz96.FUSED_TENDENCY, in[0], in[1]),
                random(130, 12), OPS.scalar(8.0)));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> dotProductTest() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.name,
                () -> assertDotProduct(GradientCheck.dotProduct(OPS, k.f, k.x, 17), 1e-13)));
    }

    @TestFactory
    Stream<DynamicTest> taylorTest() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.name,
                () -> assertTaylorRate(GradientCheck.taylor(OPS, k.f, k.x, 23, 1e-2, 4), 0.1, 4)));
    }

    @TestFactory
    Stream<DynamicTest> finiteDifferenceTest() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.name, () -> {
            Tensor[] w = GradientCheck.random(OPS, GradientCheck.shapes(k.f.apply(OPS, k.x)), 5);
            Derivatives.ScalarFunction loss = (o, in) -> {
                Tensor[] out = k.f.apply(o, in);
                Tensor total = o.dot(w[0], out[0]);
                for (int i = 1; i < out.length; i++) {
                    total = o.add(total, o.dot(w[i], out[i]));
                }
                return o.add(total, o.mul(o.dot(out[0], out[0]), 0.1));
            };
            Tensor[] v = GradientCheck.random(OPS, GradientCheck.shapes(k.x), 9);
            assertDirectional(GradientCheck.directional(OPS, loss, k.x, v, 1e-6), 1e-7);
        }));
    }
}
