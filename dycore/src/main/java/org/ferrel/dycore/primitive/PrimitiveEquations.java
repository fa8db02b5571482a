package org.ferrel.dycore.primitive;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * The hydrostatic dry primitive equations on the sphere in sigma coordinates, on the lat-lon C-grid,
 * in vector-invariant form. Prognostic: u, v, T on nz layers and the surface pressure pi; diagnostic:
 * the geopotential Phi, the vertical mass flux {@code pi sigma-dot} and omega.
 * <pre>
 *   d(pi)/dt = - sum_k dsigma_k D_k,                           D_k = div(pi v_k)
 *   du/dt    = + q (pi v)~ - d/dx (K + Phi) - R T d(ln pi)/dx - (sigma-dot du/dsigma)
 *   dv/dt    = - q (pi u)~ - d/dy (K + Phi) - R T d(ln pi)/dy - (sigma-dot dv/dsigma)
 *   dT/dt    = - v.grad T - (sigma-dot dT/dsigma) + kappa T omega / p
 * </pre>
 * with {@code q = (zeta + f) / pi} at corners and the Coriolis term in Sadourny's energy-conserving
 * form, as in the shallow-water core with the layer depth replaced by pi (the layer mass is
 * {@code pi dsigma_k / g}).
 *
 * <p>Vertical discretisation: Simmons and Burridge (1981) in the sigma form (see {@link SigmaCoordinate}
 * for L_k and alpha_k), on a Lorenz grid (u, v, T at full levels, the vertical mass flux at half levels):
 * <pre>
 *   W_{k+1/2} = pi sigma-dot_{k+1/2} = -sigma_{k+1/2} d(pi)/dt - sum_{j &lt;= k} dsigma_j D_j   (0 at top and bottom)
 *   Phi_k     = Phi_s + R (alpha_k T_k + sum_{j &gt; k} L_j T_j)
 *   (sigma-dot dX/dsigma)_k = [W_{k+1/2} (X_{k+1} - X_k) + W_{k-1/2} (X_k - X_{k-1})] / (2 pi dsigma_k)
 *   (omega/p)_k = v_k.grad(ln pi) - [L_k sum_{j &lt; k} dsigma_j D_j + alpha_k dsigma_k D_k] / (pi dsigma_k)
 * </pre>
 * Horizontally, T is advected in flux form ({@code [div(pi v T) - T div(pi v)] / pi}), the kinetic
 * energy at centres weights the face values by the faces' areas ({@code A_u = dx dy}, {@code A_v = dx_v dy}),
 * and the term {@code T v.grad(ln pi)} of omega is the area-weighted centre average of the face
 * products {@code (pi u) T^x d(ln pi)/dx} that the pressure-gradient force's work is made of. With
 * these choices the semi-discrete equations conserve the mass {@code sum A pi} and the total energy
 * <pre>
 *   E = (1/g) sum_cells A [ pi sum_k dsigma_k (K_k + c_p T_k) + pi Phi_s ]
 * </pre>
 * to rounding in the adiabatic, frictionless limit: the pressure-gradient work cancels the
 * kappa T omega/p conversion term by term, the vertical advection of momentum and heat telescope,
 * and the Coriolis term does no work ({@code PrimitiveEquationsTest} checks both sums).
 */
public final class PrimitiveEquations {
    /** Gas constant of dry air used by Held and Suarez (1994) and Jablonowski and Williamson (2006) [J/(kg K)]. */
    public static final double GAS_CONSTANT = 287.0;
    /** R / c_p of dry air. */
    public static final double KAPPA = 2.0 / 7.0;
    /** Standard gravity [m/s^2] (only in the energy's normalisation and the geopotential height). */
    public static final double GRAVITY = org.ferrel.dycore.model.Model.STANDARD_GRAVITY;

    private final CGridOperators g;
    private final SigmaCoordinate sigma;
    private final int nz;
    private final double gasConstant;
    private final double kappa;
    /** dsigma_k as [nz, 1, 1]. */
    private final Tensor thickness;
    /** 1 / (2 dsigma_k) as [nz, 1, 1]. */
    private final Tensor halfInverseThickness;
    /** [nz, nz]: Phi - Phi_s = hydrostatic . T. */
    private final Tensor hydrostatic;
    /** [nz, nz]: W_{k+1/2} = massFlux . (dsigma D). */
    private final Tensor massFlux;
    /** [nz, nz]: the divergence part of (omega/p) pi = -conversion . (dsigma D). */
    private final Tensor conversion;
    private final Tensor faceAreaU;
    private final Tensor faceAreaV;
    private final Tensor halfInverseCellArea;
    private final Tensor inverseCellArea;
    private final PrimitiveEquationsKernel kernel;

