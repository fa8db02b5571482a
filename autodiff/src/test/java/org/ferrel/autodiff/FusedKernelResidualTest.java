package org.ferrel.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.autodiff.exec.Backend;
import org.junit.jupiter.api.Test;

/** The residual hook of {@link FusedKernel}: kept only by a recording tape over plain values. */
class FusedKernelResidualTest {
    private final Eager ops = Eager.serial();

    /** y = x^2 elementwise; the residual is 2x, counted and checked by identity in the adjoint. */
    private static final class Square extends FusedKernel {
        int plain;
        int recorded;
        int adjointsWithResidual;
        int adjointsWithout;
        Object lastResidual;

        @Override
        public String name() {
            return "testSquare";
        }

        @Override
        public Shape outputShape(Shape[] inputs) {
            return inputs[0];
        }

        @Override
        public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
            plain++;
            for (int i = 0; i < out.length; i++) {
                out[i] = in[0][i] * in[0][i];
            }
        }

        @Override
        protected Object evaluateForAdjoint(Backend backend, double[][] in, Shape[] shapes, double[] out,
                                            Shape outShape) {
            recorded++;
            double[] twoX = new double[out.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = in[0][i] * in[0][i];
                twoX[i] = 2 * in[0][i];
            }
            lastResidual = twoX;
            return twoX;
        }

        @Override
        protected void tangent(Backend backend, double[][] p, double[][] t, Shape[] shapes, double[] output,
                               double[] tangentOut) {
            for (int i = 0; i < tangentOut.length; i++) {
                tangentOut[i] = 2 * p[0][i] * t[0][i];
            }
        }

        @Override
        protected void adjoint(Backend backend, double[][] p, Shape[] shapes, double[] output, double[] cot,
                               double[][] adj) {
            adjointsWithout++;
            for (int i = 0; i < cot.length; i++) {
                adj[0][i] = 2 * p[0][i] * cot[i];
            }
        }

        @Override
        protected void adjoint(Backend backend, double[][] p, Shape[] shapes, double[] output, double[] cot,
                               double[][] adj, Object residual) {
            adjointsWithResidual++;
            assertSame(lastResidual, residual);
            double[] twoX = (double[]) residual;
            for (int i = 0; i < cot.length; i++) {
                adj[0][i] = twoX[i] * cot[i];
            }
        }

