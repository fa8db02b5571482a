package org.ferrel.cluster.ensemble;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ferrel.io.scenario.InitialPerturbation;

/**
 * What a Spark task needs to run one member, all of it serializable: the base scenario as text
 * (rebuilt on the executor), the member, its perturbation and where its output goes.
 *
 * @param scenarioText      the base scenario file's text
 * @param scenarioOrigin    its path (initial files are found relative to it, so on a cluster it must be on a shared file system)
 * @param member            the member
 * @param amplitude         perturbation amplitude of the initial h [m] (0: none)
 * @param correlationLength perturbation correlation length [m]
 * @param store             the output directory (path or URI)
 * @param seed              the ensemble's seed (the member's values and perturbation derive from it and the member's id)
 */
public record MemberTask(String scenarioText, String scenarioOrigin, Member member, double amplitude, double correlationLength,
                         String store, long seed) implements Serializable {

    /** The task of one member of an ensemble. */
    public static MemberTask of(Ensemble e, Member m, String store) {
        return new MemberTask(e.scenario().text(), e.scenario().origin(), m, e.perturbation().amplitude(),
                e.perturbation().correlationLength(), store, e.seed());
    }

    public InitialPerturbation perturbation() {
        return new InitialPerturbation(amplitude, correlationLength, member.perturbationSeed());
    }

    /**
     * The global attributes that make the member's output file self-describing, numbers as numeric attributes:
     * {@code ensemble_member} and {@code ensemble_seed} (int), one double attribute per sampled parameter named
     * after it (their names in {@code ensemble_parameters}, separated by spaces), and for a perturbed initial state
     * {@code ensemble_perturbation_amplitude} and {@code ensemble_perturbation_correlation_length} (double) and
     * {@code ensemble_perturbation_seed} (a 64-bit integer, which NetCDF-3 attributes cannot hold: as text, in decimal).
     *
     * @param history the file's {@code history}
     */
    public Map<String, Object> attributes(String history) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("history", history);
        a.put("ensemble_member", member.id());
        a.put("ensemble_seed", seed == (int) seed ? (Object) (int) seed : Long.toString(seed));   // ensemble files: an int
        a.put("ensemble_parameters", String.join(" ", member.names()));
        double[] values = member.values();
        for (int k = 0; k < values.length; k++) {
            a.put(member.names().get(k), values[k]);
        }
        InitialPerturbation p = perturbation();
        if (!p.isNone()) {
            a.put("ensemble_perturbation_amplitude", p.amplitude());
            a.put("ensemble_perturbation_correlation_length", p.correlationLength());
            a.put("ensemble_perturbation_seed", Long.toString(p.seed()));
        }
        return a;
    }
}
