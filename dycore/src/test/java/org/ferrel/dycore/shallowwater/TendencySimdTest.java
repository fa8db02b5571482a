package org.ferrel.dycore.shallowwater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.exec.Simd;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.PlaneGrid;
import org.ferrel.dycore.operators.CGridOperators;
import org.junit.jupiter.api.Test;

/**
 * The vector forms of the shallow-water kernel ({@link TendencySimd}) give the scalar forms'
 * values and cotangents bit for bit: on the sphere (pole rows, with a Coriolis field), on the
 * periodic plane, for row lengths that leave a scalar tail, serial and on two threads. Both forms,
 * adding into adjoints accumulated so far, give those plus the cotangents bit for bit.
 */
class TendencySimdTest {

    /** The build runs the tests with the vector API; without it the comparisons below test nothing. */
    @Test
    void theBuildRunsTheVectorForms() {
        assertTrue(Simd.enabled(), "tests must run with --add-modules=jdk.incubator.vector (see pom.xml)");
    }

    @Test
    void sphere() {
        compare(new LatLonGrid(16, 8, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION), null);
    }

    @Test
    void sphereWithAScalarTailAndACoriolisField() {
        LatLonGrid g = new LatLonGrid(23, 9, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
        compare(g, Williamson.case2(0.7).coriolis(g));
    }

    @Test
    void sphereAtTheBenchmarkResolution() {
        compare(LatLonGrid.earth(2.8125), null);
    }

    @Test
    void periodicPlane() {
        compare(new PlaneGrid(10, 6, 1e6, 8e5, 1e-4), null);
        compare(new PlaneGrid(4, 4, 1e6, 8e5, 1e-4), null);
    }

    private static void compare(Grid g, double[] coriolisField) {
        CGridOperators ops = new CGridOperators(g, coriolisField);
        TendencyKernel vector = new TendencyKernel(ops, true);
        TendencyKernel scalar = new TendencyKernel(ops, false);
        int n = g.nx() * g.ny();
        Random r = new Random(g.nx() * 31L + g.ny());
        double[][] in = {new double[n], new double[n], new double[n], {9.80616}, new double[n]};
        for (int k = 0; k < n; k++) {
            in[0][k] = 5000 + 100 * r.nextGaussian();
            in[1][k] = 20 * r.nextGaussian();
            in[2][k] = 20 * r.nextGaussian() * g.vMask()[k / g.nx()];
            in[4][k] = 300 * r.nextGaussian();
        }
        Shape field = Shape.of(g.ny(), g.nx());
        Shape[] shapes = {field, field, field, Shape.of(), field};
        Shape outShape = Shape.of(3, g.ny(), g.nx());
        double[] cot = new double[3 * n];
        for (int k = 0; k < cot.length; k++) {
            cot[k] = r.nextGaussian();
        }
        for (Backend backend : new Backend[] {Backend.serial(), Backend.parallel(2)}) {
            String where = g + " on " + backend.threads() + " thread(s)";
            double[] outScalar = new double[3 * n];
            double[] outVector = new double[3 * n];
            scalar.evaluate(backend, in, shapes, outScalar, outShape);
            vector.evaluate(backend, in, shapes, outVector, outShape);
            assertArrayEquals(outScalar, outVector, "tendency, " + where);

            Object residualScalar = scalar.evaluateForAdjoint(backend, in, shapes, outScalar, outShape);
            Object residualVector = vector.evaluateForAdjoint(backend, in, shapes, outVector, outShape);
            assertArrayEquals(outScalar, outVector, "recorded tendency, " + where);
            double[][] adjScalar = adjoints(n);
            double[][] adjVector = adjoints(n);
            scalar.adjoint(backend, in, shapes, outScalar, cot, adjScalar, residualScalar);
            vector.adjoint(backend, in, shapes, outVector, cot, adjVector, residualVector);
            for (int i = 0; i < adjScalar.length; i++) {
                assertArrayEquals(adjScalar[i], adjVector[i], "cotangent of input " + i + ", " + where);
            }

            // adding into adjoints accumulated so far gives what a tape's separate addition would
            for (TendencyKernel kernel : new TendencyKernel[] {scalar, vector}) {
                double[][] sofar = adjoints(n);
                for (double[] a : sofar) {
                    for (int k = 0; k < a.length; k++) {
                        a[k] = r.nextGaussian();
                    }
                }
                double[][] added = new double[sofar.length][];
                for (int i = 0; i < sofar.length; i++) {
                    added[i] = sofar[i].clone();
                }
                boolean[] accumulate = {true, false, true, true, true};
                double[][] into = {added[0], new double[n], added[2], added[3], added[4]};
                Object residual = kernel.evaluateForAdjoint(backend, in, shapes, new double[3 * n], outShape);
                kernel.adjoint(backend, in, shapes, outScalar, cot, into, residual, accumulate);
                for (int i = 0; i < sofar.length; i++) {
                    double[] expected = adjScalar[i].clone();
                    if (accumulate[i]) {
                        for (int k = 0; k < expected.length; k++) {
                            expected[k] = sofar[i][k] + adjScalar[i][k];
                        }
                    }
                    assertArrayEquals(expected, into[i], "added into the adjoint of input " + i + ", " + where);
                }
            }
        }
    }

    private static double[][] adjoints(int n) {
        return new double[][] {new double[n], new double[n], new double[n], new double[1], new double[n]};
    }
}
