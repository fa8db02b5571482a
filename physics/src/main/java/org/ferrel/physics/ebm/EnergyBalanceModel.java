package org.ferrel.physics.ebm;

import java.util.List;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.Step;
import org.ferrel.dycore.model.Parameter;

/**
 * The one-dimensional diffusive energy balance model of North (1975), annual mean, in
 * x = sin(latitude) and temperature T in °C:
 * <pre>
 *   C dT/dt = F(T) = Q s(x) a(x, T) - (A + B T) + D d/dx[(1 - x²) dT/dx],
 *   s(x) = 1 + s₂ P₂(x),   a(x, T) = a_ice + f(T) (a₀ + a₂ P₂(x) - a_ice),
 * </pre>
 * with {@code f} the ice-free fraction of {@link IceEdge} (North's step at T_s = -10 °C, smoothed over
 * about 1 K). References: North, G. R. (1975), Theory of energy-balance climate models, J. Atmos.
 * Sci. 32, 2033-2043; North, Cahalan &amp; Coakley (1981), Energy balance climate models, Rev. Geophys.
 * Space Phys. 19, 91-121.
 *
 * <p><b>Discretisation.</b> Finite volumes on {@link EbmGrid}: equal-area cells, cell averages of
 * the forcing (exact for the polynomials s and a₀ + a₂ P₂), and the conservative diffusion operator
 * of {@link EbmGrid#divergence}, whose fluxes vanish at the poles so that global energy is conserved
 * exactly. The ice-free fraction is evaluated at the cell temperature. Second order in the cell
 * width.
 *
 * <p><b>Parameters</b> are the 8 scalar tensors of {@link EbmParameters#DECLARED}, in that order;
 * every method taking {@code Tensor[] p} is written with {@link Ops} and so runs plainly, on tapes
 * (VJP) or on duals (JVP).
 *
 * <p><b>Steady state.</b> {@link #equilibrium} solves {@code F(T) = 0} on plain arrays in two
 * stages. First it relaxes, with the albedo lagged and emission and diffusion implicit,
 * <pre>
 *   (σ + B - D div) T(k+1) = σ T(k) + Q s a(T(k)) - A       (σ = 0: the classical Budyko-North iteration),
 * </pre>
 * which converges only to stable steady states (its amplification is below one exactly where
 * {@code M = -dF/dT} is positive definite) and is repelled by unstable ones, until the residual has
 * fallen a hundredfold; then Newton's method, {@code M δ = F} with the tridiagonal, symmetric M
 * (diffusion plus a diagonal), converges quadratically. Should Newton land on an unstable state (it
 * can where the ice edge spans only a few cells, whose jumps of temperature exceed the width of the
 * ice edge: keep N at 90 or more for a width of 1 K), the relaxation resumes from where it stopped
 * to a hundredfold smaller residual and Newton tries again. {@link Equilibrium#unstableModes} reports
 * the stability of what was found; plain Newton ({@link SolverOptions#newton}) finds unstable steady
 * states too. Without ice it is one tridiagonal solve. {@link #steadyState} returns the result to
 the engine through one Newton step written with {@link Ops}:
 * <pre>
 *   T* = T̃ + M⁻¹ F(T̃, p),    T̃ the converged state (a constant), M = -dF/dT at (T̃, p) (constant bands)
 * </pre>
 * Its value is T̃ (F(T̃, p) = 0 to rounding), and its derivative is the implicit-function
 * derivative {@code (dT*)/dp = M⁻¹ ∂F/∂p}: so the JVP is one forward solve and the VJP is the engine's
 * adjoint of {@code solveTridiagonal}, one <em>transposed</em> tridiagonal solve {@code λ = M⁻ᵀ g},
 * followed by the VJP of F with respect to the parameters, {@code p̄ = (∂F/∂p)ᵀ λ}. No iteration is
 * recorded. First derivatives are exact (to the solver's tolerance); second derivatives of this form
 * are not those of the steady state (the terms of dM/dp, which multiply F = 0 in the first
 * derivative, are dropped), so Hessian-vector products through it are approximations.
 */
public record EnergyBalanceModel(EbmGrid grid, IceEdge iceEdge) {

    /** North's model on a hemisphere of the given number of cells, the ice edge at -10 °C smoothed over 1 K. */
    public static EnergyBalanceModel north(int cells) {
        return new EnergyBalanceModel(EbmGrid.hemisphere(cells), IceEdge.north());
    }

