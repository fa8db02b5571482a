package org.ferrel.physics.ebm;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;

/**
 * How the co-albedo switches between its ice-free value and its ice value: the ice-albedo feedback
 * of the energy balance model, through the ice-free fraction {@code f(T)} of a cell,
 * <pre>
 *   a(x, T) = a_ice + f(T) (a0 + a2 P2(x) - a_ice).
 * </pre>
 * North (1975) uses a step at the ice line, {@code f = 1} where {@code T > T_s = -10 °C}, else 0.
 * A step makes the steady state a non-differentiable function of the parameters (and the discrete
 * model then has spurious equilibria with the ice edge locked to a cell face), so Ferrel smooths it:
 * {@link Smooth} is a tanh of the temperature of width w (about 1 K), which moves the ice line
 * smoothly with the parameters and converges to North's step as w goes to zero.
 */
public sealed interface IceEdge {

    /** The fraction of a cell free of ice at temperature T, as an array operation. */
    Tensor iceFreeFraction(Ops ops, Tensor temperature);

    /** The same on one plain value. */
    double iceFreeFraction(double temperature);

    /** {@code df/dT} at one plain value. */
    double iceFreeFractionSlope(double temperature);

    /** The temperature that marks the ice line, {@code T(x_s) = T_s} (°C), NaN for {@link None}. */
    double freezingTemperature();

    /** No ice: the co-albedo is {@code a0 + a2 P2(x)} everywhere and the steady state is one linear solve. */
    static IceEdge none() {
        return new None();
    }

    /** A tanh transition of the given width (K) centred on the freezing temperature T_s (°C). */
    static IceEdge smooth(double freezingTemperature, double width) {
        return new Smooth(freezingTemperature, width);
    }

    /** North's ice line T_s = -10 °C, smoothed over 1 K. */
    static IceEdge north() {
        return new Smooth(-10.0, 1.0);
    }

    /** No ice-albedo feedback: f = 1 everywhere. */
    record None() implements IceEdge {
        @Override
        public Tensor iceFreeFraction(Ops ops, Tensor temperature) {
            return ops.full(temperature.shape(), 1.0);
        }

        @Override
        public double iceFreeFraction(double temperature) {
            return 1.0;
        }

        @Override
        public double iceFreeFractionSlope(double temperature) {
            return 0.0;
        }

        @Override
        public double freezingTemperature() {
            return Double.NaN;
        }
    }

    /**
     * {@code f(T) = [1 + tanh((T - T_s) / w)] / 2}: 0.5 at T_s, 0.88 one width above, 0.12 one width
     * below.
     *
     * @param freezingTemperature T_s, °C (North 1975: -10 °C)
     * @param width               w, K, positive
     */
    record Smooth(double freezingTemperature, double width) implements IceEdge {
        public Smooth {
            if (!(width > 0) || !Double.isFinite(width)) {
                throw new IllegalArgumentException("ice edge width must be positive and finite, got " + width + " K");
            }
            if (!Double.isFinite(freezingTemperature)) {
                throw new IllegalArgumentException("ice edge freezing temperature must be finite, got " + freezingTemperature);
            }
        }

        @Override
        public Tensor iceFreeFraction(Ops ops, Tensor temperature) {
            Tensor z = ops.mul(ops.add(temperature, -freezingTemperature), 1.0 / width);
            return ops.add(ops.mul(ops.tanh(z), 0.5), 0.5);
        }

        @Override
        public double iceFreeFraction(double temperature) {
            return 0.5 + 0.5 * Math.tanh((temperature - freezingTemperature) / width);
        }

        @Override
        public double iceFreeFractionSlope(double temperature) {
            double t = Math.tanh((temperature - freezingTemperature) / width);
            return 0.5 * (1.0 - t * t) / width;
        }
    }
}