    /**
     * @param gasConstant R [J/(kg K)]
     * @param kappa       R / c_p
     */
    public PrimitiveEquations(CGridOperators operators, SigmaCoordinate sigma, double gasConstant, double kappa) {
        if (!(gasConstant > 0) || !(kappa > 0 && kappa < 1)) {
            throw new IllegalArgumentException("primitive equations: need R > 0 and 0 < kappa < 1, got R = " + gasConstant
                    + ", kappa = " + kappa);
        }
        this.g = operators;
        this.sigma = sigma;
        this.nz = sigma.levels();
        this.gasConstant = gasConstant;
        this.kappa = kappa;
        Eager e = Eager.serial();
        double[] ds = new double[nz];
        double[] halfInv = new double[nz];
        double[] hyd = new double[nz * nz];
        double[] flux = new double[nz * nz];
        double[] conv = new double[nz * nz];
        double[] half = sigma.halfLevels();
        for (int k = 0; k < nz; k++) {
            ds[k] = sigma.thickness(k);
            halfInv[k] = 0.5 / ds[k];
            hyd[k * nz + k] = gasConstant * sigma.alpha(k);
            for (int j = k + 1; j < nz; j++) {
                hyd[k * nz + j] = gasConstant * sigma.logRatio(j);
            }
            for (int j = 0; j < nz; j++) {
                // -sigma_{k+1/2} d(pi)/dt - sum_{j<=k} dsigma_j D_j with d(pi)/dt = -sum_j dsigma_j D_j;
                // the bottom row is 1 - 1 = 0 exactly
                flux[k * nz + j] = half[k + 1] - (j <= k ? 1.0 : 0.0);
            }
            for (int j = 0; j < k; j++) {
                conv[k * nz + j] = sigma.logRatio(k) / ds[k];
            }
            conv[k * nz + k] = sigma.alpha(k) / ds[k];
        }
        this.thickness = e.constant(Shape.of(nz, 1, 1), ds);
        this.halfInverseThickness = e.constant(Shape.of(nz, 1, 1), halfInv);
        this.hydrostatic = e.constant(Shape.of(nz, nz), hyd);
        this.massFlux = e.constant(Shape.of(nz, nz), flux);
        this.conversion = e.constant(Shape.of(nz, nz), conv);
        Grid grid = operators.grid();
        double[] au = grid.dxAtCenterRow();
        double[] av = grid.dxAtVRow();
        double[] area = grid.cellArea();
        double[] halfInvArea = new double[grid.ny()];
        double[] invArea = new double[grid.ny()];
        for (int j = 0; j < grid.ny(); j++) {
            au[j] *= grid.dy();
            av[j] *= grid.dy();
            halfInvArea[j] = 0.5 / area[j];
            invArea[j] = 1.0 / area[j];
        }
        this.faceAreaU = grid.rows(e, au);
        this.faceAreaV = grid.rows(e, av);
        this.halfInverseCellArea = grid.rows(e, halfInvArea);
        this.inverseCellArea = grid.rows(e, invArea);
        this.kernel = new PrimitiveEquationsKernel(this, new double[][] {au, av, halfInvArea, invArea},
                new double[][] {ds, halfInv, hyd, flux, conv});
    }

    /** With the dry-air constants of Held and Suarez (1994): R = 287 J/(kg K), kappa = 2/7. */
    public PrimitiveEquations(CGridOperators operators, SigmaCoordinate sigma) {
        this(operators, sigma, GAS_CONSTANT, KAPPA);
    }

    public CGridOperators operators() {
        return g;
    }

    public SigmaCoordinate sigma() {
        return sigma;
    }

    public double gasConstant() {
        return gasConstant;
    }

    public double kappa() {
        return kappa;
    }

    /** c_p = R / kappa [J/(kg K)]. */
    public double heatCapacity() {
        return gasConstant / kappa;
    }

    /** The shape of a three-dimensional field, [nz, ny, nx]. */
    public Shape fieldShape() {
        Grid grid = g.grid();
        return Shape.of(nz, grid.ny(), grid.nx());
    }

    /** {@code M x} applied in the vertical to every column of x ([nz, ny, nx]). */
    private Tensor vertical(Ops o, Tensor matrix, Tensor x) {
        Shape shape = x.shape();
        Tensor columns = o.reshape(x, Shape.of(nz, shape.size() / nz));
        return o.reshape(o.matmul(matrix, columns), shape);
    }

