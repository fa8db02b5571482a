package org.ferrel.io.scenario.shallowwater;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrel.io.config.ConfigException;
import org.ferrel.io.config.ConfigNode;
import org.ferrel.io.scenario.InitialPerturbation;
import org.ferrel.io.scenario.ModelSpec;

/**
 * The shallow-water family's part of a scenario: its tendency terms and its initial state.
 * <pre>
 * terms:
 *   hyperdiffusion: {coefficient: 1e15, depth: false, polarScalingLatitude: 45}
 *   diffusion: {coefficient: 1e5, depth: false, polarScalingLatitude: 45}
 *   drag: {rate: 1e-6}
 *   relaxation: {timeScale: 10 days}           # toward the initial depth
 *   implicitMeridionalDiffusion: {coefficient: 1e5}
 * initial:  {case: williamson5}                # or {case: rest, depth: 5500}, or {file: x.nc, time: last, variables: {h: h, u: u, v: v, topography: b}}
 * </pre>
 *
 * @param terms          the tendency terms, in the file's order
 * @param initial        the initial state
 * @param referenceDepth the resting depth the semi-implicit step ({@code dynamics.integrator: imex-sil3}) linearises
 *                       the gravity waves about [m] ({@code dynamics.referenceDepth}); NaN: the initial state's
 *                       deepest layer rounded up to 100 m
 */
public record ShallowWaterSpec(List<TermSpec> terms, InitialSpec initial, double referenceDepth) implements ModelSpec {
    /** The semi-implicit integrator's name in {@code dynamics.integrator}. */
    public static final String SEMI_IMPLICIT = "imex-sil3";

    public static final List<String> CASES = List.of("williamson2", "williamson5", "williamson6", "galewsky",
            "galewsky-perturbed", "rest");

    public ShallowWaterSpec {
        terms = List.copyOf(terms);
    }

    @Override
    public String family() {
        return ShallowWaterFamily.KEY;
    }

    @Override
    public InitialPerturbation perturbation() {
        return initial.perturbation();
    }

    @Override
    public ShallowWaterSpec withPerturbation(InitialPerturbation p) {
        return new ShallowWaterSpec(terms, initial.withPerturbation(p), referenceDepth);
    }

    /** Reads {@code terms:} and {@code initial:}. */
    static ShallowWaterSpec parse(ConfigNode root, Map<String, Integer> lines) {
        String file = root.file();
        List<TermSpec> terms = new ArrayList<>();
        ConfigNode t = root.child("terms");
        if (t != null) {
            List<TermProvider> providers = TermProvider.available();
            List<String> keys = new ArrayList<>(List.of("hyperdiffusion", "diffusion", "drag", "relaxation",
                    "implicitMeridionalDiffusion"));
            providers.forEach(p -> keys.add(p.key()));
            t.allowOnly(keys.toArray(new String[0]));
            for (String key : t.keys()) {
                ConfigNode c = t.childOrEmpty(key);
                lines.put("terms." + key, t.line(key));
                switch (key) {
                    case "hyperdiffusion" -> {
                        c.allowOnly("coefficient", "depth", "polarScalingLatitude");
                        terms.add(new HyperdiffusionSpec(c.number("coefficient", 1e15, 0, 1e18, "m^4/s"), c.flag("depth", false),
                                polarScaling(c)));
                    }
                    case "diffusion" -> {
                        c.allowOnly("coefficient", "depth", "polarScalingLatitude");
                        terms.add(new DiffusionSpec(c.number("coefficient", 1e5, 0, 1e8, "m^2/s"), c.flag("depth", false),
                                polarScaling(c)));
                    }
                    case "drag" -> {
                        c.allowOnly("rate");
                        terms.add(new DragSpec(c.number("rate", 1e-6, 0, 1e-3, "1/s")));
                    }
                    case "relaxation" -> {
                        c.allowOnly("timeScale");
                        terms.add(new RelaxationSpec(c.duration("timeScale", 10 * 86400, 3600, 1e9)));
                    }
                    case "implicitMeridionalDiffusion" -> {
                        c.allowOnly("coefficient");
                        terms.add(new ImplicitDiffusionSpec(c.number("coefficient", 1e5, 0, 1e8, "m^2/s")));
                    }
                    default -> {
                        TermProvider provider = providers.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
                        terms.add(new ProvidedTermSpec(key, provider.parse(c)));
                    }
                }
            }
        }

        ConfigNode i = root.child("initial");
        InitialSpec initial = new InitialSpec("williamson5", 0, 5500, null, "last", defaultVariables(),
                InitialPerturbation.NONE);
        if (i != null) {
            i.allowOnly("case", "alpha", "depth", "file", "time", "variables", "perturbation");
            lines.put("initial", i.line());
            if (i.has("case") == i.has("file")) {
                throw new ConfigException(file, i.line(), "initial", "give exactly one of 'case' (one of "
                        + String.join(", ", CASES) + ") or 'file' (a NetCDF file)");
            }
            if (i.has("case")) {
                String c = i.choice("case", null, CASES.toArray(new String[0]));
                if (i.has("alpha") && !c.equals("williamson2")) {
                    throw i.error("alpha", "only case williamson2 has a rotation angle alpha");
                }
                if (i.has("depth") && !c.equals("rest")) {
                    throw i.error("depth", "only case rest has a depth");
                }
                if (i.has("time") || i.has("variables")) {
                    throw i.error(i.has("time") ? "time" : "variables", "only an initial 'file' has this key");
                }
                initial = new InitialSpec(c, i.number("alpha", 0, -90, 90, "degrees"), i.number("depth", 5500, 1, 1e5, "m"), null,
                        null, Map.of(), perturbation(i));
            } else {
                if (i.has("alpha")) {
                    throw i.error("alpha", "only case williamson2 has a rotation angle alpha, not an initial file");
                }
                if (i.string("file", null) == null) {
                    throw i.error("file", "expected the path of a NetCDF file");
                }
                String time = i.string("time", "last");
                if (!time.equals("first") && !time.equals("last") && !time.matches("[0-9]{1,9}")) {
                    throw i.error("time", "expected first, last or a record index (0, 1, ...), got \"" + time + "\"");
                }
                lines.put("initial.file", i.line("file"));
                lines.put("initial.variables", i.line("variables"));
                initial = new InitialSpec(null, 0, 5500, i.string("file", null), time,
                        i.stringMap("variables", defaultVariables(), List.of("h", "u", "v", "topography")), perturbation(i));
            }
        }

        ConfigNode d = root.child("dynamics");
        double referenceDepth = Double.NaN;
        if (d != null && d.has("referenceDepth")) {
            if (!SEMI_IMPLICIT.equals(d.string("integrator", ""))) {
                throw d.error("referenceDepth", "only the semi-implicit integrator (integrator: " + SEMI_IMPLICIT
                        + ") has a reference depth");
            }
            referenceDepth = d.number("referenceDepth", Double.NaN, 1, 1e5, "m");
        }
        return new ShallowWaterSpec(terms, initial, referenceDepth);
    }