    /** The declared free parameters (the order of the parameter tensors). */
    public List<Parameter> parameters() {
        return EbmParameters.DECLARED;
    }

    // ---- the model's terms, written with Ops ----

    /** s(x) averaged over each cell: {@code 1 + s₂ <P₂>}. */
    private Tensor insolationShape(Ops o, Tensor[] p) {
        return o.add(o.mul(constant(o, grid.p2Average()), p[EbmParameters.S2]), 1.0);
    }

    /** s(x) P₂(x) averaged over each cell: {@code <P₂> + s₂ <P₂²>}. */
    private Tensor insolationShapeTimesP2(Ops o, Tensor[] p) {
        return o.add(constant(o, grid.p2Average()), o.mul(constant(o, grid.p2SquaredAverage()), p[EbmParameters.S2]));
    }

    private Tensor constant(Ops o, double[] values) {
        return o.constant(Shape.of(values.length), values);
    }

    /** Insolation at the top of the atmosphere, {@code Q s(x)} averaged over each cell, W m⁻². */
    public Tensor insolation(Ops o, Tensor[] p) {
        return o.mul(insolationShape(o, p), p[EbmParameters.Q]);
    }

    /** Absorbed short-wave radiation {@code Q s(x) a(x, T)} averaged over each cell, W m⁻². */
    public Tensor absorbedShortwave(Ops o, Tensor temperature, Tensor[] p) {
        Tensor s = insolationShape(o, p);
        Tensor sP2 = insolationShapeTimesP2(o, p);
        Tensor iceFree = o.add(o.mul(s, p[EbmParameters.A0]), o.mul(sP2, p[EbmParameters.A2]));
        Tensor perQ;
        if (iceEdge instanceof IceEdge.None) {
            perQ = iceFree;
        } else {
            Tensor ice = o.mul(s, p[EbmParameters.A_ICE]);
            perQ = o.add(ice, o.mul(iceEdge.iceFreeFraction(o, temperature), o.sub(iceFree, ice)));
        }
        return o.mul(perQ, p[EbmParameters.Q]);
    }

    /** Co-albedo (1 - planetary albedo) of each cell: absorbed over incoming short-wave radiation. */
    public Tensor coAlbedo(Ops o, Tensor temperature, Tensor[] p) {
        return o.div(absorbedShortwave(o, temperature, p), insolation(o, p));
    }

    /** Outgoing long-wave radiation {@code A + B T}, W m⁻². */
    public Tensor outgoingLongwave(Ops o, Tensor temperature, Tensor[] p) {
        return o.add(o.mul(temperature, p[EbmParameters.B]), p[EbmParameters.A]);
    }

    /** Convergence of the diffusive heat transport, {@code D d/dx[(1 - x²) dT/dx]}, W m⁻². */
    public Tensor transport(Ops o, Tensor temperature, Tensor[] p) {
        return o.mul(grid.divergence(o, temperature), p[EbmParameters.D]);
    }

    /** The net heating {@code F(T) = C dT/dt} of each cell, W m⁻². */
    public Tensor tendency(Ops o, Tensor temperature, Tensor[] p) {
        return o.add(o.sub(absorbedShortwave(o, temperature, p), outgoingLongwave(o, temperature, p)),
                transport(o, temperature, p));
    }

    // ---- linearisation ----

    /** The bands of {@code M = -dF/dT} at a plain state: {@code B + D(k₋ + k₊) - Q f'(T) c(x)} on the diagonal. */
    public TridiagonalBands linearisation(EbmParameters p, double[] temperature) {
        return linearisation(p, temperature, true);
    }