    /** The centred vertical advection [W_{k+1/2} (X_{k+1} - X_k) + W_{k-1/2} (X_k - X_{k-1})] / (2 mass dsigma_k). */
    private Tensor verticalAdvection(Ops o, Tensor wBelow, Tensor x, Tensor mass) {
        Tensor wAbove = o.shift(wBelow, 0, 1);
        Tensor below = o.shift(x, 0, -1);
        Tensor above = o.shift(x, 0, 1);
        Tensor sum = o.add(o.mul(wBelow, o.sub(below, x)), o.mul(wAbove, o.sub(x, above)));
        return o.div(o.mul(sum, halfInverseThickness), mass);
    }

    /** The layers' mass fluxes per unit length {@code pi u} at u-faces and {@code pi v} at v-faces. */
    private Tensor[] massFluxes(Ops o, AtmosphereState s) {
        return new Tensor[] {o.mul(g.centerToU(o, s.surfacePressure()), s.u()),
                o.mul(g.centerToV(o, s.surfacePressure()), s.v())};
    }

    /**
     * The adiabatic, frictionless tendency (du/dt, dv/dt, dT/dt, d(pi)/dt), by the fused forward kernel
     * ({@link PrimitiveEquationsKernel}: bitwise the composite's values, the composite's derivatives).
     *
     * @param surfaceGeopotential Phi_s [m^2/s^2] at centres, [ny, nx] (differentiable)
     */
    public AtmosphereState tendency(Ops o, AtmosphereState s, Tensor surfaceGeopotential) {
        Tensor all = o.bind(kernel, s.u(), s.v(), s.temperature(), s.surfacePressure(), surfaceGeopotential);
        Shape field = fieldShape();
        int size = field.size();
        int n = s.surfacePressure().shape().size();
        AtmosphereState t = new AtmosphereState(o.reshape(o.slice(all, 0, 0, size), field),
                o.reshape(o.slice(all, 0, size, 2 * size), field), o.reshape(o.slice(all, 0, 2 * size, 3 * size), field),
                o.reshape(o.slice(all, 0, 3 * size, 3 * size + n), s.surfacePressure().shape()));
        o.recycle(all);
        return t;
    }

    /**
     * The same tendency written with array operations: the reference form of the fused kernel, and
     * the definition its derivatives come from.
     */
    public AtmosphereState compositeTendency(Ops o, AtmosphereState s, Tensor surfaceGeopotential) {
        Tensor pi = s.surfacePressure();
        Tensor u = s.u();
        Tensor v = s.v();
        Tensor t = s.temperature();
        Tensor piU = g.centerToU(o, pi);
        Tensor piV = g.centerToV(o, pi);
        Tensor fluxU = o.mul(piU, u);
        Tensor fluxV = o.mul(piV, v);
        Tensor divergence = g.divergenceAtCenter(o, fluxU, fluxV);
        Tensor layerDivergence = o.mul(divergence, thickness);
        Tensor dPi = o.neg(o.sum(layerDivergence, 0));
        Tensor wBelow = vertical(o, massFlux, layerDivergence);

        // momentum: vorticity flux, Bernoulli gradient, pressure-gradient force, vertical advection
        Tensor absoluteVorticity = o.add(g.curlAtCorner(o, u, v), g.coriolisAtCorner());
        Tensor q = o.div(absoluteVorticity, g.centerToCorner(o, pi));
        Tensor coriolisU = o.div(g.cornerToU(o, o.mul(q, g.vToCorner(o, o.mul(fluxV, g.dxAtV())))), g.dxAtCenter());
        Tensor coriolisV = o.neg(g.cornerToV(o, o.mul(q, g.uToCorner(o, fluxU))));
        Tensor kinetic = kineticEnergy(o, u, v);
        Tensor bernoulli = o.add(kinetic, geopotential(o, t, surfaceGeopotential));
        Tensor logPi = o.log(pi);
        Tensor tU = g.centerToU(o, t);
        Tensor tV = g.centerToV(o, t);
        Tensor pressureGradientU = o.mul(o.mul(tU, g.ddxAtU(o, logPi)), gasConstant);
        Tensor pressureGradientV = o.mul(o.mul(tV, g.ddyAtV(o, logPi)), gasConstant);
        Tensor du = o.sub(o.sub(o.sub(coriolisU, g.ddxAtU(o, bernoulli)), pressureGradientU),
                verticalAdvection(o, g.centerToU(o, wBelow), u, piU));
        Tensor dv = o.mul(o.sub(o.sub(o.sub(coriolisV, g.ddyAtV(o, bernoulli)), pressureGradientV),
                verticalAdvection(o, g.centerToV(o, wBelow), v, piV)), g.vMask());

        // temperature: flux-form horizontal advection, vertical advection, kappa T omega / p
        Tensor horizontal = o.div(o.sub(g.divergenceAtCenter(o, o.mul(fluxU, tU), o.mul(fluxV, tV)),
                o.mul(t, divergence)), pi);
        Tensor work = o.div(o.mul(o.add(g.uToCenter(o, o.mul(o.mul(fluxU, pressureGradientU), faceAreaU)),
                g.vToCenter(o, o.mul(o.mul(fluxV, pressureGradientV), faceAreaV))), inverseCellArea),
                o.mul(pi, gasConstant));
        Tensor expansion = o.div(o.mul(t, vertical(o, conversion, layerDivergence)), pi);
        Tensor dT = o.add(o.neg(o.add(horizontal, verticalAdvection(o, wBelow, t, pi))),
                o.mul(o.sub(work, expansion), kappa));
        return new AtmosphereState(du, dv, dT, dPi);
    }

