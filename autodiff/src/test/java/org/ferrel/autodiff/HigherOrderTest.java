package org.ferrel.autodiff;

import static org.ferrel.autodiff.check.GradientCheck.assertAgreement;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.autodiff.testsystems.Lorenz96;
import org.junit.jupiter.api.Test;

/** Second-order products that come from the same model code: Hessian-vector and Gauss-Newton. */
class HigherOrderTest {
    private final Eager ops = Eager.serial();

    /** A scalar function touching many primitives, including solves and a fused kernel. */
    private static Tensor mixed(Ops o, Tensor[] in) {
        Tensor x = in[0];
        Tensor m = in[1];
        Tensor y = o.tanh(o.matmul(m, o.reshape(x, Shape.of(4, 1))));
        Tensor bands = o.add(o.square(o.reshape(y, Shape.of(4))), 4.0);
        Tensor z = o.solveTridiagonal(o.sin(x), bands, o.cos(x), o.exp(o.mul(x, 0.3)));
        Tensor w = o.solve(o.add(m, o.constant(new double[] {5, 0, 0, 0, 0, 5, 0, 0, 0, 0, 5, 0, 0, 0, 0, 5}, 4, 4)), z);
        Tensor ring = o.concat(0, w, o.sigmoid(x), o.softplus(w));
        Tensor t = o.bind(Lorenz96.FUSED_TENDENCY, ring, o.sum(x));
        return o.add(o.mul(o.sum(o.square(t)), 0.01), o.sum(o.roll(o.mul(ring, x.ops().scalar(1.0)), 0, 1)));
    }

    @Test
    void hessianVectorProductMatchesDifferencesOfGradients() {
        Tensor[] x = {ops.vector(0.3, -0.2, 0.5, 0.1), GradientCheck.random(ops, new Shape[] {Shape.of(4, 4)}, 3)[0]};
        Tensor[] v = GradientCheck.random(ops, GradientCheck.shapes(x), 4);
        assertAgreement(GradientCheck.hessianVector(ops, HigherOrderTest::mixed, x, v, 1e-5), 1e-7);
    }

    @Test
    void hessianThroughFusedKernelEqualsHessianThroughItsComposite() {
        Tensor[] x = {ops.vector(Lorenz96.initialState(12, 8.0, 50, 0.01)), ops.scalar(8.0)};
        Tensor[] v = GradientCheck.random(ops, GradientCheck.shapes(x), 5);
        Derivatives.ScalarFunction fused = (o, in) -> o.sum(o.pow(o.bind(Lorenz96.FUSED_TENDENCY, in[0], in[1]), 3.0));
        Derivatives.ScalarFunction composite = (o, in) -> o.sum(o.pow(Lorenz96.tendency(o, in[0], in[1]), 3.0));
        Tensor[] a = Derivatives.hessianVector(ops, fused, x, v);
        Tensor[] b = Derivatives.hessianVector(ops, composite, x, v);
        assertAgreement(GradientCheck.compare("H v fused vs composite", a, b), 1e-13);
    }

    @Test
    void gaussNewtonProductEqualsExplicitJacobianProduct() {
        Derivatives.Function residuals = (o, in) -> new Tensor[] {
            o.sub(o.mul(o.exp(o.mul(in[0], 0.5)), in[1]), o.vector(1, 2, 3)),
            o.sum(o.mul(in[0], in[0]))
        };
        Tensor[] x = {ops.vector(0.1, 0.2, -0.3), ops.scalar(1.5)};
        Tensor[] v = {ops.vector(1, -1, 2), ops.scalar(0.5)};
        Tensor[] gn = Derivatives.gaussNewton(ops, residuals, x, v);
        // J^T J v assembled from the Jacobian columns (JVPs of unit vectors)
        double[][] columns = new double[4][];
        for (int c = 0; c < 4; c++) {
            double[] e = new double[4];
            e[c] = 1;
            Tensor[] unit = {ops.vector(e[0], e[1], e[2]), ops.scalar(e[3])};
            Tensor[] jc = Derivatives.jvp(ops, residuals, x, unit).derivatives();
            double[] r = jc[0].values();
            columns[c] = new double[] {r[0], r[1], r[2], jc[1].item()};
        }
        double[] vv = {1, -1, 2, 0.5};
        double[] jv = new double[4];
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 4; r++) {
                jv[r] += columns[c][r] * vv[c];
            }
        }
        double[] expected = new double[4];
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 4; r++) {
                expected[c] += columns[c][r] * jv[r];
            }
        }
        double[] got = {gn[0].get(0), gn[0].get(1), gn[0].get(2), gn[1].item()};
        assertArrayEquals(expected, got, 1e-12);
    }
}
