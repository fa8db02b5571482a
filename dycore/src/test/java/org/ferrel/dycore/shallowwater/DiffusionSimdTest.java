package org.ferrel.dycore.shallowwater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.PlaneGrid;
import org.ferrel.dycore.operators.CGridOperators;
import org.junit.jupiter.api.Test;

/**
 * The vector forms of the diffusion kernel ({@link DiffusionSimd}) give the scalar forms' values,
 * residuals and cotangents bit for bit: harmonic and biharmonic, with and without the depth, with
 * and without row weights, on the sphere (pole rows, a row length that leaves a scalar tail) and
 * the periodic plane, serial and on two threads.
 */
class DiffusionSimdTest {

    @Test
    void sphere() {
        LatLonGrid g = new LatLonGrid(16, 8, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
        compare(g, null, null);
        compare(g, rowWeights(g.ny(), 0.3, 0.1), rowWeights(g.ny(), 1.1, -0.07));
    }

    @Test
    void sphereWithAScalarTail() {
        LatLonGrid g = new LatLonGrid(23, 9, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
        compare(g, null, null);
        compare(g, rowWeights(g.ny(), 0.5, 0.05), rowWeights(g.ny(), 0.9, 0.02));
    }

    @Test
    void periodicPlane() {
        compare(new PlaneGrid(10, 6, 1e6, 8e5, 1e-4), null, null);
    }

    private static double[] rowWeights(int ny, double first, double step) {
        double[] w = new double[ny];
        for (int j = 0; j < ny; j++) {
            w[j] = first + step * j;
        }
        return w;
    }

    private static void compare(Grid g, double[] centreWeights, double[] vWeights) {
        CGridOperators ops = new CGridOperators(g);
        int n = g.nx() * g.ny();
        Random r = new Random(g.nx() * 31L + g.ny());
        double[] h = new double[n];
        double[] u = new double[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            h[k] = 5000 + 100 * r.nextGaussian();
            u[k] = 20 * r.nextGaussian();
            v[k] = 20 * r.nextGaussian() * g.vMask()[k / g.nx()];
        }
        Shape field = Shape.of(g.ny(), g.nx());
        for (int order = 1; order <= 2; order++) {
            for (boolean depth : new boolean[] {true, false}) {
                DiffusionKernel scalar = new DiffusionKernel(ops, order, depth, centreWeights, vWeights, false);
                DiffusionKernel vector = new DiffusionKernel(ops, order, depth, centreWeights, vWeights, true);
                double nu = order == 1 ? 1e5 : 1e15;
                double[][] in = depth ? new double[][] {h, u, v, {nu}} : new double[][] {u, v, {nu}};
                Shape[] shapes = depth ? new Shape[] {field, field, field, Shape.of()}
                        : new Shape[] {field, field, Shape.of()};
                int fields = depth ? 3 : 2;
                Shape outShape = Shape.of(fields, g.ny(), g.nx());
                double[] cot = new double[fields * n];
                for (int k = 0; k < cot.length; k++) {
                    cot[k] = r.nextGaussian();
                }
                for (Backend backend : new Backend[] {Backend.serial(), Backend.parallel(2)}) {
                    String where = g + ", order " + order + (depth ? ", with depth" : "") + ", weights "
                            + (centreWeights != null) + ", " + backend.threads() + " thread(s)";
                    double[] outScalar = new double[fields * n];
                    double[] outVector = new double[fields * n];
                    scalar.evaluate(backend, in, shapes, outScalar, outShape);
                    vector.evaluate(backend, in, shapes, outVector, outShape);
                    assertArrayEquals(outScalar, outVector, "diffusion, " + where);
                    Object residualScalar = scalar.evaluateForAdjoint(backend, in, shapes, outScalar, outShape);
                    Object residualVector = vector.evaluateForAdjoint(backend, in, shapes, outVector, outShape);
                    assertArrayEquals(outScalar, outVector, "recorded diffusion, " + where);
                    assertArrayEquals((double[]) residualScalar, (double[]) residualVector, "residual, " + where);
                    double[][] adjScalar = adjoints(in);
                    double[][] adjVector = adjoints(in);
                    scalar.adjoint(backend, in, shapes, outScalar, cot, adjScalar, residualScalar);
                    vector.adjoint(backend, in, shapes, outVector, cot, adjVector, residualVector);
                    for (int i = 0; i < in.length; i++) {
                        assertArrayEquals(adjScalar[i], adjVector[i], "cotangent of input " + i + ", " + where);
                    }
                }
            }
        }
    }

    private static double[][] adjoints(double[][] in) {
        double[][] a = new double[in.length][];
        for (int i = 0; i < in.length; i++) {
            a[i] = new double[in[i].length];
        }
        return a;
    }
}
