package org.ferrel.dycore.primitive;

import java.util.List;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.model.Parameter;
import org.ferrel.dycore.model.ParameterValues;

/**
 * The forcing of Held and Suarez (1994, BAMS 75, 1825-1830) for a dry dynamical core: Newtonian
 * relaxation of temperature to a zonally symmetric radiative-equilibrium profile and Rayleigh
 * friction of the winds in the boundary layer,
 * <pre>
 *   dT/dt = -k_T (T - T_eq),   dv/dt = -k_v v
 *   T_eq  = max(T_min, [T_eq,s - dT_y sin^2(phi) - dtheta_z ln(p/p_0) cos^2(phi)] (p/p_0)^kappa)
 *   k_T   = k_a + (k_s - k_a) max(0, (sigma - sigma_b) / (1 - sigma_b)) cos^4(phi)
 *   k_v   = k_f max(0, (sigma - sigma_b) / (1 - sigma_b))
 * </pre>
 * with p = sigma ps at the layer mid-points and p_0 = 1000 hPa. Every constant is a declared
 * parameter (name {@code heldSuarez.*}), with the paper's value as default and prior mean.
 */
public final class HeldSuarez implements AtmosphereTerm {
    public static final String FRICTION_RATE = "heldSuarez.frictionRate";
    public static final String ATMOSPHERE_COOLING_RATE = "heldSuarez.atmosphereCoolingRate";
    public static final String SURFACE_COOLING_RATE = "heldSuarez.surfaceCoolingRate";
    public static final String MERIDIONAL_TEMPERATURE_DIFFERENCE = "heldSuarez.meridionalTemperatureDifference";
    public static final String VERTICAL_POTENTIAL_TEMPERATURE_DIFFERENCE = "heldSuarez.verticalPotentialTemperatureDifference";
    public static final String BOUNDARY_LAYER_TOP = "heldSuarez.boundaryLayerTop";
    public static final String MINIMUM_TEMPERATURE = "heldSuarez.minimumTemperature";
    public static final String SURFACE_EQUILIBRIUM_TEMPERATURE = "heldSuarez.surfaceEquilibriumTemperature";
    /** The reference pressure p_0 [Pa]. */
    public static final double REFERENCE_PRESSURE = 1.0e5;
    private static final double DAY = 86400.0;

    private final double[] defaults;

    /** The paper's values: k_f = 1/day, k_a = 1/40 day, k_s = 1/4 day, 60 K, 10 K, sigma_b = 0.7, 200 K, 315 K. */
    public HeldSuarez() {
        this(1 / DAY, 1 / (40 * DAY), 1 / (4 * DAY), 60, 10, 0.7, 200, 315);
    }

    public HeldSuarez(double frictionRate, double atmosphereCoolingRate, double surfaceCoolingRate,
                      double meridionalTemperatureDifference, double verticalPotentialTemperatureDifference,
                      double boundaryLayerTop, double minimumTemperature, double surfaceEquilibriumTemperature) {
        this.defaults = new double[] {frictionRate, atmosphereCoolingRate, surfaceCoolingRate,
                meridionalTemperatureDifference, verticalPotentialTemperatureDifference, boundaryLayerTop,
                minimumTemperature, surfaceEquilibriumTemperature};
        List<Parameter> declared = parameters();
        for (int i = 0; i < defaults.length; i++) {
            Parameter p = declared.get(i);
            if (!(defaults[i] >= p.lower() && defaults[i] <= p.upper())) {
                throw new IllegalArgumentException(p.name() + " = " + defaults[i] + " " + p.units() + " is outside ["
                        + p.lower() + ", " + p.upper() + "]");
            }
        }
    }

