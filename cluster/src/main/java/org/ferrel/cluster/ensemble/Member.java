package org.ferrel.cluster.ensemble;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * One ensemble member: its id, the parameter values it runs with and the seed of its initial
 * perturbation.
 *
 * @param id               0-based member id; names its output {@code member-XXXX.nc}
 * @param names            the varied parameters' names
 * @param values           their values, in the order of {@code names}
 * @param perturbationSeed seed of the member's perturbation of the initial h
 */
public record Member(int id, List<String> names, double[] values, long perturbationSeed) implements Serializable {
    public Member {
        names = List.copyOf(names);
        values = values.clone();
        if (names.size() != values.length) {
            throw new IllegalArgumentException("names and values differ in length");
        }
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** {@code member-0007}: the member's name and the stem of its output file. */
    public String label() {
        return label(id);
    }

    public static String label(int id) {
        return String.format(Locale.ROOT, "member-%04d", id);
    }

    /** The output file's name, {@code member-0007.nc}. */
    public String outputName() {
        return label() + ".nc";
    }
}
