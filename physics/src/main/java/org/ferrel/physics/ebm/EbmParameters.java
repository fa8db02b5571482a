package org.ferrel.physics.ebm;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.Parameter;

/**
 * The free parameters of North's energy balance model, in the order of {@link #DECLARED} (the order
 * of the parameter tensors every method of {@link EnergyBalanceModel} takes):
 *
 * <table>
 *   <caption>parameters</caption>
 *   <tr><th>name</th><th>symbol</th><th>units</th><th>enters</th></tr>
 *   <tr><td>{@code ebm.olrIntercept}</td><td>A</td><td>W m⁻²</td><td>OLR = A + B T (T in °C)</td></tr>
 *   <tr><td>{@code ebm.olrSlope}</td><td>B</td><td>W m⁻² K⁻¹</td><td>OLR = A + B T</td></tr>
 *   <tr><td>{@code ebm.diffusivity}</td><td>D</td><td>W m⁻² K⁻¹</td><td>D d/dx[(1 - x²) dT/dx]</td></tr>
 *   <tr><td>{@code ebm.insolation}</td><td>Q</td><td>W m⁻²</td><td>S₀/4, absorbed SW = Q s(x) a(x)</td></tr>
 *   <tr><td>{@code ebm.insolationP2}</td><td>s₂</td><td>1</td><td>s(x) = 1 + s₂ P₂(x)</td></tr>
 *   <tr><td>{@code ebm.coAlbedo0}</td><td>a₀</td><td>1</td><td>ice-free co-albedo a₀ + a₂ P₂(x)</td></tr>
 *   <tr><td>{@code ebm.coAlbedo2}</td><td>a₂</td><td>1</td><td>ice-free co-albedo a₀ + a₂ P₂(x)</td></tr>
 *   <tr><td>{@code ebm.iceCoAlbedo}</td><td>a_ice</td><td>1</td><td>co-albedo poleward of the ice line</td></tr>
 * </table>
 *
 * <p>Two published sets are given. {@link #NORTH_1975}, the ice-cap model of North (1975), J. Atmos.
 * Sci. 32, 2033-2043: A = 201.4 W m⁻², B = 1.45 W m⁻² K⁻¹ (Budyko's fit), D/B = 0.31, s₂ = -0.477,
 * co-albedo 0.68 ice-free and 0.38 over ice, T_s = -10 °C; with Q = 334.4 W m⁻². {@link #NCC_1981}, the
 * fitted set of North, Cahalan &amp; Coakley (1981), Rev. Geophys. Space Phys. 19, 91-121: A = 203.3
 * W m⁻², B = 2.09 W m⁻² K⁻¹, D = 0.649 W m⁻² K⁻¹ (D/B = 0.31), s₂ = -0.482, a₀ = 0.697,
 * a₂ = -0.0779, ice co-albedo 0.38, Q = 334.4 W m⁻². These numbers were taken from public
 * re-implementations that cite the papers (see docs/ebm.md for which); the papers' own tables were
 * not available to check them against.
 *
 * <p>The priors of {@link #DECLARED} are centred on North (1975), with spreads that cover the
 * published alternatives (A from 201.4 to 212 W m⁻², B from 1.45 to 2.1 W m⁻² K⁻¹).
 */
