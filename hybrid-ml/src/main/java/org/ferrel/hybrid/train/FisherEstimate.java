package org.ferrel.hybrid.train;

/**
 * How K-FAC estimates the second factor G = E[g g^T] of each layer, g being the derivative with
 * respect to the layer's pre-activations. For the mean-squared-error loss (a Gaussian likelihood)
 * the Fisher is the Gauss-Newton matrix {@code E[J^T H_out J]} with {@code H_out = (2/n) I}.
 */
public enum FisherEstimate {
    /**
     * The expectation over the model's predictive distribution, exactly: one backward pass per
     * output unit with {@code sqrt(2/n) e_o}, summed. Costs n backward passes; deterministic.
     * For a single linear layer it makes K-FAC's step the Gauss-Newton (here Newton) step.
     */
    EXACT,
    /**
     * Targets sampled from the model's predictive distribution (Martens &amp; Grosse 2015, section 5):
     * one backward pass of {@code sqrt(2/n) eps}, eps standard normal from a seeded generator.
     */
    SAMPLED,
    /** The empirical Fisher: the backward pass of the actual per-sample loss gradients. */
    EMPIRICAL
}