    @Override
    public String name() {
        return "heldSuarez";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.scalar(FRICTION_RATE, "1/s", 0, 1e-3, "k_f: boundary-layer Rayleigh friction rate at the surface")
                        .withPrior(1 / DAY, 0.3 / DAY),
                Parameter.scalar(ATMOSPHERE_COOLING_RATE, "1/s", 0, 1e-3, "k_a: Newtonian cooling rate of the free atmosphere")
                        .withPrior(1 / (40 * DAY), 0.3 / (40 * DAY)),
                Parameter.scalar(SURFACE_COOLING_RATE, "1/s", 0, 1e-3, "k_s: Newtonian cooling rate at the equator's surface")
                        .withPrior(1 / (4 * DAY), 0.3 / (4 * DAY)),
                Parameter.scalar(MERIDIONAL_TEMPERATURE_DIFFERENCE, "K", 0, 200, "Delta T_y: equator-to-pole difference of T_eq")
                        .withPrior(60, 10),
                Parameter.scalar(VERTICAL_POTENTIAL_TEMPERATURE_DIFFERENCE, "K", 0, 100,
                        "Delta theta_z: static stability of T_eq").withPrior(10, 3),
                Parameter.scalar(BOUNDARY_LAYER_TOP, "1", 0, 0.99, "sigma_b: top of the frictional boundary layer")
                        .withPrior(0.7, 0.05),
                Parameter.scalar(MINIMUM_TEMPERATURE, "K", 100, 300, "T_min: the floor of T_eq (stratosphere)")
                        .withPrior(200, 10),
                Parameter.scalar(SURFACE_EQUILIBRIUM_TEMPERATURE, "K", 200, 400, "T_eq,s: T_eq at the equator's surface")
                        .withPrior(315, 10));
    }

    @Override
    public Tensor[] defaults(Ops ops) {
        Tensor[] t = new Tensor[defaults.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = ops.scalar(defaults[i]);
        }
        return t;
    }

    /** The fastest relaxation: k_s or k_f, whichever is larger (k_T and k_v never exceed them). */
    @Override
    public double maximumDampingRate(Grid grid, double effectiveMinimumDx, ParameterValues p) {
        return Math.max(Math.max(p.get(SURFACE_COOLING_RATE).item(), p.get(ATMOSPHERE_COOLING_RATE).item()),
                p.get(FRICTION_RATE).item());
    }

    private record Geometry(Tensor sigma, Tensor logSigma, Tensor sinSquared, Tensor cosSquared, Tensor cosFourth) {
    }

    private static Geometry geometry(PrimitiveEquations core) {
        return core.operators().derived(HeldSuarez.class.getName() + core.sigma(), Geometry.class, g -> {
            Eager e = Eager.serial();
            SigmaCoordinate sigma = core.sigma();
            int nz = sigma.levels();
            double[] s = new double[nz];
            double[] ls = new double[nz];
            for (int k = 0; k < nz; k++) {
                s[k] = sigma.midLevel(k);
                ls[k] = Math.log(s[k]);
            }
            if (!(g.grid() instanceof LatLonGrid grid)) {
                throw new IllegalArgumentException("Held-Suarez forcing needs a latitude-longitude grid, got " + g.grid());
            }
            double[] sin2 = new double[grid.ny()];
            double[] cos2 = new double[grid.ny()];
            double[] cos4 = new double[grid.ny()];
            for (int j = 0; j < grid.ny(); j++) {
                double sin = Math.sin(grid.latitude(j));
                sin2[j] = sin * sin;
                cos2[j] = 1 - sin2[j];
                cos4[j] = cos2[j] * cos2[j];
            }
            return new Geometry(e.constant(Shape.of(nz, 1, 1), s), e.constant(Shape.of(nz, 1, 1), ls),
                    grid.rows(e, sin2), grid.rows(e, cos2), grid.rows(e, cos4));
        });
    }

    /** The radiative-equilibrium temperature T_eq [K] at the centres of every layer, [nz, ny, nx]. */
    public Tensor equilibriumTemperature(Ops o, PrimitiveEquations core, Tensor surfacePressure, ParameterValues p) {
        Geometry geo = geometry(core);
        Tensor logP = o.add(geo.logSigma(), o.log(o.mul(surfacePressure, 1.0 / REFERENCE_PRESSURE)));
        Tensor bracket = o.sub(o.sub(p.get(SURFACE_EQUILIBRIUM_TEMPERATURE),
                        o.mul(geo.sinSquared(), p.get(MERIDIONAL_TEMPERATURE_DIFFERENCE))),
                o.mul(o.mul(logP, geo.cosSquared()), p.get(VERTICAL_POTENTIAL_TEMPERATURE_DIFFERENCE)));
        Tensor radiative = o.mul(bracket, o.exp(o.mul(logP, core.kappa())));
        return o.maximum(radiative, o.broadcastTo(p.get(MINIMUM_TEMPERATURE), radiative.shape()));
    }

    @Override
    public AtmosphereState tendency(Ops o, PrimitiveEquations core, AtmosphereState s, ParameterValues p) {
        Geometry geo = geometry(core);
        Tensor sigmaB = p.get(BOUNDARY_LAYER_TOP);
        Tensor boundary = o.relu(o.div(o.sub(geo.sigma(), sigmaB), o.sub(o.scalar(1.0), sigmaB)));
        Tensor kv = o.mul(boundary, p.get(FRICTION_RATE));
        Tensor ka = p.get(ATMOSPHERE_COOLING_RATE);
        Tensor kt = o.add(o.mul(o.mul(boundary, geo.cosFourth()), o.sub(p.get(SURFACE_COOLING_RATE), ka)), ka);
        Tensor teq = equilibriumTemperature(o, core, s.surfacePressure(), p);
        Tensor dT = o.neg(o.mul(kt, o.sub(s.temperature(), teq)));
        return new AtmosphereState(o.neg(o.mul(kv, s.u())), o.neg(o.mul(kv, s.v())), dT, null);
    }
}
