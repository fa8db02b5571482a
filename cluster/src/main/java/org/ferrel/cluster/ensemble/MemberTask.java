package org.ferrel.cluster.ensemble;

import java.io.Serializable;
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
 */
public record MemberTask(String scenarioText, String scenarioOrigin, Member member, double amplitude, double correlationLength,
                         String store) implements Serializable {

    /** The task of one member of an ensemble. */
    public static MemberTask of(Ensemble e, Member m, String store) {
        return new MemberTask(e.scenario().text(), e.scenario().origin(), m, e.perturbation().amplitude(),
                e.perturbation().correlationLength(), store);
    }

    public InitialPerturbation perturbation() {
        return new InitialPerturbation(amplitude, correlationLength, member.perturbationSeed());
    }
}