    /**
     * The kinetic energy per unit mass at centres [m^2/s^2], the face values weighted by their areas:
     * {@code K = [A_u (u_w^2 + u_e^2) + A_v,s v_s^2 + A_v,n v_n^2] / (4 A)}.
     */
    public Tensor kineticEnergy(Ops o, Tensor u, Tensor v) {
        Tensor sum = o.add(o.mul(g.uToCenter(o, o.square(u)), faceAreaU), g.vToCenter(o, o.mul(o.square(v), faceAreaV)));
        return o.mul(sum, halfInverseCellArea);
    }

    /** The geopotential at full levels [m^2/s^2], [nz, ny, nx] (Simmons and Burridge's hydrostatic equation). */
    public Tensor geopotential(Ops o, Tensor temperature, Tensor surfaceGeopotential) {
        return o.add(vertical(o, hydrostatic, temperature), surfaceGeopotential);
    }

    /**
     * The vertical mass flux {@code W = pi sigma-dot} at the lower half level of each layer [Pa/s],
     * [nz, ny, nx] (the last layer's, at the surface, is 0).
     */
    public Tensor verticalMassFlux(Ops o, AtmosphereState s) {
        Tensor[] f = massFluxes(o, s);
        return vertical(o, massFlux, o.mul(g.divergenceAtCenter(o, f[0], f[1]), thickness));
    }

    /**
     * The pressure velocity omega = Dp/Dt at full levels [Pa/s], [nz, ny, nx], with
     * {@code p_k = sigma_k pi} at the layer mid-points and omega/p as in the thermodynamic equation.
     */
    public Tensor omega(Ops o, AtmosphereState s) {
        Tensor pi = s.surfacePressure();
        Tensor[] f = massFluxes(o, s);
        Tensor logPi = o.log(pi);
        Tensor advection = o.mul(o.add(g.uToCenter(o, o.mul(o.mul(f[0], g.ddxAtU(o, logPi)), faceAreaU)),
                g.vToCenter(o, o.mul(o.mul(f[1], g.ddyAtV(o, logPi)), faceAreaV))), inverseCellArea);
        Tensor layerDivergence = o.mul(g.divergenceAtCenter(o, f[0], f[1]), thickness);
        Tensor omegaTimesPi = o.sub(advection, vertical(o, conversion, layerDivergence));
        double[] full = new double[nz];
        for (int k = 0; k < nz; k++) {
            full[k] = sigma.midLevel(k);
        }
        return o.mul(omegaTimesPi, o.constant(Shape.of(nz, 1, 1), full));
    }

    /** The total mass of the atmosphere {@code sum A pi / g} [kg]. */
    public Tensor mass(Ops o, AtmosphereState s) {
        return o.mul(g.integral(o, s.surfacePressure()), 1.0 / GRAVITY);
    }

    /**
     * The total energy {@code (1/g) sum A [pi sum_k dsigma_k (K_k + c_p T_k) + pi Phi_s]} [J], the
     * quantity the adiabatic semi-discrete equations conserve.
     */
    public Tensor totalEnergy(Ops o, AtmosphereState s, Tensor surfaceGeopotential) {
        Tensor perMass = o.add(kineticEnergy(o, s.u(), s.v()), o.mul(s.temperature(), heatCapacity()));
        Tensor column = o.add(o.sum(o.mul(perMass, thickness), 0), surfaceGeopotential);
        return o.mul(g.integral(o, o.mul(column, s.surfacePressure())), 1.0 / GRAVITY);
    }
}