public record EbmParameters(double olrIntercept, double olrSlope, double diffusivity, double insolation,
                            double insolationP2, double coAlbedo0, double coAlbedo2, double iceCoAlbedo) {

    public static final String OLR_INTERCEPT = "ebm.olrIntercept";
    public static final String OLR_SLOPE = "ebm.olrSlope";
    public static final String DIFFUSIVITY = "ebm.diffusivity";
    public static final String INSOLATION = "ebm.insolation";
    public static final String INSOLATION_P2 = "ebm.insolationP2";
    public static final String CO_ALBEDO_0 = "ebm.coAlbedo0";
    public static final String CO_ALBEDO_2 = "ebm.coAlbedo2";
    public static final String ICE_CO_ALBEDO = "ebm.iceCoAlbedo";

    /** Index of each parameter in {@link #DECLARED} and in the parameter tensors. */
    public static final int A = 0;
    public static final int B = 1;
    public static final int D = 2;
    public static final int Q = 3;
    public static final int S2 = 4;
    public static final int A0 = 5;
    public static final int A2 = 6;
    public static final int A_ICE = 7;
    public static final int COUNT = 8;

    /** North (1975): the ice-cap model with Budyko's OLR fit and D/B = 0.31. */
    public static final EbmParameters NORTH_1975 =
            new EbmParameters(201.4, 1.45, 0.31 * 1.45, 334.4, -0.477, 0.68, 0.0, 0.38);

    /** North, Cahalan &amp; Coakley (1981): the fitted OLR and co-albedo. */
    public static final EbmParameters NCC_1981 =
            new EbmParameters(203.3, 2.09, 0.649, 334.4, -0.482, 0.697, -0.0779, 0.38);

    /** The declared parameters, with units, bounds and priors (means from North 1975). */
    public static final List<Parameter> DECLARED = List.of(
            Parameter.scalar(OLR_INTERCEPT, "W m-2", 100.0, 300.0,
                    "A: outgoing long-wave radiation at 0 °C, OLR = A + B T").withPrior(201.4, 10.0),
            Parameter.scalar(OLR_SLOPE, "W m-2 K-1", 0.2, 5.0,
                    "B: increase of outgoing long-wave radiation per kelvin, OLR = A + B T").withPrior(1.45, 0.5),
            Parameter.scalar(DIFFUSIVITY, "W m-2 K-1", 0.01, 3.0,
                    "D: meridional heat diffusivity, transport D d/dx[(1 - x^2) dT/dx], x = sin(latitude)")
                    .withPrior(0.31 * 1.45, 0.2),
            Parameter.scalar(INSOLATION, "W m-2", 250.0, 450.0,
                    "Q: solar constant over 4; absorbed short-wave Q s(x) a(x, T)").withPrior(334.4, 5.0),
            Parameter.scalar(INSOLATION_P2, "1", -0.7, -0.2,
                    "s2: annual-mean insolation shape s(x) = 1 + s2 P2(x)").withPrior(-0.477, 0.01),
            Parameter.scalar(CO_ALBEDO_0, "1", 0.3, 1.0,
                    "a0: ice-free co-albedo a0 + a2 P2(x)").withPrior(0.68, 0.05),
            Parameter.scalar(CO_ALBEDO_2, "1", -0.5, 0.5,
                    "a2: ice-free co-albedo a0 + a2 P2(x)").withPrior(0.0, 0.1),
            Parameter.scalar(ICE_CO_ALBEDO, "1", 0.05, 0.9,
                    "a_ice: co-albedo poleward of the ice line (T < T_s)").withPrior(0.38, 0.05));

    /** The prior means of {@link #DECLARED} (North 1975). */
    public static EbmParameters priorMeans() {
        return of(DECLARED.stream().mapToDouble(p -> p.prior().mean()).toArray());
    }

    /** Values in the order of {@link #DECLARED}. */
    public static EbmParameters of(double[] values) {
        if (values.length != COUNT) {
            throw new IllegalArgumentException("energy balance model: expected " + COUNT + " parameter values "
                    + DECLARED.stream().map(Parameter::name).toList() + ", got " + values.length);
        }
        return new EbmParameters(values[A], values[B], values[D], values[Q], values[S2], values[A0], values[A2],
                values[A_ICE]);
    }

    /** The (primal) values of parameter tensors of any interpreter. */
    public static EbmParameters of(Tensor[] values) {
        if (values.length != COUNT) {
            throw new IllegalArgumentException("energy balance model: expected " + COUNT + " parameter tensors, got "
                    + values.length);
        }
        double[] v = new double[COUNT];
        for (int i = 0; i < COUNT; i++) {
            v[i] = values[i].item();
        }
        return of(v);
    }

    /** Values in the order of {@link #DECLARED}. */
    public double[] values() {
        return new double[] {olrIntercept, olrSlope, diffusivity, insolation, insolationP2, coAlbedo0, coAlbedo2,
            iceCoAlbedo};
    }

    /** Scalar tensors in the order of {@link #DECLARED}. */
    public Tensor[] tensors(Ops ops) {
        double[] v = values();
        Tensor[] t = new Tensor[COUNT];
        for (int i = 0; i < COUNT; i++) {
            t[i] = ops.scalar(v[i]);
        }
        return t;
    }

    /** The same set with one value changed, by declared name. */
    public EbmParameters with(String name, double value) {
        double[] v = values();
        v[indexOf(name)] = value;
        return of(v);
    }

    /** The position of a declared parameter. */
    public static int indexOf(String name) {
        for (int i = 0; i < COUNT; i++) {
            if (DECLARED.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no energy balance model parameter named '" + name + "'; the parameters are "
                + DECLARED.stream().map(Parameter::name).toList());
    }
}