    /** {@code initial.perturbation: {amplitude: 10, correlationLength: 1e6, seed: 1}}, or none. */
    private static InitialPerturbation perturbation(ConfigNode initial) {
        ConfigNode p = initial.child("perturbation");
        if (p == null) {
            return InitialPerturbation.NONE;
        }
        p.allowOnly("amplitude", "correlationLength", "seed");
        return new InitialPerturbation(p.number("amplitude", 0, 0, 1e4, "m"), p.number("correlationLength", 0, 0, 1e8, "m"),
                p.integer("seed", 1, 0, Integer.MAX_VALUE));
    }

    private static double polarScaling(ConfigNode c) {
        if (c.has("polarScalingLatitude") && "none".equals(c.string("polarScalingLatitude", ""))) {
            return Double.NaN;
        }
        return c.number("polarScalingLatitude", 45, 1, 89, "degrees latitude, or none");
    }

    private static Map<String, String> defaultVariables() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("h", "h");
        m.put("u", "u");
        m.put("v", "v");
        return m;
    }

    /** A tendency term of the scenario. */
    public sealed interface TermSpec {
    }

    /** Biharmonic diffusion, coefficient [m^4/s], polar scaling latitude [degrees] (NaN: none). */
    public record HyperdiffusionSpec(double coefficient, boolean depth, double polarScalingLatitude) implements TermSpec {
    }

    /** Laplacian diffusion, coefficient [m^2/s]. */
    public record DiffusionSpec(double coefficient, boolean depth, double polarScalingLatitude) implements TermSpec {
    }

    /**
     * A term contributed by another module through {@link TermProvider}.
     *
     * @param key     its key under {@code terms:}
     * @param builder how to build it
     */
    public record ProvidedTermSpec(String key, TermProvider.Builder builder) implements TermSpec {
    }

    /** Rayleigh drag, rate [1/s]. */
    public record DragSpec(double rate) implements TermSpec {
    }

    /** Newtonian relaxation of h toward the initial depth, time scale [s]. */
    public record RelaxationSpec(double timeScale) implements TermSpec {
    }

    /** Backward-Euler meridional diffusion of h, coefficient [m^2/s]. */
    public record ImplicitDiffusionSpec(double coefficient) implements TermSpec {
    }

    /**
     * The initial state: a built-in case, or fields read from a NetCDF file on the model grid.
     *
     * @param builtIn   case name ({@code williamson2}, {@code williamson5}, {@code williamson6},
     *                  {@code galewsky}, {@code galewsky-perturbed}, {@code rest}), or null when read from a file
     * @param alpha     rotation angle of case 2's flow [degrees]
     * @param depth     the uniform depth of case {@code rest} (a layer at rest) [m]
     * @param file      NetCDF file, or null
     * @param time      which record of the file: "first", "last" or an index
     * @param variables file variable names for h, u, v and (optional) topography b
     * @param perturbation a seeded random perturbation added to h ({@link InitialPerturbation#NONE}: none)
     */
    public record InitialSpec(String builtIn, double alpha, double depth, String file, String time, Map<String, String> variables,
                              InitialPerturbation perturbation) {
        public InitialSpec {
            java.util.Objects.requireNonNull(perturbation, "perturbation");
        }

        /** The same initial state with another perturbation of h. */
        public InitialSpec withPerturbation(InitialPerturbation p) {
            return new InitialSpec(builtIn, alpha, depth, file, time, variables, p);
        }
    }

}
