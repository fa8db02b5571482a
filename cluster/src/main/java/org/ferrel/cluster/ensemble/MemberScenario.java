package org.ferrel.cluster.ensemble;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ferrel.io.scenario.InitialPerturbation;
import org.ferrel.io.scenario.Scenario;

/**
 * The scenario a member runs: the base scenario named after the member, with the member's
 * parameter values put in (over the base's {@code parameters:}) and its own perturbation of the
 * initial h. The scenario text (kept in the output's global attributes) is the base text with a
 * closing comment that says what the member changed.
 */
public final class MemberScenario {
    private MemberScenario() {
    }

    public static Scenario of(Scenario base, Member member, InitialPerturbation perturbation) {
        Map<String, double[]> values = new LinkedHashMap<>(base.parameterValues());
        StringBuilder note = new StringBuilder("\n# ferrel ensemble ").append(member.label()).append(':');
        double[] v = member.values();
        for (int k = 0; k < v.length; k++) {
            values.put(member.names().get(k), new double[] {v[k]});
            note.append(' ').append(member.names().get(k)).append(" = ").append(Double.toString(v[k])).append(';');
        }
        InitialPerturbation p = perturbation.withSeed(member.perturbationSeed());
        if (!p.isNone()) {
            note.append(String.format(Locale.ROOT, " initial state perturbed (amplitude %s, correlation length %s m, seed %d);",
                    Double.toString(p.amplitude()), Double.toString(p.correlationLength()), p.seed()));
        }
        note.append('\n');
        String text = base.text().endsWith("\n") ? base.text() : base.text() + "\n";
        return base.derive(member.label(), text + note.substring(1), values, base.model().withPerturbation(
                p.isNone() ? base.model().perturbation() : p));
    }
}
