package org.ferrel.physics.ebm;

import static org.ferrel.autodiff.check.GradientCheck.assertDirectional;
import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.ferrel.autodiff.check.GradientCheck.assertTaylorRate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.junit.jupiter.api.Test;

/**
 * Derivatives of the steady state with respect to the 8 parameters, through the engine: the
 * dot-product test (forward against reverse mode), the Taylor test, central differences of dT/dD,
 * the hand-written linearisation against the engine's, and the implicit derivative against the
 * adjoint of a long time integration.
 */
class SteadyStateDerivativeTest {
    private final Eager o = Eager.serial();
    private final EnergyBalanceModel model = EnergyBalanceModel.north(90);
    /**
     * North (1975) with Q = 333 W m-2 (ice line at 61.9°): at the published Q = 334.4 W m-2 the state
     * is only 0.4 W m-2 below the fold of Q(x_s) where the ice cap vanishes, which makes the map
     * strongly curved (and finite steps in the co-albedo of 1e-3 cross the fold).
     */
    private final EbmParameters parameters = EbmParameters.NORTH_1975.with(EbmParameters.INSOLATION, 333.0);
    private final Tensor[] north = parameters.tensors(o);

    /** The steady state and the two radiative outputs calibration fits. */
    private final Derivatives.Function outputs = (q, p) -> {
        Tensor t = model.steadyState(q, p);
        return new Tensor[] {t, model.outgoingLongwave(q, t, p), model.absorbedShortwave(q, t, p)};
    };

    @Test
    void dotProductTestOfTheSteadyStateAndItsOutputs() {
        for (long seed : new long[] {1, 2, 3}) {
            GradientCheck.DotProduct r = GradientCheck.dotProduct(o, outputs, north, seed);
            System.out.printf("EBM steady state dot-product test: <Jv,w> = %.15e, <v,J^T w> = %.15e, rel. error %.1e%n",
                    r.forward(), r.reverse(), r.relativeError());
            assertDotProduct(r, 1e-13);
        }
    }

    @Test
    void taylorTestOfTheSteadyStateConvergesAtSecondOrder() {
        // steps of 1e-4 in every parameter at once (0.03 W m-2 of absorbed short-wave per 1e-4 of co-albedo);
        // from 1e-3 the ice edge moves across cells and the remainder is no longer quadratic
        GradientCheck.Taylor r = GradientCheck.taylor(o, outputs, north, 11, 1e-4, 4);
        System.out.println("EBM steady state " + r);
        assertTaylorRate(r, 0.1, 4);
    }

    @Test
    void derivativeWithRespectToDiffusivityMatchesCentralDifferences() {
        Tensor[] direction = new Tensor[EbmParameters.COUNT];
        for (int i = 0; i < direction.length; i++) {
            direction[i] = o.scalar(i == EbmParameters.D ? 1.0 : 0.0);
        }
        int pole = model.grid().cellCount() - 1;
        Derivatives.ScalarFunction polarTemperature = (q, p) -> q.slice(model.steadyState(q, p), 0, pole, pole + 1)
                .reshape();
        Derivatives.ScalarFunction globalMean = (q, p) -> q.mean(model.steadyState(q, p));
        Derivatives.ScalarFunction equatorToPole = (q, p) -> {
            Tensor t = model.steadyState(q, p);
            return q.sub(q.slice(t, 0, 0, 1), q.slice(t, 0, pole, pole + 1)).reshape();
        };
        for (Derivatives.ScalarFunction f : new Derivatives.ScalarFunction[] {polarTemperature, globalMean, equatorToPole}) {
            GradientCheck.Directional r = GradientCheck.directional(o, f, north, direction, 1e-6);
            System.out.printf("EBM dT/dD: finite difference %.8f, engine %.8f K per W m-2 K-1, rel. error %.1e%n",
                    r.finiteDifference(), r.jvp(), r.relativeError());
            assertDirectional(r, 1e-6);
        }
    }

    @Test
    void linearisationAgreesWithTheEnginesJacobian() {
        EbmParameters p = parameters;
        double[] t = model.equilibrium(p).temperature();
        TridiagonalBands m = model.linearisation(p, t);
        int n = t.length;
        // three colours recover a tridiagonal Jacobian from three JVPs
        double[][] columns = new double[3][];
        for (int c = 0; c < 3; c++) {
            double[] seed = new double[n];
            for (int i = c; i < n; i += 3) {
                seed[i] = 1.0;
            }
            Derivatives.Function f = (q, in) -> new Tensor[] {model.tendency(q, in[0], north)};
            columns[c] = Derivatives.jvp(o, f, new Tensor[] {o.constant(Shape.of(n), t)},
                    new Tensor[] {o.constant(Shape.of(n), seed)}).derivatives()[0].values();
        }
        for (int i = 0; i < n; i++) {
            assertEquals(-columns[i % 3][i], m.diagonal()[i], 1e-9 * (1 + Math.abs(m.diagonal()[i])), "diagonal " + i);
            if (i > 0) {
                assertEquals(-columns[(i - 1) % 3][i], m.lower()[i], 1e-9 * Math.abs(m.lower()[i]), "lower " + i);
            }
            if (i < n - 1) {
                assertEquals(-columns[(i + 1) % 3][i], m.upper()[i], 1e-9 * Math.abs(m.upper()[i]), "upper " + i);
            }
        }
    }

    @Test
    void implicitDerivativeEqualsTheAdjointOfALongTimeIntegration() {
        // d(global mean)/dp at the steady state, against the reverse sweep through 4,000 implicit
        // steps (120 days each, about 1,300 years) started at that steady state, with binomial
        // checkpoints; the loop's sensitivity approaches the steady state's as 1 - exp(-t/tau), and the
        // slowest mode (the ice edge) relaxes in about 50 years
        EnergyBalanceModel small = EnergyBalanceModel.north(90);
        EbmParameters p = parameters;
        Tensor[] pt = p.tensors(o);
        Derivatives.Gradient implicit = Derivatives.gradient(o, (q, in) -> q.mean(small.steadyState(q, in)), pt);
        int steps = 4000;
        TimeLoop loop = new TimeLoop(small.implicitStep(4.2e8, 120 * 86400.0), steps,
                Cost.atFinalLevel(steps, (q, state, in) -> q.mean(state[0])));
        Tensor[] start = {o.constant(small.grid().shape(), small.equilibrium(p).temperature())};
        LoopGradient unrolled = loop.gradient(o, start, pt, CheckpointSchedule.binomial(8));
        assertEquals(implicit.value().item(), unrolled.cost().item(), 1e-10);
        for (int i = 0; i < EbmParameters.COUNT; i++) {
            double a = implicit.gradient()[i].item();
            double b = unrolled.parameterGradient()[i].item();
            System.out.printf("EBM d<T>/d%s: implicit %.10f, time-loop adjoint %.10f%n",
                    EbmParameters.DECLARED.get(i).name(), a, b);
            assertEquals(a, b, 1e-8 * Math.max(1, Math.abs(a)), EbmParameters.DECLARED.get(i).name());
        }
    }

    @Test
    void equilibriumOfOtherParametersIsRefused() {
        EnergyBalanceModel.Equilibrium e = model.equilibrium(EbmParameters.NCC_1981);
        assertThrows(IllegalArgumentException.class, () -> model.steadyState(o, north, e));
    }
}
