package org.ferrel.cluster.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ferrel.io.scenario.InitialPerturbation;
import org.ferrel.io.scenario.Scenario;

/**
 * An ensemble as read from an ensemble file by {@link EnsembleFile}: a base scenario and how its
 * members differ from it.
 *
 * @param name         names the output directory
 * @param origin       the ensemble file
 * @param text         the ensemble file's text (copied to the output directory)
 * @param scenario     the base scenario
 * @param sampling     how parameter values are chosen
 * @param memberCount  number of members
 * @param seed         seed of the sampling and the perturbations
 * @param perturbation perturbation of the initial h (its seed is replaced per member), or none
 * @param partitions   Spark partitions (tasks) the members are split into
 * @param lines        line of each dotted key, for errors after parsing
 */
public record Ensemble(String name, String origin, String text, Scenario scenario, Sampling sampling, int memberCount, long seed,
                       InitialPerturbation perturbation, int partitions, Map<String, Integer> lines) {
    public Ensemble {
        lines = Map.copyOf(lines);
    }

    /** Every member, in id order. */
    public List<Member> members() {
        List<String> names = sampling.parameters().stream().map(ParameterRange::name).toList();
        List<Member> members = new ArrayList<>(memberCount);
        for (int i = 0; i < memberCount; i++) {
            members.add(new Member(i, names, sampling.values(i, memberCount, seed), Seeds.of(seed, i, 1_000_003)));
        }
        return members;
    }

    /** The line of a dotted key in the ensemble file, 0 when unknown. */
    public int line(String key) {
        return lines.getOrDefault(key, 0);
    }
}