    /** M, or without the ice-albedo term {@code B - D div} (the operator of the semi-implicit relaxation). */
    private TridiagonalBands linearisation(EbmParameters p, double[] temperature, boolean albedo) {
        int n = grid.cellCount();
        double[] k = grid.faceCoefficients();
        double[] p2 = grid.p2Average();
        double[] p2sq = grid.p2SquaredAverage();
        double[] lower = new double[n];
        double[] diagonal = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            double kLeft = i > 0 ? k[i - 1] : 0.0;
            double kRight = i < n - 1 ? k[i] : 0.0;
            lower[i] = -p.diffusivity() * kLeft;
            upper[i] = -p.diffusivity() * kRight;
            double s = 1.0 + p.insolationP2() * p2[i];
            double sP2 = p2[i] + p.insolationP2() * p2sq[i];
            double contrast = p.coAlbedo0() * s + p.coAlbedo2() * sP2 - p.iceCoAlbedo() * s;
            diagonal[i] = p.olrSlope() + p.diffusivity() * (kLeft + kRight)
                    - (albedo ? p.insolation() * iceEdge.iceFreeFractionSlope(temperature[i]) * contrast : 0.0);
        }
        return new TridiagonalBands(lower, diagonal, upper);
    }

    // ---- steady state ----

    /** The default first guess of the solvers: {@code 14 - 30 P₂(x)} °C, a present-day-like profile. */
    public double[] defaultInitialGuess() {
        double[] x = grid.centres();
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = 14.0 - 30.0 * (1.5 * x[i] * x[i] - 0.5);
        }
        return t;
    }

    /** The steady state reached from {@link #defaultInitialGuess} with {@link SolverOptions#defaults}. */
    public Equilibrium equilibrium(EbmParameters p) {
        return equilibrium(p, defaultInitialGuess(), SolverOptions.defaults());
    }

    /**
     * Solves {@code F(T) = 0} on plain arrays from a first guess (see the class comment). Without ice
     * the problem is linear and is solved by one Newton step (no relaxation).
     *
     * @throws EquilibriumNotFoundException when the iteration does not converge or produces NaN
     */
    public Equilibrium equilibrium(EbmParameters p, double[] initialGuess, SolverOptions options) {
        int n = grid.cellCount();
        if (initialGuess.length != n) {
            throw new IllegalArgumentException("energy balance model: initial guess has " + initialGuess.length
                    + " values for " + n + " cells");
        }
        if (!options.relaxation() || iceEdge instanceof IceEdge.None) {
            return newton(p, initialGuess, options, 0);
        }
        Eager eager = Eager.serial();
        Tensor[] pt = p.tensors(eager);
        double[] t = initialGuess.clone();
        double[] f = tendencyValues(eager, t, pt);
        double threshold = 1e-4 * maxAbs(f);
        int iterations = 0;
        Equilibrium found = null;
        for (int attempt = 0; attempt < 6; attempt++) {
            // relax: (sigma + B - D div) T' = sigma T + Q s a(T) - A, the albedo lagged (semi-implicit)
            while (maxAbs(f) > threshold) {
                if (++iterations > options.maxRelaxationIterations()) {
                    throw new EquilibriumNotFoundException("energy balance model: relaxation did not reach a residual of "
                            + threshold + " W m-2 in " + options.maxRelaxationIterations() + " iterations (parameters "
                            + p + ")");
                }
                double[] step = linearisation(p, t, false).solve(f, options.relaxationShift());
                for (int i = 0; i < n; i++) {
                    t[i] += step[i];
                }
                f = tendencyValues(eager, t, pt);
                if (!Double.isFinite(maxAbs(f))) {
                    throw new EquilibriumNotFoundException("energy balance model: tendency is not finite after "
                            + iterations + " relaxation iterations (parameters " + p + ")");
                }
            }
            found = newton(p, t, options, iterations);
            if (found.isStable()) {
                return found;
            }
            // Newton jumped onto a saddle: relax closer to the attractor and try again
            threshold *= 1e-2;
        }
        return found;
    }

    private double[] tendencyValues(Eager eager, double[] t, Tensor[] pt) {
        return tendency(eager, eager.constant(grid.shape(), t), pt).values();
    }

    /** Newton's method from a first guess, without any globalisation. */
    private Equilibrium newton(EbmParameters p, double[] initialGuess, SolverOptions options, int iterationsSoFar) {
        int n = grid.cellCount();
        Eager eager = Eager.serial();
        Tensor[] pt = p.tensors(eager);
        double[] t = initialGuess.clone();
        double previousStep = Double.POSITIVE_INFINITY;
        for (int iteration = 1; iteration <= options.maxIterations(); iteration++) {
            double[] f = tendencyValues(eager, t, pt);
            if (!Double.isFinite(maxAbs(f))) {
                throw new EquilibriumNotFoundException("energy balance model: tendency is not finite at Newton iteration "
                        + iteration + " (parameters " + p + ")");
            }
            double[] step = linearisation(p, t).solve(f, 0.0);
            double size = maxAbs(step);
            if (!Double.isFinite(size)) {
                throw new EquilibriumNotFoundException("energy balance model: Newton step is not finite at iteration "
                        + iteration + " (singular linearisation; parameters " + p + ")");
            }
            for (int i = 0; i < n; i++) {
                t[i] += step[i];
            }
            double scale = Math.max(1.0, maxAbs(t));
            boolean converged = size <= options.tolerance() * scale;
            boolean stagnated = size >= previousStep && size <= 1e3 * options.tolerance() * scale;
            if (converged || stagnated) {
                return finish(p, t, iterationsSoFar + iteration);
            }
            previousStep = size;
        }
        throw new EquilibriumNotFoundException("energy balance model: Newton found no steady state in "
                + options.maxIterations() + " iterations (parameters " + p + ")");
    }

    private Equilibrium finish(EbmParameters p, double[] t, int iterations) {
        Eager eager = Eager.serial();
        double[] f = tendency(eager, eager.constant(grid.shape(), t), p.tensors(eager)).values();
        int unstable = linearisation(p, t).negativeEigenvalueCount();
        return new Equilibrium(p, t, iterations, maxAbs(f), unstable, iceLine(t), grid.mean(t));
    }

    /** The steady state from {@link #defaultInitialGuess}, differentiable with respect to p (see the class comment). */
    public Tensor steadyState(Ops o, Tensor[] p) {
        return steadyState(o, p, equilibrium(EbmParameters.of(p), defaultInitialGuess(), SolverOptions.defaults()));
    }

    /** The steady state from a first guess, differentiable with respect to p. */
    public Tensor steadyState(Ops o, Tensor[] p, double[] initialGuess, SolverOptions options) {
        return steadyState(o, p, equilibrium(EbmParameters.of(p), initialGuess, options));
    }

    /**
     * Hands a solved equilibrium to the engine: {@code T̃ + M⁻¹ F(T̃, p)} with T̃ and the bands of M
     * constants, so that derivatives with respect to p are the implicit-function derivatives.
     *
     * @throws IllegalArgumentException when the equilibrium was solved for other parameter values
     */
    public Tensor steadyState(Ops o, Tensor[] p, Equilibrium solved) {
        EbmParameters values = EbmParameters.of(p);
        if (!values.equals(solved.parameters())) {
            throw new IllegalArgumentException("energy balance model: equilibrium solved for " + solved.parameters()
                    + " used with parameters " + values);
        }
        Shape shape = grid.shape();
        Tensor t = o.constant(shape, solved.temperature());
        TridiagonalBands m = linearisation(values, solved.temperature());
        Tensor correction = o.solveTridiagonal(o.constant(shape, m.lower()), o.constant(shape, m.diagonal()),
                o.constant(shape, m.upper()), tendency(o, t, p));
        return o.add(t, correction);
    }

    // ---- time stepping ----

    /**
     * One semi-implicit step of {@code C dT/dt = F(T)} for the engine's time loops (state: one tensor,
     * T; parameters: the 8 of {@link EbmParameters#DECLARED}): long-wave emission and diffusion
     * implicit, short-wave absorption explicit,
     * <pre>
     *   (C/Δt + B - D div) T(n+1) = (C/Δt) T(n) + Q s a(T(n)) - A,
     * </pre>
     * one tridiagonal solve per step; stable for any Δt where {@code Q s f'(T) c < C/Δt + B}.
     *
     * @param heatCapacity C, J m⁻² K⁻¹ (e.g. 4.2e8 for a 100 m ocean mixed layer)
     * @param timeStep     Δt, s
     */
    public Step implicitStep(double heatCapacity, double timeStep) {
        if (!(heatCapacity > 0) || !(timeStep > 0)) {
            throw new IllegalArgumentException("energy balance model: heat capacity " + heatCapacity + " J m-2 K-1 and time step "
                    + timeStep + " s must be positive");
        }
        double inertia = heatCapacity / timeStep;
        int n = grid.cellCount();
        double[] k = grid.faceCoefficients();
        double[] left = new double[n];
        double[] right = new double[n];
        for (int i = 0; i < n; i++) {
            left[i] = i > 0 ? k[i - 1] : 0.0;
            right[i] = i < n - 1 ? k[i] : 0.0;
        }
        double[] both = new double[n];
        for (int i = 0; i < n; i++) {
            both[i] = left[i] + right[i];
        }
        return (o, index, state, p) -> {
            Tensor temperature = state[0];
            Tensor d = p[EbmParameters.D];
            Tensor lower = o.mul(constant(o, left), o.neg(d));
            Tensor upper = o.mul(constant(o, right), o.neg(d));
            Tensor diagonal = o.add(o.add(o.mul(constant(o, both), d), p[EbmParameters.B]), inertia);
            Tensor rhs = o.sub(o.add(o.mul(temperature, inertia), absorbedShortwave(o, temperature, p)),
                    p[EbmParameters.A]);
            return new Tensor[] {o.solveTridiagonal(lower, diagonal, upper, rhs)};
        };
    }

    // ---- diagnostics ----

    /**
     * The ice line x_s = sin(latitude) where T falls through T_s going poleward in the northern half,
     * interpolated linearly between cell centres; 1 when no cell is below T_s there (ice-free), 0 (the
     * equator) when the first one is. NaN without ice.
     */
    public double iceLine(double[] temperature) {
        double ts = iceEdge.freezingTemperature();
        if (Double.isNaN(ts)) {
            return Double.NaN;
        }
        double[] x = grid.centres();
        int first = 0;
        while (first < x.length && x[first] < 0) {
            first++;
        }
        for (int i = first; i < x.length; i++) {
            if (temperature[i] < ts) {
                if (i == 0) {
                    return 0.0;
                }
                double w = (ts - temperature[i - 1]) / (temperature[i] - temperature[i - 1]);
                return Math.max(0.0, x[i - 1] + w * (x[i] - x[i - 1]));
            }
        }
        return 1.0;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            double a = Math.abs(d);
            if (!(a <= m)) {
                m = a;
            }
        }
        return m;
    }

    /**
     * A solved steady state.
     *
     * @param parameters     the parameter values it was solved for
     * @param temperature    T of each cell, °C
     * @param iterations     Newton iterations taken
     * @param residual       max |F(T)|, W m⁻²
     * @param unstableModes  negative eigenvalues of M = -dF/dT: growing modes of the linearised
     *                       dynamics (0: stable; North's slope-stability theorem says 0 exactly where
     *                       dQ/dx_s &gt; 0)
     * @param iceLine        x_s = sin(ice-line latitude), see {@link #iceLine}
     * @param globalMean     area-weighted mean temperature, °C
     */
    public record Equilibrium(EbmParameters parameters, double[] temperature, int iterations, double residual,
                              int unstableModes, double iceLine, double globalMean) {
        public boolean isStable() {
            return unstableModes == 0;
        }

        /** The ice-line latitude, degrees. */
        public double iceLineLatitude() {
            return Math.toDegrees(Math.asin(iceLine));
        }
    }

    /**
     * How {@link #equilibrium} iterates.
     *
     * @param maxIterations           most Newton iterations per attempt
     * @param tolerance               Newton stops when its largest update is below {@code tolerance * max(1, max |T|)}
     * @param relaxation              relax first (see the class comment), so that the result is a stable steady
     *                                state reached from the first guess; false for plain Newton, which converges to
     *                                the nearest steady state, unstable ones included
     * @param relaxationShift         σ = C/Δt of the relaxation, W m⁻² K⁻¹ (0: Budyko-North iteration, the fastest)
     * @param maxRelaxationIterations most relaxation iterations in all
     */
    public record SolverOptions(int maxIterations, double tolerance, boolean relaxation, double relaxationShift,
                                int maxRelaxationIterations) {
        public SolverOptions {
            if (maxIterations < 1 || !(tolerance > 0) || !(relaxationShift >= 0) || maxRelaxationIterations < 1) {
                throw new IllegalArgumentException("solver options: maxIterations " + maxIterations + ", tolerance "
                        + tolerance + ", relaxationShift " + relaxationShift + ", maxRelaxationIterations "
                        + maxRelaxationIterations);
            }
        }

        /** Relaxation with σ = 0, then Newton to a tolerance of 1e-11. */
        public static SolverOptions defaults() {
            return new SolverOptions(100, 1e-11, true, 0.0, 20_000);
        }

        /** Plain Newton (no relaxation): for unstable steady states near the first guess. */
        public static SolverOptions newton() {
            return new SolverOptions(100, 1e-11, false, 0.0, 1);
        }
    }

    /** The solver found no steady state (no convergence, or a non-finite value). */
    public static final class EquilibriumNotFoundException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public EquilibriumNotFoundException(String message) {
            super(message);
        }
    }
}
