package org.ferrel.dycore.shallowwater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ferrel.dycore.shallowwater.HelmholtzSolverTest.max;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;
import org.junit.jupiter.api.Test;

/**
 * The implicit part of the semi-implicit shallow-water step: G is the linearisation about rest of
 * the full tendency, and the inverse solves {@code y - eta G(y) = b} to rounding.
 */
class LinearGravityWavesTest {
    private final Eager o = Eager.serial();
    private final LatLonGrid grid = new LatLonGrid(45, 22, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
    private final CGridOperators ops = new CGridOperators(grid);
    private final LinearGravityWaves waves = new LinearGravityWaves(ops, Model.STANDARD_GRAVITY, 6000);

    private State random(long seed, double h, double wind) {
        Tensor[] r = GradientCheck.random(o, new Shape[] {grid.shape(), grid.shape(), grid.shape()}, seed);
        Tensor mask = o.constant(Shape.of(grid.ny(), 1), grid.vMask());
        return new State(o.mul(r[0], h), o.mul(r[1], wind), o.mul(o.mul(r[2], wind), mask));
    }

    /** The infinity norm of divergenceAtCenter: {@code max_j (2 dy + dxV_j m_j + dxV_(j-1) m_(j-1)) / A_j}. */
    private double divergenceNorm() {
        double[] dxV = grid.dxAtVRow();
        double[] m = grid.vMask();
        double norm = 0;
        for (int j = 0; j < grid.ny(); j++) {
            double faces = 2 * grid.dy() + dxV[j] * m[j] + (j > 0 ? dxV[j - 1] * m[j - 1] : 0);
            norm = Math.max(norm, faces / grid.cellArea()[j]);
        }
        return norm;
    }

    /** The infinity norm of ddxAtU and ddyAtV: 2 over the smallest spacing. */
    private double gradientNorm() {
        double dx = java.util.Arrays.stream(grid.dxAtCenterRow()).min().orElseThrow();
        return 2 / Math.min(dx, grid.dy());
    }


    @Test
    void inverseSolvesTheImplicitSystemToRounding() {
        State b = random(3, 100, 10);
        for (double eta : new double[] {400, 800, 3600}) {
            State y = waves.inverse(o, b, eta);
            State g = waves.terms(o, y);
            Tensor[] yf = y.toArray();
            Tensor[] gf = g.toArray();
            Tensor[] bf = b.toArray();
            // the rounding scale of evaluating eta G(y): eta times the operator's norm times |y|
            double wind = Math.max(max(y.u()), max(y.v()));
            double[] scale = {max(bf[0]) + max(yf[0]) + eta * 6000 * divergenceNorm() * wind,
                max(bf[1]) + max(yf[1]) + eta * Model.STANDARD_GRAVITY * gradientNorm() * max(y.h()),
                max(bf[2]) + max(yf[2]) + eta * Model.STANDARD_GRAVITY * gradientNorm() * max(y.h())};
            for (int f = 0; f < 3; f++) {
                double residual = max(o.sub(o.sub(yf[f], o.mul(gf[f], eta)), bf[f]));
                assertTrue(residual <= 2e-15 * scale[f], State.NAMES[f] + " at eta " + eta + ": residual " + residual
                        + " of " + scale[f]);
            }
        }
    }

    @Test
    void isTheFullTendencyLinearisedAboutRest() {
        // a resting layer of depth H0 with a small perturbation, no rotation, flat bottom
        LatLonGrid still = new LatLonGrid(45, 22, LatLonGrid.EARTH_RADIUS, 0.0);
        CGridOperators stillOps = new CGridOperators(still);
        LinearGravityWaves linear = new LinearGravityWaves(stillOps, Model.STANDARD_GRAVITY, 6000);
        Model full = Model.builder(still).timeStep(60).build();
        double epsilon = 1e-6;
        State perturbation = random(5, 100, 10);
        State x = new State(o.add(o.mul(perturbation.h(), epsilon), 6000.0), o.mul(perturbation.u(), epsilon),
                o.mul(perturbation.v(), epsilon));
        State nonlinear = full.tendency(o, x, full.values(full.defaultParameters(o)));
        State g = linear.terms(o, perturbation);
        Tensor[] a = nonlinear.toArray();
        Tensor[] l = g.toArray();
        for (int f = 0; f < 3; f++) {
            double difference = max(o.sub(o.mul(a[f], 1 / epsilon), l[f]));
            assertTrue(difference <= 1e-5 * max(l[f]), State.NAMES[f] + ": " + difference + " of " + max(l[f]));
        }
    }

    @Test
    void inverseKeepsTheMass() {
        InitialCondition ic = Williamson.case5();
        State b = ic.state(o, grid);
        State y = waves.inverse(o, b, 2400);
        double before = ops.integral(o, b.h()).item();
        assertEquals(before, ops.integral(o, y.h()).item(), 1e-14 * before);
    }
}
