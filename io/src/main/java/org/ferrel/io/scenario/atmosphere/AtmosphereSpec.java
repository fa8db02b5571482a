package org.ferrel.io.scenario.atmosphere;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ferrel.dycore.primitive.SigmaCoordinate;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.config.ConfigNode;
import org.ferrel.io.scenario.InitialPerturbation;
import org.ferrel.io.scenario.ModelSpec;

/**
 * The atmosphere family's part of a scenario: sigma levels, tendency terms and the initial state.
 * <pre>
 * model: atmosphere
 * levels: 20                              # uniform sigma layers, or {halfLevels: [0, 0.1, ..., 1]}
 * terms:
 *   heldSuarez: {}                        # Held and Suarez (1994) forcing; its 8 constants are parameters
 *   hyperdiffusion: {timeScale: 1 day}    # del^4 damping the shortest resolved wave in this time, or {coefficient: 1e16}
 * initial: {case: rest, temperature: 300, surfacePressure: 1e5, noise: 0.1, seed: 1}
 *          # or {case: jablonowski-williamson-steady} / {case: jablonowski-williamson-wave}
 * </pre>
 *
 * @param sigma        the vertical coordinate
 * @param heldSuarez   whether the Held-Suarez forcing is on
 * @param diffusion    the hyperdiffusion: a coefficient [m^4/s], a time scale [s] (the other NaN), or both NaN for none
 * @param initial      the initial state
 */
public record AtmosphereSpec(SigmaCoordinate sigma, boolean heldSuarez, Diffusion diffusion, Initial initial) implements ModelSpec {
    public static final List<String> CASES = List.of("rest", "jablonowski-williamson-steady", "jablonowski-williamson-wave");

    /** Hyperdiffusion by coefficient [m^4/s] or by the damping time of the shortest wave [s]; both NaN: none. */
    public record Diffusion(double coefficient, double timeScale) {
        static final Diffusion NONE = new Diffusion(Double.NaN, Double.NaN);

        boolean isNone() {
            return Double.isNaN(coefficient) && Double.isNaN(timeScale);
        }
    }

    /**
     * @param builtIn         one of {@link #CASES}
     * @param temperature     the isothermal temperature of case rest [K]
     * @param surfacePressure the uniform surface pressure of case rest [Pa]
     * @param noise           standard deviation of the seeded white noise added to case rest's temperature [K]
     * @param seed            the noise's seed
     * @param perturbation    a smooth seeded random perturbation of the temperature [K] (an ensemble member's)
     */
    public record Initial(String builtIn, double temperature, double surfacePressure, double noise, long seed,
                          InitialPerturbation perturbation) {
    }

    @Override
    public String family() {
        return AtmosphereFamily.KEY;
    }

    @Override
    public InitialPerturbation perturbation() {
        return initial.perturbation();
    }

    @Override
    public AtmosphereSpec withPerturbation(InitialPerturbation p) {
        Initial i = initial;
        return new AtmosphereSpec(sigma, heldSuarez, diffusion, new Initial(i.builtIn(), i.temperature(), i.surfacePressure(), i.noise(),
                i.seed(), p));
    }

    /** Reads {@code levels:}, {@code terms:} and {@code initial:}. */
    static AtmosphereSpec parse(ConfigNode root, Map<String, Integer> lines) {
        String file = root.file();
        SigmaCoordinate sigma = SigmaCoordinate.uniform(20);
        if (root.has("levels")) {
            lines.put("levels", root.line("levels"));
            ConfigNode l = root.isMapping("levels") ? root.child("levels") : null;
            if (l == null) {
                sigma = SigmaCoordinate.uniform(root.integer("levels", 20, 1, 200));
            } else {
                l.allowOnly("halfLevels");
                List<ConfigNode.Item> items = l.list("halfLevels");
                double[] half = new double[items.size()];
                for (int k = 0; k < half.length; k++) {
                    try {
                        half[k] = Double.parseDouble(String.valueOf(items.get(k).text()).trim());
                    } catch (NumberFormatException e) {
                        throw l.error("halfLevels", "expected numbers, got \"" + items.get(k).text() + "\"");
                    }
                }
                try {
                    sigma = new SigmaCoordinate(half);
                } catch (IllegalArgumentException e) {
                    throw l.error("halfLevels", e.getMessage());
                }
            }
        }

        boolean heldSuarez = false;
        Diffusion diffusion = Diffusion.NONE;
        ConfigNode t = root.child("terms");
        if (t != null) {
            t.allowOnly("heldSuarez", "hyperdiffusion");
            for (String key : t.keys()) {
                lines.put("terms." + key, t.line(key));
                ConfigNode c = t.childOrEmpty(key);
                switch (key) {
                    case "heldSuarez" -> {
                        c.allowOnly();
                        heldSuarez = true;
                    }
                    case "hyperdiffusion" -> {
                        c.allowOnly("coefficient", "timeScale");
                        if (c.has("coefficient") == c.has("timeScale")) {
                            throw new ConfigException(file, t.line(key), "terms.hyperdiffusion", "give exactly one of 'coefficient'"
                                    + " [m^4/s] or 'timeScale' (the damping time of the shortest resolved wave, e.g. 1 day)");
                        }
                        diffusion = c.has("coefficient") ? new Diffusion(c.number("coefficient", 0, 0, 1e22, "m^4/s"), Double.NaN)
                                : new Diffusion(Double.NaN, c.duration("timeScale", 86400, 60, 1e9));
                    }
                    default -> throw new IllegalStateException(key);
                }
            }
        }

        Initial initial = new Initial("rest", 300, 1e5, 0, 1, InitialPerturbation.NONE);
        ConfigNode i = root.child("initial");
        if (i != null) {
            lines.put("initial", i.line());
            i.allowOnly("case", "temperature", "surfacePressure", "noise", "seed", "perturbation");
            String c = i.choice("case", "rest", CASES.toArray(new String[0]));
            if (!c.equals("rest")) {
                for (String only : List.of("temperature", "surfacePressure", "noise", "seed")) {
                    if (i.has(only)) {
                        throw i.error(only, "only case rest has this key");
                    }
                }
            }
            initial = new Initial(c, i.number("temperature", 300, 100, 400, "K"), i.number("surfacePressure", 1e5, 1e4, 1.2e5, "Pa"),
                    i.number("noise", 0, 0, 10, "K"), i.integer("seed", 1, 0, Integer.MAX_VALUE), perturbation(i));
        }
        return new AtmosphereSpec(sigma, heldSuarez, diffusion, initial);
    }

    /** {@code initial.perturbation: {amplitude: 0.5, correlationLength: 1e6, seed: 1}} of the temperature [K], or none. */
    private static InitialPerturbation perturbation(ConfigNode initial) {
        ConfigNode p = initial.child("perturbation");
        if (p == null) {
            return InitialPerturbation.NONE;
        }
        p.allowOnly("amplitude", "correlationLength", "seed");
        return new InitialPerturbation(p.number("amplitude", 0, 0, 50, "K"), p.number("correlationLength", 0, 0, 1e8, "m"),
                p.integer("seed", 1, 0, Integer.MAX_VALUE));
    }

    /** The names of the terms, for messages. */
    List<String> termNames() {
        List<String> n = new ArrayList<>();
        if (heldSuarez) {
            n.add("heldSuarez");
        }
        if (!diffusion.isNone()) {
            n.add("hyperdiffusion");
        }
        return n;
    }
}
