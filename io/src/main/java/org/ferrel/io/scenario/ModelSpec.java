package org.ferrel.io.scenario;

/**
 * The family-specific part of a {@link Scenario} (its terms, initial state, levels), as its
 * {@link ModelFamily} read it.
 */
public interface ModelSpec {

    /** The family's key ({@link ModelFamily#key()}). */
    String family();

    /** The random perturbation added to the initial state ({@link InitialPerturbation#NONE}: none). */
    InitialPerturbation perturbation();

    /** The same model with another perturbation of its initial state (an ensemble member's). */
    ModelSpec withPerturbation(InitialPerturbation p);
}
