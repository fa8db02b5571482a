package org.ferrel.calibration.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.grid.LatLonGrid;

/** Checks every observation operator must pass: linear with its reverse mode as the transpose. */
final class OperatorChecks {
    private OperatorChecks() {
    }

    /**
     * The dot-product test through the engine (forward against reverse mode), and the adjoint test
     * {@code <H v, w> = <v, H^T w>} with {@code H v} from the plain kernel and {@code H^T w} from
     * reverse mode; the plain and engine forms give the same values. The tolerance, 1e-12 relative,
     * allows the round-off of inner products over thousands of random terms with cancellation; a
     * wrong transpose is off by order one.
     */
    static void assertAdjoint(ObservationOperator h, LatLonGrid grid, long seed) {
        Eager o = Eager.serial();
        Derivatives.Function f = (q, in) -> new Tensor[] {h.apply(q, in[0])};
        Tensor[] v = GradientCheck.random(o, new Shape[] {grid.shape()}, seed);
        GradientCheck.assertDotProduct(GradientCheck.dotProduct(o, f, v, seed + 1), 1e-12);

        double[] hv = h.apply(v[0].values());
        Tensor[] w = GradientCheck.random(o, new Shape[] {Shape.of(h.size())}, seed + 2);
        Tensor[] htw = Derivatives.vjp(o, f, v, w).derivatives();
        double left = 0;
        for (int k = 0; k < hv.length; k++) {
            left += hv[k] * w[0].values()[k];
        }
        double right = GradientCheck.inner(v, htw);
        assertTrue(Math.abs(left - right) <= 1e-12 * Math.max(1, Math.abs(left)), h.description() + ": <Hv, w> = " + left
                + " but <v, H^T w> = " + right);

        double[] withOps = h.apply(o, v[0]).values();
        assertEquals(hv.length, withOps.length);
        for (int k = 0; k < hv.length; k++) {
            assertEquals(hv[k], withOps[k], 0.0, h.description() + " value " + k);
        }
    }

    /** The field {@code f(lat, lon)} (degrees) at the cell centres of a grid, latitude outer. */
    static double[] centred(LatLonGrid grid, java.util.function.DoubleBinaryOperator f) {
        double[] v = new double[grid.nx() * grid.ny()];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                v[j * grid.nx() + i] = f.applyAsDouble(Math.toDegrees(grid.latitude(j)), 360.0 * i / grid.nx());
            }
        }
        return v;
    }

    /** Cell areas on the unit sphere, [ny * nx], latitude outer. */
    static double[] cellAreas(LatLonGrid grid) {
        double[] a = new double[grid.nx() * grid.ny()];
        for (int j = 0; j < grid.ny(); j++) {
            double south = -90 + 180.0 * j / grid.ny();
            double north = -90 + 180.0 * (j + 1) / grid.ny();
            for (int i = 0; i < grid.nx(); i++) {
                a[j * grid.nx() + i] = rectangleArea(south, north, 0, 360.0 / grid.nx());
            }
        }
        return a;
    }

    /** Area on the unit sphere of [south, north] x [west, east] (degrees): (lambda_2 - lambda_1)(sin phi_2 - sin phi_1). */
    static double rectangleArea(double south, double north, double west, double east) {
        return Math.toRadians(east - west) * (Math.sin(Math.toRadians(north)) - Math.sin(Math.toRadians(south)));
    }
}