        @Override
        public Tensor composite(Ops o, Tensor[] inputs) {
            return o.square(inputs[0]);
        }
    }

    @Test
    void plainEvaluationKeepsNothing() {
        Square k = new Square();
        assertArrayEquals(new double[] {1, 4, 9}, ops.bind(k, ops.vector(1, 2, 3)).values());
        assertEquals(1, k.plain);
        assertEquals(0, k.recorded);
    }

    @Test
    void aRecordingTapeKeepsTheResidualForTheAdjoint() {
        Square k = new Square();
        Tape tape = new Tape(ops);
        Tensor x = tape.variable(ops.vector(1, 2, 3));
        Tensor loss = tape.sum(tape.mul(tape.bind(k, x), tape.constant(Shape.of(3), new double[] {1, 10, 100})));
        Tensor[] g = tape.gradient(loss, x);
        assertArrayEquals(new double[] {2, 40, 600}, g[0].values());
        assertEquals(0, k.plain);
        assertEquals(1, k.recorded);
        assertEquals(1, k.adjointsWithResidual);
        assertEquals(0, k.adjointsWithout);
    }

    @Test
    void constantsOnATapeAreEvaluatedPlainly() {
        Square k = new Square();
        Tape tape = new Tape(ops);
        tape.bind(k, tape.constant(Shape.of(2), new double[] {1, 2}));
        assertEquals(1, k.plain);
        assertEquals(0, k.recorded);
    }

    @Test
    void higherOrderGoesThroughTheComposite() {
        Square k = new Square();
        Tensor[] x = {ops.vector(1, 2, 3)};
        Tensor[] v = {ops.vector(1, 1, 1)};
        Tensor[] hv = Derivatives.hessianVector(ops, (o, in) -> o.sum(o.pow(o.bind(k, in[0]), 2.0)), x, v);
        // f = sum x^4, H v = 12 x^2 v
        assertArrayEquals(new double[] {12, 48, 108}, hv[0].values(), 1e-12);
        assertEquals(0, k.recorded);
    }

    /** y = a b elementwise, adding into the inputs' adjoints so far when {@code accumulates}. */
    private static final class Product extends FusedKernel {
        final boolean accumulates;
        int added;

        Product(boolean accumulates) {
            this.accumulates = accumulates;
        }

        @Override
        public String name() {
            return "testProduct";
        }

        @Override
        public Shape outputShape(Shape[] inputs) {
            return inputs[0];
        }

        @Override
        public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
            for (int i = 0; i < out.length; i++) {
                out[i] = in[0][i] * in[1][i];
            }
        }

        @Override
        protected Object evaluateForAdjoint(Backend backend, double[][] in, Shape[] shapes, double[] out,
                                            Shape outShape) {
            evaluate(backend, in, shapes, out, outShape);
            return Boolean.TRUE;
        }

        @Override
        protected void tangent(Backend backend, double[][] p, double[][] t, Shape[] shapes, double[] output,
                               double[] tangentOut) {
            for (int i = 0; i < tangentOut.length; i++) {
                double ta = t[0] == null ? 0.0 : t[0][i];
                double tb = t[1] == null ? 0.0 : t[1][i];
                tangentOut[i] = ta * p[1][i] + p[0][i] * tb;
            }
        }

        @Override
        protected void adjoint(Backend backend, double[][] p, Shape[] shapes, double[] output, double[] cot,
                               double[][] adj) {
            adjoint(backend, p, shapes, output, cot, adj, Boolean.TRUE, new boolean[2]);
        }

        @Override
        protected boolean adjointAccumulates() {
            return accumulates;
        }

        @Override
        protected void adjoint(Backend backend, double[][] p, Shape[] shapes, double[] output, double[] cot,
                               double[][] adj, Object residual, boolean[] accumulate) {
            for (int j = 0; j < 2; j++) {
                if (adj[j] == null) {
                    continue;
                }
                added += accumulate[j] ? 1 : 0;
                for (int i = 0; i < cot.length; i++) {
                    double c = p[1 - j][i] * cot[i];
                    adj[j][i] = accumulate[j] ? adj[j][i] + c : c;
                }
            }
        }

        @Override
        public Tensor composite(Ops o, Tensor[] inputs) {
            return o.mul(inputs[0], inputs[1]);
        }
    }

    private Tensor[] gradient(Product k, boolean sameInput) {
        Tape tape = new Tape(ops);
        Tensor a = tape.variable(ops.vector(0.3, -1.7, 2.9, 0.11));
        Tensor b = tape.variable(ops.vector(1.3, 0.7, -0.2, 5.0));
        Tensor y = tape.bind(k, a, sameInput ? a : b);
        // recorded after the kernel, so reversed before it: a's adjoint is the tape's own array by then
        Tensor loss = tape.add(tape.sum(tape.mul(y, tape.vector(1, 10, 100, 1000))),
                tape.sum(tape.mul(tape.mul(a, 3.0), tape.vector(-2, 4, 0.5, 7))));
        return tape.gradient(loss, a, b);
    }

    @Test
    void aKernelAddsIntoTheTapesAdjointsAsTheTapeWouldAdd() {
        for (boolean sameInput : new boolean[] {false, true}) {
            Product adding = new Product(true);
            Tensor[] added = gradient(adding, sameInput);
            Tensor[] separate = gradient(new Product(false), sameInput);
            assertEquals(1, adding.added, "a's adjoint is added into, b has none yet (or is a again)");
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(separate[i].values(), added[i].values(), 0.0);
            }
        }
        // d/da of 1 10 100 1000 . (a b) + 3 a . (-2 4 0.5 7)
        assertArrayEquals(new double[] {1.3 - 6, 7 + 12, -20 + 1.5, 5000 + 21}, gradient(new Product(true), false)[0].values(), 1e-12);
    }

    @Test
    void productKernelAgreesWithItsComposite() {
        Tensor[] x = {ops.vector(0.3, -1.7, 2.9, 0.11), ops.vector(1.3, 0.7, -0.2, 5.0)};
        for (GradientCheck.Agreement a : GradientCheck.fusedAgainstComposite(ops, new Product(true), x, 3)) {
            GradientCheck.assertAgreement(a, 1e-14);
        }
    }

    /** A kernel that does not add in place gets the default: its writing adjoint, then the sum. */
    @Test
    void theDefaultAddingAdjointWritesThenAdds() {
        Square k = new Square();
        double[][] p = {{1, 2, 3}};
        Shape[] shapes = {Shape.of(3)};
        double[] out = new double[3];
        Object residual = k.evaluateForAdjoint(Backend.serial(), p, shapes, out, Shape.of(3));
        double[][] adj = {{10, 20, 30}};
        k.adjoint(Backend.serial(), p, shapes, out, new double[] {1, 1, 0.5}, adj, residual, new boolean[] {true});
        assertArrayEquals(new double[] {12, 24, 33}, adj[0]);
        double[][] written = {{10, 20, 30}};
        k.adjoint(Backend.serial(), p, shapes, out, new double[] {1, 1, 0.5}, written, residual, new boolean[] {false});
        assertArrayEquals(new double[] {2, 4, 3}, written[0]);
    }
}
